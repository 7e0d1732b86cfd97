package dev.poolwise.internal;

import java.sql.SQLException;

/**
 * Driver exceptions with their secrets masked, before the pool keeps one (as the last connect failure) and
 * repeats it: in a borrow-timeout message and its cause chain, in {@code health()}, JMX, a failed start, a
 * log line or a listener call. Drivers put the URL they could not reach in their messages, password and all
 * ({@code jdbc:mariadb://root:secret@host}).
 *
 * <p>An exception whose messages (its own and its causes') have nothing to mask is returned as it is, so
 * its identity, type and stack are untouched in the common case. Otherwise the copy is a plain
 * {@link SQLException} with the same SQLState, vendor code and stack trace, and a masked copy of each cause:
 * the driver's own exception type is lost, which a classifier working on SQLState does not need.
 */
final class MaskedFailure {

    private MaskedFailure() {
    }

    /**
     * @param failure a driver's exception, or {@code null}
     * @return the same exception when nothing in its cause chain needs masking, else a masked copy
     */
    static SQLException of(SQLException failure) {
        if (failure == null || !needsMasking(failure)) {
            return failure;
        }
        SQLException copy = new SQLException(JdbcUrlMask.mask(failure.getMessage()), failure.getSQLState(),
                failure.getErrorCode(), maskedCause(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** @return the text with secrets masked: for driver messages the pool builds into its own */
    static String message(Throwable failure) {
        return failure == null ? null : JdbcUrlMask.mask(failure.getMessage());
    }

    private static boolean needsMasking(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(JdbcUrlMask.mask(message))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable maskedCause(Throwable cause) {
        return maskedCause(cause, 0);
    }

    /** Depth-bounded, since a cause chain may loop. */
    private static Throwable maskedCause(Throwable cause, int depth) {
        if (cause == null || depth > 20) {
            return null;
        }
        if (!needsMasking(cause)) {
            return cause;
        }
        Exception copy = new Exception(cause.getClass().getName() + ": " + JdbcUrlMask.mask(cause.getMessage()),
                cause.getCause() == cause ? null : maskedCause(cause.getCause(), depth + 1));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }
}
