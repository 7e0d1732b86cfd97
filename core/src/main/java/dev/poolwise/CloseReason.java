package dev.poolwise;

/**
 * Why the pool closed a physical connection. Each physical connection is closed exactly once, with one reason.
 */
public enum CloseReason {
    /** It reached {@code maxLifetime} (minus its jitter) and was retired. */
    LIFETIME,
    /** It sat idle for longer than {@code idleTimeout} while the pool held more than {@code minimumIdle}. */
    IDLE,
    /** A fatal SQL error was seen through it (see {@link ConnectionErrorClassifier}); it is never reused. */
    BROKEN,
    /** It failed validation on borrow or a keepalive check. */
    VALIDATION_FAILED,
    /** It was evicted on request ({@code evictIdle}, {@code softEvictAll} or {@code evict} on a handle). */
    EVICTED,
    /** The pool shrank below the number of connections it held ({@code resize}). */
    RESIZED,
    /** Unpooled mode: the borrower returned it, so it is closed. */
    UNPOOLED,
    /** The pool was closed and this connection was idle or came back before the shutdown timeout. */
    SHUTDOWN,
    /** The pool was closed and this connection was still borrowed at the shutdown timeout: it was aborted. */
    ABORTED,
    /** Resetting it to the pool's default state failed, so it could not be reused. */
    RESET_FAILED
}
