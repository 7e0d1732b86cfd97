package dev.poolwise.internal.sizing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Counts the fleet's connections on the server, by client label ({@link FleetLabel}). One implementation per
 * place that knows: PostgreSQL ({@link PostgresFleetCounter}), MariaDB and MySQL ({@link MySqlFleetCounter}),
 * PgBouncer's admin console ({@link PgBouncerFleetCounter}).
 *
 * <p>A counter gets its connection from a {@link ConnectionSource} for each count and closes it afterwards:
 * for the database counters that will be a borrow from the pool itself (so it counts itself, as it should),
 * for PgBouncer a separate connection to its admin console. Every failure comes back as
 * {@link FleetCountResult.Unavailable}; {@link #count} does not throw.
 */
public interface FleetCounter {

    /** Where a counter gets the connection it counts with; the counter closes it. */
    @FunctionalInterface
    interface ConnectionSource {

        /** @return a connection to count on */
        Connection get() throws SQLException;
    }

    /**
     * Thrown by a {@link ConnectionSource} that could not get a connection within its short wait because the
     * pool's connections are all borrowed: {@link FleetCountResult.Cause#BUSY}, not a failure to count.
     */
    final class NoConnectionYet extends SQLException {

        private static final long serialVersionUID = 1L;

        /** @param message what was waited for, and how long */
        public NoConnectionYet(String message) {
            super(message);
        }
    }

    /**
     * @param fleet the fleet to count
     * @return the count, or why there is none
     */
    FleetCountResult count(FleetLabel fleet);
}
