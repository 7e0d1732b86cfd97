package dev.poolwise.cli.top;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;

/**
 * The JVM {@code poolwise top} attaches to in {@link TopCommandTest}: opens a Poolwise pool and a HikariCP
 * pool with their MBeans registered, borrows some connections from each and holds them, and an adaptive Poolwise
 * pool that nobody borrows from (so its target stays at its floor, {@code minimumIdle}); prints {@value #READY}
 * once the counts have settled, and closes everything when its standard input ends.
 *
 * <p>Arguments: the JDBC URL of a PostgreSQL database the user {@code postgres} may enter without a
 * password; or {@code --no-pools}, to hold no pools at all.
 */
public final class PoolHoldingProcess {

    /** The line printed once the pools hold their connections. */
    static final String READY = "READY";
    static final String POOLWISE_POOL = "top-orders";
    static final int POOLWISE_MAX = 5;
    static final int POOLWISE_HELD = 3;
    static final String HIKARI_POOL = "top-legacy";
    static final int HIKARI_MAX = 4;
    static final int HIKARI_HELD = 2;
    static final String ADAPTIVE_POOL = "top-elastic";
    static final int ADAPTIVE_MAX = 6;
    /** The adaptive pool's floor: with no borrower ever queueing, its target stays here. */
    static final int ADAPTIVE_FLOOR = 2;
    /** How long the pools get to open their connections before this process gives up. */
    private static final long SETTLE_MILLIS = 60_000;

    private PoolHoldingProcess() {
    }

    /** @param args the database's JDBC URL, or {@code --no-pools} */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--no-pools")) {
            System.out.println(READY);
            waitForEndOfInput();
            return;
        }
        String url = args[0];
        List<Connection> held = new ArrayList<>();
        try (PoolwiseDataSource poolwise = new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(url).username("postgres").poolName(POOLWISE_POOL)
                .maximumPoolSize(POOLWISE_MAX).minimumIdle(POOLWISE_MAX).registerMbeans(true).build());
                HikariDataSource hikari = new HikariDataSource(hikariConfig(url));
                PoolwiseDataSource adaptive = new PoolwiseDataSource(PoolConfig.builder()
                        .jdbcUrl(url).username("postgres").poolName(ADAPTIVE_POOL).sizing(SizingMode.ADAPTIVE)
                        .maximumPoolSize(ADAPTIVE_MAX).minimumIdle(ADAPTIVE_FLOOR).registerMbeans(true).build())) {
            for (int i = 0; i < POOLWISE_HELD; i++) {
                held.add(poolwise.getConnection());
            }
            for (int i = 0; i < HIKARI_HELD; i++) {
                held.add(hikari.getConnection());
            }
            HikariPoolMXBean hikariPool = hikari.getHikariPoolMXBean();
            awaitCounts("Poolwise", () -> {
                PoolStats stats = poolwise.stats();
                return stats.total() == POOLWISE_MAX && stats.idle() == POOLWISE_MAX - POOLWISE_HELD;
            });
            awaitCounts("HikariCP", () -> hikariPool.getTotalConnections() == HIKARI_MAX
                    && hikariPool.getIdleConnections() == HIKARI_MAX - HIKARI_HELD);
            // Reading the stats starts the pool, which then fills to its floor.
            awaitCounts("adaptive Poolwise", () -> adaptive.stats().idle() == ADAPTIVE_FLOOR);
            System.out.println(READY);
            waitForEndOfInput();
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private static HikariConfig hikariConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPoolName(HIKARI_POOL);
        config.setMaximumPoolSize(HIKARI_MAX);
        config.setMinimumIdle(HIKARI_MAX);
        config.setRegisterMbeans(true);
        return config;
    }

    private static void awaitCounts(String pool, BooleanSupplier settled) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (!settled.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the " + pool + " pool did not reach its expected counts in "
                        + SETTLE_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static void waitForEndOfInput() throws IOException {
        InputStream in = System.in;
        while (in.read() != -1) {
            // Anything the test writes is ignored; the end of input is the signal to stop.
        }
    }
}
