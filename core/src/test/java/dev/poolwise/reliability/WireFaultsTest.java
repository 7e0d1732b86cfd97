package dev.poolwise.reliability;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.reliability.Sql.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Network faults between the pool and a real PostgreSQL, made by {@link FaultProxy}: a black-holed network
 * (issue 6, scenario 1), connections cut mid-query or while idle (scenario 2), and a slow network.
 *
 * <p>pgjdbc settings in the URL, so that a silent network turns into an error the pool can see:
 * {@code connectTimeout=1} (TCP connect, seconds), {@code loginTimeout=1} (the whole connect, startup and
 * authentication included: against a black hole the TCP connect to the proxy succeeds and the startup
 * message gets no answer) and {@code socketTimeout=3} (any read, so a statement on a black-holed connection
 * fails after 3 s instead of hanging forever).
 */
class WireFaultsTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);
    private static final int MAXIMUM = 4;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new FaultProxy(Sql.port(PG));
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private PoolConfig.Builder pool(String name) {
        return PoolConfig.builder()
                .jdbcUrl(EmbeddedPostgresExtension.jdbcUrl(proxy.port())
                        + "?ApplicationName=" + name + "&connectTimeout=1&loginTimeout=1&socketTimeout=3")
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(MAXIMUM)
                .minimumIdle(2)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .validationTimeout(VALIDATION_TIMEOUT)
                .keepaliveTime(Duration.ZERO)
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    /** The outcome of one borrow-and-query. */
    private record Attempt(long startedNanos, long borrowNanos, SQLException borrowFailure,
                           SQLException queryFailure) {
        boolean succeeded() {
            return borrowFailure == null && queryFailure == null;
        }
    }

    @Test
    void aBlackHoledDatabaseAnswersEveryBorrowWithinConnectionTimeoutAndServesAgainWhenTrafficFlows()
            throws Exception {
        String name = "rel-blackhole";
        AtomicInteger peakBackends = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = backendSampler(name, peakBackends, sampling);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).build())) {
            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(ds.stats().idle()).as(ds.stats().toString()).isGreaterThanOrEqualTo(2));
            int threadsBefore = liveThreadsOutsideTheProxy();

            // A client borrows every 250 ms, whatever happened to the previous borrow.
            List<Future<Attempt>> attempts = new ArrayList<>();
            long outageStart = 0;
            long outageEnd = 0;
            for (int tick = 0; tick < 40; tick++) {
                if (tick == 4) {
                    proxy.blackHole();
                    outageStart = System.nanoTime();
                }
                if (tick == 28) {
                    proxy.pass();
                    outageEnd = System.nanoTime();
                }
                attempts.add(clients.submit(() -> borrowAndQuery(ds)));
                Thread.sleep(250);
            }
            List<Attempt> done = new ArrayList<>();
            for (Future<Attempt> attempt : attempts) {
                done.add(attempt.get(30, TimeUnit.SECONDS));
            }

            long bound = CONNECTION_TIMEOUT.plus(VALIDATION_TIMEOUT).plusSeconds(1).toNanos();
            long slowest = done.stream().mapToLong(Attempt::borrowNanos).max().orElse(0);
            System.out.printf("black hole: slowest borrow answered in %d ms (bound %d ms)%n",
                    TimeUnit.NANOSECONDS.toMillis(slowest), TimeUnit.NANOSECONDS.toMillis(bound));
            assertThat(done).allSatisfy(a -> assertThat(a.borrowNanos())
                    .as("every borrow is answered within connectionTimeout + validationTimeout + 1 s")
                    .isLessThanOrEqualTo(bound));

            List<Attempt> failedBorrows = done.stream().filter(a -> a.borrowFailure() != null).toList();
            assertThat(failedBorrows).as("borrows failed while the database was unreachable").isNotEmpty();
            assertThat(failedBorrows).allSatisfy(a -> assertThat(a.borrowFailure().getMessage())
                    .contains(name).contains("total=").contains("waiting="));
            // Once the first connect has failed, every timeout names it as the cause.
            long firstCause = outageStart + TimeUnit.SECONDS.toNanos(2);
            List<Attempt> afterFirstConnectFailure = failedBorrows.stream()
                    .filter(a -> a.startedNanos() > firstCause).toList();
            assertThat(afterFirstConnectFailure).isNotEmpty().allSatisfy(a -> {
                assertThat(a.borrowFailure().getMessage()).contains("last connect failure");
                assertThat(a.borrowFailure().getCause()).isInstanceOf(SQLException.class);
            });

            // Serves again within a few seconds of traffic flowing.
            long end = outageEnd;
            long recovered = done.stream().filter(a -> a.startedNanos() >= end && a.succeeded())
                    .mapToLong(a -> a.startedNanos() + a.borrowNanos()).min().orElse(Long.MAX_VALUE);
            assertThat(recovered).as("a borrow after the outage succeeded").isNotEqualTo(Long.MAX_VALUE);
            long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(recovered - outageEnd);
            System.out.printf("black hole: served again %d ms after traffic flowed%n", recoveryMillis);
            assertThat(recoveryMillis).as("served again within a few seconds").isLessThanOrEqualTo(5_000);
            List<Attempt> late = done.subList(done.size() - 4, done.size());
            assertThat(late).as("the last second of borrows all worked").allMatch(Attempt::succeeded);

            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            // pgjdbc's login threads end with their socketTimeout; give them that long.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int threadsAfter;
            while ((threadsAfter = liveThreadsOutsideTheProxy()) > threadsBefore + 1 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(threadsAfter).as("threads back to their count before the outage (+1: the pool's opener "
                    + "may or may not be parked)").isLessThanOrEqualTo(threadsBefore + 1);
        } finally {
            clients.shutdownNow();
            sampling.set(false);
            sampler.join(5_000);
        }
        assertThat(peakBackends.get()).as("backends the database saw for the pool").isBetween(1, MAXIMUM);
    }

    private static Attempt borrowAndQuery(PoolwiseDataSource ds) {
        long start = System.nanoTime();
        Connection c;
        try {
            c = ds.getConnection();
        } catch (SQLException e) {
            return new Attempt(start, System.nanoTime() - start, e, null);
        }
        long borrowed = System.nanoTime() - start;
        try (Connection handle = c) {
            queryInt(handle, "SELECT 1");
            return new Attempt(start, borrowed, null, null);
        } catch (SQLException e) {
            return new Attempt(start, borrowed, null, e);
        }
    }

    @Test
    void aConnectionCutMidQueryFailsTheStatementIsNeverReusedAndTheNextBorrowWorks() throws Exception {
        String name = "rel-cut";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).maximumPoolSize(2).minimumIdle(0).build())) {
            Object cutPhysical;
            int cutPid;
            try (Connection c = ds.getConnection()) {
                cutPid = EmbeddedPostgresExtension.backendPid(c);
                cutPhysical = c.unwrap(org.postgresql.PGConnection.class);
                Thread cutter = new Thread(() -> {
                    sleep(500);
                    proxy.cutAll();
                });
                cutter.start();
                long start = System.nanoTime();
                SQLException failure = catchThrowableOfType(SQLException.class,
                        () -> queryInt(c, "SELECT count(*) FROM pg_sleep(10)"));
                cutter.join();
                assertThat((Throwable) failure).as("the statement on the cut connection").isNotNull();
                assertThat(failure.getSQLState()).as("a connection-class SQLState").startsWith("08");
                assertThat(System.nanoTime() - start).as("failed when cut, not at the end of the sleep")
                        .isLessThan(TimeUnit.SECONDS.toNanos(5));
            }
            await("the cut connection to be closed as broken").atMost(Duration.ofSeconds(10))
                    .until(() -> ds.stats().closed(CloseReason.BROKEN) == 1);

            Set<Integer> pids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                try (Connection c = ds.getConnection()) {
                    assertThat(c.unwrap(org.postgresql.PGConnection.class))
                            .as("the cut physical connection is never handed out again").isNotSameAs(cutPhysical);
                    assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                    pids.add(EmbeddedPostgresExtension.backendPid(c));
                }
            }
            assertThat(pids).doesNotContain(cutPid);
            assertThat(ds.stats().active()).isZero();
        }
    }

    @Test
    void idleConnectionsCutByTheNetworkAreReplacedOnTheNextBorrow() throws Exception {
        String name = "rel-cut-idle";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).minimumIdle(MAXIMUM)
                .validationBypassWindow(Duration.ZERO).build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.stats().idle() == MAXIMUM);
            proxy.cutAll();
            for (int i = 0; i < 2 * MAXIMUM; i++) {
                try (Connection c = ds.getConnection()) {
                    assertThat(queryInt(c, "SELECT 1")).as("borrow %d after the cut", i).isEqualTo(1);
                }
            }
            assertThat(ds.stats().validationFailures()).as("cut connections found by validation").isPositive();
        }
    }

    @Test
    void aSlowNetworkSlowsEveryRoundTripButNothingFailsOrIsThrownAway() throws Exception {
        String name = "rel-slow";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).validationBypassWindow(Duration.ZERO).build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.stats().idle() >= 2);
            proxy.delay(Duration.ofMillis(100));
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                try (Connection c = ds.getConnection()) {
                    assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("slow network (100 ms each way): 5 validated borrows and queries took %d ms%n", millis);
            assertThat(millis).as("the delay is in effect (10 round trips of at least 200 ms)")
                    .isGreaterThanOrEqualTo(1_000);
            assertThat(ds.stats().validationFailures()).as("validation (500 ms) outlasts a 200 ms round trip")
                    .isZero();
            assertThat(ds.stats().connectionsCreated()).as("no connection was thrown away").isLessThanOrEqualTo(3);
        }
    }

    /** Samples how many backends the server has for {@code applicationName} every 50 ms, keeping the peak. */
    private static Thread backendSampler(String applicationName, AtomicInteger peak, AtomicBoolean running) {
        Thread sampler = new Thread(() -> {
            try (Connection admin = PG.adminConnection()) {
                while (running.get()) {
                    peak.accumulateAndGet(Sql.backends(admin, applicationName), Math::max);
                    Thread.sleep(50);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "backend-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    /** Live threads, not counting the proxy's own (test infrastructure, two per proxied connection). */
    private static int liveThreadsOutsideTheProxy() {
        int n = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.getName().startsWith("fault-proxy-")) {
                n++;
            }
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
