package dev.poolwise;

import java.sql.SQLException;

/**
 * A pool's health as a load balancer or an orchestrator wants it: can it serve, and if it serves badly, why.
 *
 * @param status    UP, DEGRADED or DOWN
 * @param reason    a sentence saying why the status is not UP ({@code "ok"} when it is)
 * @param lastError for DOWN, the last connect failure; otherwise {@code null}
 */
public record PoolHealth(Status status, String reason, SQLException lastError) {

    /** The three answers. */
    public enum Status {
        /** Serving normally. */
        UP,
        /**
         * Serving, but badly: saturated with waiters for some seconds, borrows timed out recently,
         * connections are suspected of leaking, or (with a {@code fleetBudget}) the fleet cannot be counted and
         * the pool has fallen back to its static ceiling.
         */
        DEGRADED,
        /**
         * Cannot serve a new borrower: the last attempt to open a connection failed and either no physical
         * connection is open, or connects have kept failing for 5 s with none idle (the open ones are all
         * borrowed, by a long transaction or a leak, say); or the pool is closed.
         */
        DOWN
    }

    @Override
    public String toString() {
        return status + (status == Status.UP ? "" : " (" + reason + ")");
    }
}
