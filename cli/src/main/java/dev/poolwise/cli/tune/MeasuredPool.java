package dev.poolwise.cli.tune;

import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

/**
 * The pools tune can measure: Poolwise always, HikariCP with {@code --compare hikari}. Both are opened with
 * the same settings: a fixed size (minimum idle = maximum, so the pool is full before measuring), a
 * connection timeout long enough that a small pool under 64 clients queues rather than fails, and tune's
 * schema.
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
            return new OpenPool(dataSource, dataSource::close);
        }
        PoolConfig config = database.configure(PoolConfig.builder())
                .poolName(poolName)
                .maximumPoolSize(size)
                .minimumIdle(size)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .build();
        PoolwiseDataSource dataSource = new PoolwiseDataSource(config);
        return new OpenPool(dataSource, dataSource::close);
    }

    /**
     * A pool opened for one step.
     *
     * @param dataSource where clients borrow connections
     * @param closer     closes the pool and its connections
     */
    public record OpenPool(DataSource dataSource, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }
}
