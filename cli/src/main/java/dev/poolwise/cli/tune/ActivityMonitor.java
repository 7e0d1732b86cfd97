package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Watches the pool's connections from the database's side: PostgreSQL's {@code pg_stat_activity} (by the
 * pools' application name) or MySQL's and MariaDB's {@code information_schema.PROCESSLIST} (by tune's
 * database), through one connection of its own that the counts leave out. What the database sees is the
 * check on what the pool claims: a pool of 8 should show at most 8.
 *
 * <p>Used from one thread at a time (the step's coordinator). When the view cannot be read (a user without
 * the privilege, a closed connection) sampling stops and the step reports no samples rather than failing.
 */
public final class ActivityMonitor implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement query;
    private String unavailable;

    /**
     * @param database the database to watch
     * @throws SQLException when the monitoring connection cannot be opened
     */
    public ActivityMonitor(TuneDatabase database) throws SQLException {
        this.connection = database.connect(false);
        PreparedStatement prepared = null;
        try {
            prepared = connection.prepareStatement(database.dialect().activityQuery());
            prepared.setString(1, database.activityFilter());
        } catch (SQLException e) {
            unavailable = e.getMessage();
        }
        this.query = prepared;
    }

    /** @return why the activity view could not be read, or {@code null} when it could */
    public String unavailableReason() {
        return unavailable;
    }

    /** @return a sampler for one step's window */
    public Sampler sampler() {
        return new Sampler();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing depends on it any more; the server will see the socket close.
        }
    }

    /** Samples taken during one window. */
    public final class Sampler {
        private int samples;
        private int openMax;
        private int activeMax;
        private long activeSum;

        private Sampler() {
        }

        /** Takes one sample, unless the view has proved unreadable. */
        public void sample() {
            if (unavailable != null) {
                return;
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                int open = rows.getInt(1);
                int active = rows.getInt(2);
                samples++;
                openMax = Math.max(openMax, open);
                activeMax = Math.max(activeMax, active);
                activeSum += active;
            } catch (SQLException e) {
                unavailable = e.getMessage();
            }
        }

        /** @return the window's counts */
        public SizeResult.DatabaseActivity summary() {
            if (samples == 0) {
                return SizeResult.DatabaseActivity.NONE;
            }
            return new SizeResult.DatabaseActivity(openMax, activeMax, (double) activeSum / samples, samples);
        }
    }
}
