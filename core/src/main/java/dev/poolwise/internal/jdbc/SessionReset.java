package dev.poolwise.internal.jdbc;

import dev.poolwise.PoolConfig;
import dev.poolwise.internal.Pool;
import dev.poolwise.internal.PooledConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Objects;
import java.util.Set;

/**
 * Puts a returned connection back in the pool's default state (DESIGN.md invariant 5), touching only what the
 * borrower changed, in an order that cannot commit what the borrower left uncommitted:
 * <ol>
 *   <li>the transaction: rolled back when the driver reports one open ({@link DriverTransactionState}), or,
 *       where it cannot say, when auto-commit is off and the handle saw anything that may have opened one;
 *       before auto-commit is restored, since turning auto-commit on commits;</li>
 *   <li>the opt-in {@code connectionResetSql}, after a borrow that ran SQL, outside any transaction; the pool's
 *       configured defaults are re-applied after it, since a statement like {@code DISCARD ALL} resets them;</li>
 *   <li>each setting whose {@link SessionChange} bit is set and whose value differs from the default;</li>
 *   <li>warnings cleared, and JDBC 4.3's {@code endRequest()} (skipped, like {@code beginRequest()}, where the
 *       driver keeps {@code java.sql.Connection}'s no-op default: {@link DriverTraits}).</li>
 * </ol>
 * A clean return (no bit set, no transaction) costs no round trip on drivers whose {@code clearWarnings} and
 * {@code endRequest} are local, as pgjdbc's and MariaDB's are.
 *
 * <p>Runs on the returning thread, which owns the connection ({@code IN_USE}); any exception means the
 * connection's state is unknown, and the caller closes it instead of reusing it.
 */
final class SessionReset {

    private SessionReset() {
    }

    static void reset(PooledConnection current, Connection raw) throws SQLException {
        PooledConnection.DefaultState defaults = current.defaults();
        int dirty = current.dirtyBits;
        DriverTraits traits = current.driverTraits;
        int transaction = traits.transactionState.state(raw);
        if (transaction == DriverTransactionState.OPEN
                || (transaction == DriverTransactionState.UNKNOWN && current.transactionDirty && !current.autoCommit)) {
            rollback(raw, current.autoCommit);
        }
        String resetSql = SessionChange.SQL.in(dirty) ? current.pool().config().getConnectionResetSql() : null;
        if (resetSql != null) {
            runResetSql(current, raw, resetSql);
            dirty = current.dirtyBits;
        }
        if (dirty != 0) {
            restoreSettings(current, raw, defaults, dirty);
        }
        raw.clearWarnings();
        if (traits.requestHooks) {
            raw.endRequest();
        }
        current.resetTracking();
    }

    /**
     * Rolls back the open transaction. Under auto-commit, JDBC's {@code rollback()} is not allowed (pgjdbc
     * throws), yet an explicit {@code BEGIN} may have opened one: roll it back in SQL.
     */
    private static void rollback(Connection raw, boolean autoCommit) throws SQLException {
        if (autoCommit) {
            try (Statement statement = raw.createStatement()) {
                statement.execute("ROLLBACK");
            }
        } else {
            raw.rollback();
        }
    }

