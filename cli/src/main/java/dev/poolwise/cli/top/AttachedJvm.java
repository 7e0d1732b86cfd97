package dev.poolwise.cli.top;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;

/**
 * A JMX connection to another JVM's local management agent, opened by {@link JvmAttacher#attach(long)}.
 * Closing it closes the connector; the agent keeps running in the target, as {@code jcmd} leaves it.
 */
public final class AttachedJvm implements AutoCloseable {

    private final LocalJvm jvm;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    AttachedJvm(LocalJvm jvm, JMXConnector connector, MBeanServerConnection server) {
        this.jvm = jvm;
        this.connector = connector;
        this.server = server;
    }

    /** @return the JVM this connection reaches */
    public LocalJvm jvm() {
        return jvm;
    }

    /** @return its MBean server, to read pools from */
    public MBeanServerConnection server() {
        return server;
    }

    /** Closes the JMX connection; safe to call more than once. Failing to close (the JVM exited) is ignored. */
    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // The target is gone or the connection already broke: nothing is left open on our side.
        }
    }
}
