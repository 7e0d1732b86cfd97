package dev.poolwise.cli.tune;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

/**
 * The pools tune can measure: Poolwise always, HikariCP with {@code --compare hikari}. Both are opened with
 * the same settings: a fixed size (minimum idle = maximum, and the step waits until it is open,
 * {@link OpenPool#awaitFilled}), a connection timeout long enough that a small pool under 64 clients queues
 * rather than fails, and tune's schema.
 */
public enum MeasuredPool {
    /** A Poolwise pool. */
    POOLWISE("Poolwise"),
    /** A HikariCP pool. */
    HIKARI("HikariCP");

    /**
     * How long a client waits in {@code getConnection} before it counts a failure. Generous: at size 1 with 64
     * clients a wait of 64 transactions is expected, and tune measures waiting, it does not want to fail it.
     */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private final String displayName;

    MeasuredPool(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name used in options and the JSON, e.g. {@code poolwise}, {@code hikari} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the pool's name for people, e.g. {@code HikariCP} */
    public String displayName() {
        return displayName;
    }

    /**
     * @param text what {@code --compare} was given
     * @return the pool
     * @throws IllegalArgumentException when it names no pool tune can compare with
     */
    public static MeasuredPool compareTarget(String text) {
        if ("hikari".equalsIgnoreCase(text.strip()) || "hikaricp".equalsIgnoreCase(text.strip())) {
            return HIKARI;
        }
        throw new IllegalArgumentException("--compare " + text + ": the pool to compare with must be hikari");
    }

    /**
     * Opens a pool of a fixed size on tune's schema.
     *
     * @param database the database and schema
     * @param size     the pool's maximum (and minimum) size
     * @return the pool; the caller closes it
     */
    public OpenPool open(TuneDatabase database, int size) {
        String poolName = "tune-" + id() + "-" + size;
        if (this == HIKARI) {
            HikariConfig config = new HikariConfig();
            database.configure(config);
            config.setPoolName(poolName);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
            HikariDataSource dataSource = new HikariDataSource(config);
            return new OpenPool(dataSource, dataSource::close,
                    () -> dataSource.getHikariPoolMXBean().getIdleConnections());
        }
        PoolConfig config = database.configure(PoolConfig.builder())
                .poolName(poolName)
                .maximumPoolSize(size)
                .minimumIdle(size)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .build();
        PoolwiseDataSource dataSource = new PoolwiseDataSource(config);
        return new OpenPool(dataSource, dataSource::close, () -> dataSource.stats().idle());
    }

    /**
     * A pool opened for one step.
     *
     * @param dataSource      where clients borrow connections
     * @param closer          closes the pool and its connections
     * @param idleConnections how many connections the pool holds idle now
     */
    public record OpenPool(DataSource dataSource, Runnable closer, IntSupplier idleConnections)
            implements AutoCloseable {

        /** How often {@link #awaitFilled} looks. */
        private static final long POLL_MILLIS = 10;

        /**
         * Waits until the pool holds {@code size} idle connections, or {@code limit} has passed. Both pools open
         * their {@code minimumIdle} connections in the background, one at a time; a step that started its clients
         * at once would measure a pool of 32 while it still had 15 connections open on a busy database (its
         * clients slow every connect down), so the size in the report would not be the size measured.
         *
         * @param size  the connections to wait for
         * @param limit the longest wait; a database that will not open them all is then measured as it is
         * @return the idle connections when the wait ended: {@code size} or more unless the limit passed
         * @throws InterruptedException when the calling thread is interrupted
         */
        public int awaitFilled(int size, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            int idle = idleConnections.getAsInt();
            while (idle < size && System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL_MILLIS);
                idle = idleConnections.getAsInt();
            }
            return idle;
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
