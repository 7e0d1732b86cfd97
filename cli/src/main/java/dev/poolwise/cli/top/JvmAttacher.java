package dev.poolwise.cli.top;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

/**
 * Finds local JVMs and attaches to one through the Attach API ({@code jdk.attach}): starts its local
 * management agent and connects JMX to it, over loopback.
 *
 * <p>Only JVMs the Attach API lists are attached to. On Linux, before JDK 24 (JDK-8342449), attaching to a
 * process that has not started its attach listener sends it SIGQUIT; a JVM takes that as "start listening",
 * any other process dies of it. Refusing unlisted PIDs keeps a mistyped PID from stopping a database server.
 *
 * <p>Callers check that the {@code jdk.attach} module is present before they touch this class: it refers to
 * the Attach API's classes, which a runtime without the module cannot load.
 */
public final class JvmAttacher {

    private JvmAttacher() {
    }

    /** @return the JVMs running as this user on this machine, this one left out, by PID */
    public static List<LocalJvm> list() {
        long self = ProcessHandle.current().pid();
        List<LocalJvm> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            Long pid = parsePid(descriptor.id());
            // A JVM that crashed can leave its entry behind; list only live processes.
            if (pid != null && pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                jvms.add(new LocalJvm(pid, descriptor.displayName()));
            }
        }
        jvms.sort(Comparator.comparingLong(LocalJvm::pid));
        return jvms;
    }

    /**
     * @param pid the process id of another JVM, running as this user
     * @return an open JMX connection to it
     * @throws AttachFailedException when there is no such process, it is not a listed JVM, attaching is
     *                               refused, or its management agent cannot be reached
     */
    public static AttachedJvm attach(long pid) throws AttachFailedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new AttachFailedException("no process with PID " + pid
                    + "; run `poolwise top` without a PID to list the local JVMs");
        }
        VirtualMachineDescriptor descriptor = null;
        for (VirtualMachineDescriptor candidate : VirtualMachine.list()) {
            if (String.valueOf(pid).equals(candidate.id())) {
                descriptor = candidate;
            }
        }
        if (descriptor == null) {
            String command = process.get().info().command().orElse("a process");
            throw new AttachFailedException("PID " + pid + " (" + command + ") is not a JVM poolwise can attach to:"
                    + " the Attach API does not list it. Either it is not Java, it runs as another user or in"
                    + " another container, or it was started with -XX:-UsePerfData. Run `poolwise top` to list"
                    + " the JVMs it can attach to");
        }
        LocalJvm jvm = new LocalJvm(pid, descriptor.displayName());
        String address = startManagementAgent(descriptor, pid);
        try {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            try {
                return new AttachedJvm(jvm, connector, connector.getMBeanServerConnection());
            } catch (IOException | RuntimeException e) {
                connector.close();
                throw e;
            }
        } catch (IOException e) {
            throw new AttachFailedException("cannot connect to the management agent of PID " + pid + " at "
                    + address + ": " + e.getMessage(), e);
        }
    }

    /** @return the JMX service URL of the target's local management agent, started if it was not running */
    private static String startManagementAgent(VirtualMachineDescriptor descriptor, long pid)
            throws AttachFailedException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(descriptor);
        } catch (AttachNotSupportedException | IOException e) {
            throw new AttachFailedException("cannot attach to PID " + pid + ": " + e.getMessage()
                    + ". The JVM must run as the same user as poolwise, on a HotSpot JDK or JRE that was not"
                    + " started with -XX:+DisableAttachMechanism", e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new AttachFailedException("PID " + pid + " refused to start its local management agent: "
                    + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // The agent is started and its address known; a failed detach leaves nothing open here.
            }
        }
    }

    private static Long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
