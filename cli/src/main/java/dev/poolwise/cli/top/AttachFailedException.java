package dev.poolwise.cli.top;

/**
 * {@code poolwise top} could not reach a JVM's pools: no such process, not a JVM, attaching refused, the
 * management agent unreachable, or no Attach API in this Java runtime. The message says which, with the PID,
 * and what to do.
 */
public final class AttachFailedException extends Exception {

    /** @param message what went wrong and what to do */
    public AttachFailedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause   the Attach API's or JMX's exception
     */
    public AttachFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