    /**
     * Runs {@code connectionResetSql} with auto-commit on (PostgreSQL's {@code DISCARD ALL} may not run inside
     * a transaction block), then marks every configured default dirty so that the restore below re-applies it.
     */
    private static void runResetSql(PooledConnection current, Connection raw, String sql) throws SQLException {
        if (!current.autoCommit) {
            raw.setAutoCommit(true); // nothing is open: the rollback above ran
            current.autoCommit = true;
            current.dirtyBits |= SessionChange.AUTO_COMMIT.bit;
        }
        try (Statement statement = raw.createStatement()) {
            statement.execute(sql);
        }
        PoolConfig config = current.pool().config();
        if (config.getTransactionIsolation() != null) {
            current.isolation = -1;
            current.dirtyBits |= SessionChange.ISOLATION.bit;
        }
        if (config.isReadOnly()) {
            current.readOnly = false;
            current.dirtyBits |= SessionChange.READ_ONLY.bit;
        }
        if (config.getCatalog() != null) {
            current.catalog = null;
            current.dirtyBits |= SessionChange.CATALOG.bit;
        }
        if (config.getSchema() != null) {
            current.schema = null;
            current.dirtyBits |= SessionChange.SCHEMA.bit;
            current.defaultSearchPath = null; // the server's default path is gone; restore by setSchema
        }
        // The reset statement may have reset the server's copy of client info (RESET ALL does).
        if (current.defaultClientInfo != null) {
            current.dirtyBits |= SessionChange.CLIENT_INFO.bit;
            current.changedClientInfo = current.defaultClientInfo.stringPropertyNames();
        }
    }

    private static void restoreSettings(PooledConnection current, Connection raw,
                                        PooledConnection.DefaultState defaults, int dirty) throws SQLException {
        if (SessionChange.AUTO_COMMIT.in(dirty) && current.autoCommit != defaults.autoCommit) {
            raw.setAutoCommit(defaults.autoCommit);
        }
        if (SessionChange.ISOLATION.in(dirty) && current.isolation != defaults.isolation) {
            raw.setTransactionIsolation(defaults.isolation);
        }
        if (SessionChange.READ_ONLY.in(dirty) && current.readOnly != defaults.readOnly) {
            raw.setReadOnly(defaults.readOnly);
        }
        if (SessionChange.CATALOG.in(dirty) && defaults.catalog != null
                && !Objects.equals(current.catalog, defaults.catalog)) {
            raw.setCatalog(defaults.catalog);
        }
        if (SessionChange.SCHEMA.in(dirty)) {
            restoreSchema(current, raw, defaults);
        }
        if (SessionChange.HOLDABILITY.in(dirty) && current.defaultHoldability != 0) {
            raw.setHoldability(current.defaultHoldability);
        }
        if (SessionChange.TYPE_MAP.in(dirty) && current.defaultTypeMap != null) {
            raw.setTypeMap(new HashMap<>(current.defaultTypeMap));
        }
        if (SessionChange.CLIENT_INFO.in(dirty) && current.defaultClientInfo != null
                && current.changedClientInfo != null) {
            Set<String> names = current.changedClientInfo;
            for (String name : names) {
                raw.setClientInfo(name, current.defaultClientInfo.getProperty(name));
            }
        }
        if (SessionChange.NETWORK_TIMEOUT.in(dirty) && defaults.networkTimeout >= 0
                && current.networkTimeout != defaults.networkTimeout) {
            raw.setNetworkTimeout(Pool.DIRECT_EXECUTOR, defaults.networkTimeout);
        }
    }

    /**
     * PostgreSQL: reads {@code search_path} in the form {@code SET search_path TO ...} accepts, before the
     * borrower's first {@code setSchema} on this connection (one round trip, only then).
     */
    static String readSearchPath(Connection raw) throws SQLException {
        try (Statement statement = raw.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SHOW search_path")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * On PostgreSQL, {@code setSchema(s)} replaces the whole {@code search_path} with {@code s}, so setting
     * the default schema back would still lose the rest of the path (say {@code "$user", public} becomes
     * {@code public}): restore the path as it was read before the borrower's first change.
     */
    private static void restoreSchema(PooledConnection current, Connection raw,
                                      PooledConnection.DefaultState defaults) throws SQLException {
        if (current.defaultSearchPath != null) {
            try (Statement statement = raw.createStatement()) {
                statement.execute("SET SESSION search_path TO " + current.defaultSearchPath);
            }
            if (!raw.getAutoCommit()) {
                raw.commit();
            }
        } else if (defaults.schema != null && !Objects.equals(current.schema, defaults.schema)) {
            raw.setSchema(defaults.schema);
        }
    }
}
