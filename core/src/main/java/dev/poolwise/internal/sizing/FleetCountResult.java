package dev.poolwise.internal.sizing;

import java.sql.SQLException;

/**
 * What a {@link FleetCounter} returns: a count, or why there is none. Never an exception: a pool that cannot
 * count says so once, falls back to its static ceiling and reports it in {@code health()}.
 */
public sealed interface FleetCountResult {

    /**
     * @param count what the server showed
     */
    record Counted(FleetCount count) implements FleetCountResult {
    }

    /**
     * @param cause   the kind of failure, for the pool to decide whether to keep trying
     * @param message what happened, with the server's own words where it gave any, and what would fix it
     */
    record Unavailable(Cause cause, String message) implements FleetCountResult {

        /**
         * Classifies a failure by SQLState and vendor code.
         *
         * @param doing   what was being done, e.g. {@code reading pg_stat_activity}
         * @param failure what the driver threw
         * @return the failure as a result, its message naming what was done and the server's words
         */
        public static Unavailable of(String doing, SQLException failure) {
            String state = failure.getSQLState() == null ? "" : failure.getSQLState();
            int code = failure.getErrorCode();
            Cause cause;
            if (failure instanceof FleetCounter.NoConnectionYet) {
                return new Unavailable(Cause.BUSY, doing + ": " + failure.getMessage());
            }
            if (state.equals("42501") || code == 1142 || code == 1227 || code == 1044 || code == 1045
                    || String.valueOf(failure.getMessage()).contains("not allowed")) {
                cause = Cause.PERMISSION;
            } else if (state.equals("42P01") || state.equals("42703") || state.equals("42883") || code == 1146
                    || code == 1054) {
                cause = Cause.NOT_SUPPORTED;
            } else if (state.startsWith("08")) {
                cause = Cause.CONNECTION_FAILED;
            } else {
                cause = Cause.QUERY_FAILED;
            }
            return new Unavailable(cause, doing + " failed: " + failure.getMessage() + " (SQLState " + state
                    + ", vendor code " + code + ")");
        }
    }

    /** Why a count could not be read. */
    enum Cause {
        /** The user may not read what counting needs (SQLState 42501, MySQL 1142/1227, PgBouncer's console). */
        PERMISSION,
        /** The server does not offer what counting needs (an old version, a missing column or view). */
        NOT_SUPPORTED,
        /**
         * Something between the pool and the database hides the fleet (a transaction pooler shows only its own
         * server connections): count on the pooler's console instead.
         */
        POOLER_IN_BETWEEN,
        /** No connection for counting could be had, or it broke. */
        CONNECTION_FAILED,
        /** The counting query failed for another reason. */
        QUERY_FAILED,
        /**
         * Not a failure: no pooled connection came free for counting within its short wait (all borrowed). The
         * count is tried again soon; the last ceiling holds meanwhile.
         */
        BUSY
    }
}
