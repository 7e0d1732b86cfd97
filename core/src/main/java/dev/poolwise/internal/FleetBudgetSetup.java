package dev.poolwise.internal;

import dev.poolwise.Credentials;
import dev.poolwise.PoolConfig;
import dev.poolwise.internal.sizing.FleetBudget;
import dev.poolwise.internal.sizing.FleetCeilingSource;
import dev.poolwise.internal.sizing.FleetCountResult;
import dev.poolwise.internal.sizing.FleetCounter;
import dev.poolwise.internal.sizing.FleetShare;
import dev.poolwise.internal.sizing.MySqlFleetCounter;
import dev.poolwise.internal.sizing.PgBouncerFleetCounter;
import dev.poolwise.internal.sizing.PostgresFleetCounter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Builds a pool's {@link FleetBudget} from its configuration ({@code fleetBudget > 0}), and gives its counter
 * the connections it counts on.
 *
 * <p><b>Where a count's connection comes from.</b>
 * <ul>
 *   <li><b>On the database</b> (PostgreSQL, MariaDB, MySQL): one of the pool's own connections, borrowed from
 *       its bag like any borrower (an idle one at once, else the next one returned, waiting at most
 *       {@link #COUNT_WAIT_NANOS} or {@code connectionTimeout}, whichever is shorter) and put back after the
 *       count. So a count never opens a connection of its own and never takes the fleet past what the pool
 *       already holds; the pool counts itself, carrying its label; and a pool whose connections all stay
 *       borrowed through the wait skips that count ({@link FleetCountResult.Cause#BUSY}), keeps its last
 *       ceiling and tries again at the next sizing step. While it waits it is a waiter like any other: an
 *       empty pool opens a connection for it, within its target.</li>
 *   <li><b>On PgBouncer's console</b> ({@code fleetConsoleUrl}): a separate, short-lived connection to the
 *       console, as {@code fleetConsoleUsername}/{@code fleetConsolePassword} (default: the pool's
 *       credentials), with {@code preferQueryMode=simple} and {@code replication=database} unless the URL
 *       sets them. The console's own clients are not counted, and it is not one of the database's
 *       connections.</li>
 * </ul>
 *
 * <p><b>Before the first count.</b> The pool counts once as it starts, after its first connection and before
 * it fills to {@code minimumIdle} (see {@code Pool}'s constructor); until a count succeeds its ceiling is what
 * it has open ({@link FleetBudget}).
 */
final class FleetBudgetSetup {

    /** The longest a count waits for a pooled connection: the count is not worth holding the housekeeper for. */
    static final long COUNT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private FleetBudgetSetup() {
    }

    /**
     * @param pool a pool whose factory, bag and first connection exist, before its housekeeper starts
     * @return its fleet budget after a first count (when it has an idle connection to count on), or
     *         {@link FleetCeilingSource#NONE} without a {@code fleetBudget} or in unpooled mode
     */
    static FleetCeilingSource start(Pool pool) {
        FleetConnectionLabels labels = pool.factory.fleetLabels();
        if (labels == null || pool.unpooled) {
            return FleetCeilingSource.NONE;
        }
        PoolConfig config = pool.config;
        FleetCounter counter = masked(counterFor(pool, labels));
        FleetBudget budget = new FleetBudget(pool.name, labels.label(), new FleetShare(config.getFleetBudget(), 1),
                counter, config.getFleetCountInterval().toNanos(), pool.clock::nanoTime, FleetBudget::jittered,
                pool.bag::size);
        if (pool.idleCount() > 0) {
            budget.ceiling(pool.maximumPoolSize, pool.slots.get());
        }
        return budget;
    }

    /** Counter messages may quote a server or URL; mask them once here, as every connect failure is. */
    private static FleetCounter masked(FleetCounter counter) {
        return fleet -> {
            FleetCountResult result = counter.count(fleet);
            if (result instanceof FleetCountResult.Unavailable unavailable) {
                return new FleetCountResult.Unavailable(unavailable.cause(), JdbcUrlMask.mask(unavailable.message()));
            }
            return result;
        };
    }

    private static FleetCounter counterFor(Pool pool, FleetConnectionLabels labels) {
        PoolConfig config = pool.config;
        if (config.getFleetConsoleUrl() != null) {
            return new PgBouncerFleetCounter(() -> openConsole(pool));
        }
        FleetCounter.ConnectionSource pooled = () -> borrowForCount(pool);
        switch (labels.dialect()) {
            case POSTGRESQL:
                return new PostgresFleetCounter(pooled, true);
            case MYSQL:
                return new MySqlFleetCounter(pooled, true);
            default:
                return new ChosenOnFirstCount(pooled);
        }
    }

    /**
     * For a pool built on a {@code DataSource}: the database is told by the first counting connection's
     * product name. Counted without the own-label check, since a {@code DataSource}'s connections may carry no
     * label. Used by the counting thread only.
     */
    private static final class ChosenOnFirstCount implements FleetCounter {
        private final ConnectionSource pooled;
        private FleetCounter chosen;

        ChosenOnFirstCount(ConnectionSource pooled) {
            this.pooled = pooled;
        }

        @Override
        public FleetCountResult count(dev.poolwise.internal.sizing.FleetLabel fleet) {
            if (chosen == null) {
                String product;
                try (Connection connection = pooled.get()) {
                    DatabaseMetaData meta = connection.getMetaData();
                    product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
                } catch (SQLException e) {
                    return FleetCountResult.Unavailable.of("telling the fleet's database by its product name", e);
                }
                if (product.contains("postgres")) {
                    chosen = new PostgresFleetCounter(pooled, false);
                } else if (product.contains("mariadb") || product.contains("mysql")) {
                    chosen = new MySqlFleetCounter(pooled, false);
                } else {
                    return new FleetCountResult.Unavailable(FleetCountResult.Cause.NOT_SUPPORTED, "the fleet budget"
                            + " counts on PostgreSQL, MariaDB, MySQL or PgBouncer's console, and this database is '"
                            + product + "'; set fleetBudget=0");
                }
            }
            return chosen.count(fleet);
        }
    }

    /**
     * Borrows one of the pool's connections for a count, without the borrow path's bookkeeping (no borrow
     * event, no hold time in the sizing window): the count is the pool's own work, not a borrower's.
     */
    private static Connection borrowForCount(Pool pool) throws SQLException {
        long wait = Math.min(COUNT_WAIT_NANOS, pool.connectionTimeoutNanos);
        PooledConnection connection = pool.bag.tryBorrow(); // on a miss, a waiter until awaitHandOff
        if (connection == null) {
            try {
                connection = pool.bag.awaitHandOff(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetCounter.NoConnectionYet("interrupted while waiting for a pooled connection to count on");
            }
        }
        if (connection == null) {
            throw new FleetCounter.NoConnectionYet("no pooled connection came free to count on within "
                    + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        }
        if (connection.doomed != null || pool.closed) {
            pool.unreserve(connection);
            throw new FleetCounter.NoConnectionYet("the pooled connection to count on was being retired");
        }
        connection.borrowedNanos = Pool.NOT_BORROWED; // not a borrower's: the leak scan passes it by
        return CountingConnection.wrap(pool, connection);
    }

    /**
     * The raw connection of a pooled one lent to a count: {@code close()} rolls back what the count began (when
     * the pool's default is not auto-commit) and gives it back to the pool, or closes it when the count found it
     * broken (SQLState class 08).
     */
    private static final class CountingConnection implements InvocationHandler {
        private final Pool pool;
        private final PooledConnection connection;
        private boolean broken;
        private boolean returned;

        private CountingConnection(Pool pool, PooledConnection connection) {
            this.pool = pool;
            this.connection = connection;
        }

        static Connection wrap(Pool pool, PooledConnection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new CountingConnection(pool, connection));
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    giveBack();
                    return null;
                case "isClosed":
                    return returned;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "fleet count on connection " + connection.id;
                default:
                    break;
            }
            if (returned) {
                throw new SQLException("the fleet count's connection was given back", "08003");
            }
            try {
                return method.invoke(connection.raw, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                    broken = true;
                }
                throw cause;
            }
        }

        private void giveBack() {
            if (returned) {
                return;
            }
            returned = true;
            if (!broken) {
                try {
                    if (!connection.raw.getAutoCommit()) {
                        connection.raw.rollback();
                    }
                    connection.raw.clearWarnings();
                } catch (SQLException e) {
                    broken = true;
                }
            }
            if (broken) {
                pool.closer.closeConnection(connection, dev.poolwise.CloseReason.BROKEN);
                pool.opener.requestFillIfNeeded();
            } else {
                pool.unreserve(connection);
            }
        }
    }

    /** A new connection to PgBouncer's admin console; the counter closes it. */
    private static Connection openConsole(Pool pool) throws SQLException {
        PoolConfig config = pool.config;
        String url = config.getFleetConsoleUrl();
        String username = config.getFleetConsoleUsername();
        String password = config.getFleetConsolePassword();
        if (username == null) {
            username = config.getUsername();
            password = password != null ? password : config.getPassword();
            if (config.getCredentialsProvider() != null) {
                Credentials credentials = config.getCredentialsProvider().credentials();
                if (credentials != null) {
                    username = credentials.username();
                    password = credentials.password();
                }
            }
        }
        Properties properties = new Properties();
        long connectMillis = Math.max(1000, config.getConnectionTimeout().toMillis());
        properties.putAll(ConnectionFactory.connectTimeoutProperties(url, connectMillis));
        String lower = url.toLowerCase(Locale.ROOT);
        if (FleetConnectionLabels.dialect(url) == FleetConnectionLabels.Dialect.POSTGRESQL) {
            // The console speaks only the simple query protocol, and refuses the SET pgjdbc 42.7.5+ sends
            // after login unless replication=database (see PgBouncerFleetCounter).
            if (!lower.contains("preferquerymode=")) {
                properties.setProperty("preferQueryMode", "simple");
            }
            if (!lower.contains("replication=")) {
                properties.setProperty("replication", "database");
            }
        }
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Driver driver = pool.factory.driver();
        if (driver == null || !driver.acceptsURL(url)) {
            driver = DriverManager.getDriver(url);
        }
        Connection console = driver.connect(url, properties);
        if (console == null) {
            throw new SQLException("no driver accepts fleetConsoleUrl " + JdbcUrlMask.mask(url), "08001");
        }
        return console;
    }
}
