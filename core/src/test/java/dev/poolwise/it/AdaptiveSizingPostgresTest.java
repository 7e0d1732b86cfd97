package dev.poolwise.it;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.it.Sql.execute;
import static dev.poolwise.it.Sql.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An adaptive pool on a real PostgreSQL server, with the control loop on its own schedule: a load of borrowers
 * that each hold a connection through {@code pg_sleep} makes the target grow; once the load stops, the target
 * falls back to its floor and the idle connections above it close. Throughout, a sampler counts the pool's
 * backends in {@code pg_stat_activity} (by their application name) and the pool's own total. No timing is
 * asserted: the awaits have generous bounds and only the outcome is checked.
 */
class AdaptiveSizingPostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String APPLICATION = "pw-adaptive-it";
    private static final int MAXIMUM = 8;
    private static final int BORROWERS = 6;

    @Test
    void theTargetGrowsUnderLoadAndShrinksAfterItWhileTheCountsAddUp() throws Exception {
        List<TargetSizeChange> changes = new CopyOnWriteArrayList<>();
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl() + "?ApplicationName=" + APPLICATION)
                .username(EmbeddedPostgresExtension.USER)
                .poolName("pg-adaptive")
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofMillis(200))
                .maximumPoolSize(MAXIMUM)
                .connectionTimeout(Duration.ofSeconds(30))
                .registerMbeans(false)
                .listener(new PoolListener() {
                    @Override
                    public void onTargetSizeChanged(TargetSizeChange change) {
                        changes.add(change);
                    }
                })
                .build();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger peakServer = new AtomicInteger();
        AtomicInteger peakTotal = new AtomicInteger();
        AtomicBoolean load = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(BORROWERS + 1);
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            assertThat(ds.stats().targetSize()).as("an adaptive pool starts at its floor").isEqualTo(1);
            Future<?> sampler = threads.submit(() -> sample(ds, sampling, peakServer, peakTotal));
            List<Future<Integer>> borrowers = new ArrayList<>();
            for (int i = 0; i < BORROWERS; i++) {
                borrowers.add(threads.submit(() -> borrowUntilStopped(ds, load)));
            }

            await("the target to grow under load").atMost(Duration.ofSeconds(90))
                    .until(() -> changes.stream().anyMatch(c -> c.target() >= 4));
            load.set(false);
            int borrows = 0;
            for (Future<Integer> borrower : borrowers) {
                borrows += borrower.get(60, TimeUnit.SECONDS);
            }
            assertThat(borrows).isPositive();

            await("the target to fall back to its floor and the idle connections above it to close")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> ds.stats().targetSize() == 1 && ds.stats().total() == 1);
            sampling.set(false);
            sampler.get(30, TimeUnit.SECONDS);

            PoolStats stats = ds.stats();
            assertThat(stats.connectionsCreated() - stats.totalClosed()).as("created - closed == open")
                    .isEqualTo(stats.total());
            assertThat(stats.connectionsCreated()).as("the pool grew past its first connection").isGreaterThan(1);
            assertThat(stats.acquireTimeouts()).isZero();
            await("the server to see what the pool has open (a closed backend exits a moment later)")
                    .atMost(Duration.ofSeconds(30)).until(() -> serverCount() == stats.total());
        } finally {
            load.set(false);
            sampling.set(false);
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(peakServer.get()).as("never more backends than maximumPoolSize").isBetween(2, MAXIMUM);
        assertThat(peakTotal.get()).as("never more slots than maximumPoolSize").isBetween(2, MAXIMUM);
        assertThat(changes).as("grew, then shrank for idleness")
                .anyMatch(c -> c.reason().direction() == TargetSizeChange.Direction.UP)
                .anyMatch(c -> c.reason() == TargetSizeChange.Reason.SHRINK_IDLE)
                .allSatisfy(c -> {
                    assertThat(c.target()).isBetween(c.floor(), c.ceiling());
                    assertThat(c.ceiling()).isEqualTo(MAXIMUM);
                });
        await("every backend to go once the pool is closed").atMost(Duration.ofSeconds(30))
                .until(() -> serverCount() == 0);
    }

    /** One borrower: borrow, hold through a 20 ms sleep on the server, give back; until told to stop. */
    private static int borrowUntilStopped(PoolwiseDataSource ds, AtomicBoolean load) throws SQLException {
        int borrows = 0;
        while (load.get()) {
            try (Connection c = ds.getConnection()) {
                execute(c, "SELECT pg_sleep(0.02)");
            }
            borrows++;
        }
        return borrows;
    }

    /** Samples the pool's backends on the server and its own total every 20 ms; peaks are asserted later. */
    private static Void sample(PoolwiseDataSource ds, AtomicBoolean sampling, AtomicInteger peakServer,
            AtomicInteger peakTotal) throws SQLException, InterruptedException {
        try (Connection admin = PG.adminConnection()) {
            while (sampling.get()) {
                peakServer.accumulateAndGet(serverCount(admin), Math::max);
                peakTotal.accumulateAndGet(ds.stats().total(), Math::max);
                Thread.sleep(20);
            }
        }
        return null;
    }

    private static int serverCount() throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            return serverCount(admin);
        }
    }

    private static int serverCount(Connection admin) throws SQLException {
        return queryInt(admin, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APPLICATION + "'");
    }
}
