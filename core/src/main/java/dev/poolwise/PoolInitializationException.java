package dev.poolwise;

/**
 * The pool could not start: its first connection could not be opened (or was invalid) within
 * {@code initializationFailTimeout}. The cause is the last connect failure, when there was one.
 */
public final class PoolInitializationException extends RuntimeException {

    /**
     * @param message what failed, naming the pool and the (masked) database address
     * @param cause   the last connect failure, or {@code null}
     */
    public PoolInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
