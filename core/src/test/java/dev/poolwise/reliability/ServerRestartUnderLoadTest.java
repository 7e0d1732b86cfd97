package dev.poolwise.reliability;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.it.EmbeddedPostgresExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import static dev.poolwise.reliability.Sql.queryInt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, scenario 3: PostgreSQL stops and starts again on the same port and data directory while 8 threads
 * work through a pool of 4. Every failure reaches its caller as an {@link SQLException} within its timeout;
 * once the server accepts connections again, no connection from before the restart is handed out and work
 * succeeds again within a bound stated below.
 */
class ServerRestartUnderLoadTest {

    private static final int THREADS = 8;
    private static final int MAXIMUM = 4;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** The bound on recovery: the opener's backoff caps at 1 s while someone waits, plus 1 s of slack. */
    private static final long RECOVERY_BOUND_MILLIS = 2_000;

    /** One borrow-query-return, as its caller saw it. */
    private record Operation(long startNanos, long endNanos, Throwable failure, boolean stale) {
    }

    @Test
    void everyFailureIsAnSqlExceptionInTimeAndWorkResumesWithinTwoSecondsOfTheServerAccepting(
            @TempDir Path dataDirectory) throws Exception {
        int port = freePort();
        EmbeddedPostgres server = startOn(port, dataDirectory);
        String url = EmbeddedPostgresExtension.jdbcUrl(port) + "?ApplicationName=rel-restart&connectTimeout=1"
                + "&loginTimeout=2&socketTimeout=5";
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(url)
                .username(EmbeddedPostgresExtension.USER)
                .poolName("rel-restart")
                .maximumPoolSize(MAXIMUM)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .validationTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        Queue<Operation> operations = new ConcurrentLinkedQueue<>();
        Set<Object> beforeRestart = ConcurrentHashMap.newKeySet();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        long stoppedAt;
        long acceptingAt;
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            for (int t = 0; t < THREADS; t++) {
                workers.execute(() -> {
                    while (running.get()) {
                        operations.add(work(ds, beforeRestart, restarted));
                    }
                });
            }
            Thread.sleep(1_000);

            stoppedAt = System.nanoTime();
            server.close();
            restarted.set(true);
            // Probes from another thread, so that the time the server first accepts is not the time
            // startOn() returned.
            ExecutorService prober = Executors.newSingleThreadExecutor();
            Future<Long> accepting = prober.submit(() -> firstAcceptedConnect(url, stoppedAt));
            prober.shutdown();
            Thread.sleep(500);
            server = startOn(port, dataDirectory);
            acceptingAt = accepting.get(60, TimeUnit.SECONDS);
            Thread.sleep(3_000);

            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(20, TimeUnit.SECONDS)).as("workers finished").isTrue();
            assertThat(ds.stats().active()).isZero();
        } finally {
            workers.shutdownNow();
            server.close();
        }

        List<Operation> all = List.copyOf(operations);
        List<Operation> failed = all.stream().filter(o -> o.failure() != null).toList();
        assertThat(failed).as("operations failed while the server was down").isNotEmpty();
        assertThat(failed).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(SQLException.class));
        long bound = CONNECTION_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(2);
        assertThat(all).allSatisfy(o -> assertThat(o.endNanos() - o.startNanos())
                .as("each operation answered within connectionTimeout + validation + slack (4 s)")
                .isLessThanOrEqualTo(bound));
        assertThat(all).as("no connection from before the restart handed out after it")
                .noneMatch(o -> o.stale() && o.startNanos() > acceptingAt);

        long firstSuccess = all.stream().filter(o -> o.failure() == null && o.startNanos() > stoppedAt)
                .mapToLong(Operation::endNanos).filter(end -> end > acceptingAt).min().orElse(Long.MAX_VALUE);
        assertThat(firstSuccess).as("work succeeded after the restart").isNotEqualTo(Long.MAX_VALUE);
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(firstSuccess - acceptingAt);
        System.out.printf("server restart: down for %d ms; first success %d ms after the server accepted; "
                        + "%d operations, %d failed%n", TimeUnit.NANOSECONDS.toMillis(acceptingAt - stoppedAt),
                recoveryMillis, all.size(), failed.size());
        assertThat(recoveryMillis).as("work succeeds again soon after the server accepts connections")
                .isLessThanOrEqualTo(RECOVERY_BOUND_MILLIS);
        long settled = acceptingAt + TimeUnit.MILLISECONDS.toNanos(RECOVERY_BOUND_MILLIS);
        assertThat(all.stream().filter(o -> o.startNanos() > settled))
                .as("once recovered, every operation works (nothing stale)").isNotEmpty()
                .allSatisfy(o -> assertThat(o.failure()).isNull());
    }

    private static Operation work(PoolwiseDataSource ds, Set<Object> beforeRestart, AtomicBoolean restarted) {
        long start = System.nanoTime();
        boolean stale = false;
        try (Connection c = ds.getConnection()) {
            Object physical = c.unwrap(PGConnection.class);
            if (restarted.get()) {
                stale = beforeRestart.contains(physical);
            } else {
                beforeRestart.add(physical);
            }
            queryInt(c, "SELECT 1");
            Thread.sleep(2);
            return new Operation(start, System.nanoTime(), null, stale);
        } catch (Throwable t) {
            return new Operation(start, System.nanoTime(), t, stale);
        }
    }

    /** Polls with plain JDBC connects until the server accepts one; @return when it did. */
    private static long firstAcceptedConnect(String url, long since) {
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection probe = DriverManager.getConnection(url, EmbeddedPostgresExtension.USER, "")) {
                return System.nanoTime();
            } catch (SQLException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new AssertionError("the restarted server did not accept a connection within 60 s");
    }

    private static EmbeddedPostgres startOn(int port, Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
