package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolInitializationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a connection still works: on borrow (within what is left of the borrower's
 * {@code connectionTimeout}), for keepalive, and for the first connection at start-up. Uses
 * {@code Connection.isValid} or {@code connectionTestQuery}, bounded by {@code validationTimeout}. A failure is
 * counted, reported to listeners, and closes the connection; a failing {@code connectionTestQuery} is reported
 * once with its SQL error and the key name, since every validation fails the same way until it is fixed.
 */
final class ConnectionValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionValidator.class);

    /** The last SQL error a validation ran into (masked), for the messages that explain a failed start. */
    private volatile SQLException lastValidationFailure;
    /** Whether a failing {@code connectionTestQuery} was reported yet (once per pool is enough). */
    private volatile boolean testQueryReported;

    private final Pool pool;

    ConnectionValidator(Pool pool) {
        this.pool = pool;
    }

    /**
     * Validation on borrow, for a connection the borrower owns. Whatever escapes the driver (an
     * {@code Error} included) must not leave the connection {@code IN_USE} with nobody holding it: the
     * connection is closed, its slot given back, and the throwable rethrown.
     */
    boolean validateOnBorrow(PooledConnection connection, long budgetMillis) {
        try {
            return isAlive(connection, budgetMillis);
        } catch (Throwable e) {
            pool.closer.closeConnection(connection, CloseReason.VALIDATION_FAILED);
            throw e;
        }
    }

    boolean isAlive(PooledConnection connection) {
        return isAlive(connection, pool.validationMillis);
    }

    /**
     * Validates a connection within {@code validationTimeout}, or within {@code budgetMillis} if that is less,
     * so that a validation on borrow never carries the borrower past its {@code connectionTimeout}
     * (invariant 6). The network timeout bounds it to the millisecond where the driver supports one; the
     * {@code isValid} and query timeouts are in whole seconds, at least 1.
     */
    boolean isAlive(PooledConnection connection, long budgetMillis) {
        int timeoutMillis = (int) Math.max(1, Math.min(pool.validationMillis, budgetMillis));
        int timeoutSeconds = (int) Math.max(1, (timeoutMillis + 999L) / 1000);
        Connection raw = connection.raw;
        boolean timeoutSet = false;
        try {
            if (connection.defaults.networkTimeout >= 0) {
                raw.setNetworkTimeout(Pool.DIRECT_EXECUTOR, timeoutMillis);
                timeoutSet = true;
            }
            boolean alive;
            String query = pool.config.getConnectionTestQuery();
            if (query == null) {
                alive = raw.isValid(timeoutSeconds);
            } else {
                try (Statement statement = raw.createStatement()) {
                    statement.setQueryTimeout(timeoutSeconds);
                    statement.execute(query);
                }
                if (!connection.defaults.autoCommit) {
                    raw.rollback();
                }
                alive = true;
            }
            if (timeoutSet) {
                raw.setNetworkTimeout(Pool.DIRECT_EXECUTOR, connection.defaults.networkTimeout);
            }
            if (alive) {
                connection.lastAliveNanos = pool.clock.nanoTime();
            }
            return alive;
        } catch (SQLException e) {
            SQLException masked = MaskedFailure.of(e);
            lastValidationFailure = masked;
            String query = pool.config.getConnectionTestQuery();
            if (query != null && !pool.isFatal(e) && !testQueryReported) {
                // Not a connection problem but the query itself (a typo, a missing table or grant): say so once,
                // naming the setting, since every validation will fail the same way until it is fixed.
                testQueryReported = true;
                LOG.warn("{} - connectionTestQuery = '{}' failed: {} (SQLState {}); fix the query, or remove "
                        + "connectionTestQuery to validate with Connection.isValid", pool.name, query,
                        masked.getMessage(), masked.getSQLState());
            }
            LOG.debug("{} - connection {} failed validation: {}", pool.name, connection.id, masked.toString());
            return false;
        } catch (RuntimeException e) {
            LOG.debug("{} - connection {} failed validation: {}", pool.name, connection.id,
                    JdbcUrlMask.mask(e.toString()));
            return false;
        } catch (LinkageError e) {
            // An old driver compiled before JDBC 4 has no isValid (AbstractMethodError): a failed validation,
            // with advice, rather than an Error that would leave the borrower's connection unreleased.
            LOG.warn("{} - connection {} cannot be validated: {}; set connectionTestQuery for this driver", pool.name,
                    connection.id, e.toString());
            return false;
        }
    }

    void validationFailed(PooledConnection connection) {
        pool.validationFailures.increment();
        pool.events.validationFailed(connection.id);
        pool.closer.closeConnection(connection, CloseReason.VALIDATION_FAILED);
    }

    /** Names the setting and the SQL error when the first connection opened but failed validation. */
    PoolInitializationException firstValidationFailed() {
        SQLException failure = lastValidationFailure;
        String query = pool.config.getConnectionTestQuery();
        String how = query != null ? "connectionTestQuery = '" + query + "'" : "Connection.isValid";
        String why = failure != null ? ": " + failure.getMessage() + " (SQLState " + failure.getSQLState() + ")"
                : " (it returned false)";
        String advice = query != null && failure != null && !pool.isFatal(failure)
                ? "; fix connectionTestQuery, or remove it to validate with Connection.isValid" : "";
        return new PoolInitializationException(pool.name + " - the first connection to " + pool.factory.describe()
                + " opened but failed validation with " + how + why + advice, failure);
    }
}
