package dev.poolwise.it;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of a fleet, as its own JVM, for {@link FleetOfFourJvmsTest}: an adaptive pool with a fleet
 * budget on PostgreSQL, and {@value #WORKERS} worker threads that, while under load, borrow a connection, hold
 * it for a {@code pg_sleep} of {@value #HOLD_MILLIS} ms and give it back.
 *
 * <p>Driven through standard input, one command a line: {@code load}, {@code idle}, {@code quit}. Writes
 * {@code ready <label>} once its pool has started, then every {@value #REPORT_MILLIS} ms
 * {@code stats <total> <target> <active> <errors>}. Exits when standard input closes, so that a parent that
 * dies does not leave it running; its parent kills it anyway.
 *
 * <p>Arguments: JDBC URL, user, fleet name, fleet budget, maximumPoolSize.
 */
public final class FleetMember {

    static final int WORKERS = 8;
    static final int HOLD_MILLIS = 20;
    static final int REPORT_MILLIS = 250;

    private static volatile boolean loaded;
    private static volatile boolean quitting;
    private static final AtomicLong ERRORS = new AtomicLong();

    private FleetMember() {
    }

    public static void main(String[] args) throws Exception {
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(args[0])
                .username(args[1])
                .poolName("fleet-member")
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofMillis(200))
                .minimumIdle(1)
                .maximumPoolSize(Integer.parseInt(args[4]))
                .fleetName(args[2])
                .fleetBudget(Integer.parseInt(args[3]))
                .fleetCountInterval(Duration.ofSeconds(1))
                .connectionTimeout(Duration.ofSeconds(20))
                .registerMbeans(false)
                .build();
        try (PoolwiseDataSource dataSource = new PoolwiseDataSource(config)) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                Thread worker = new Thread(() -> work(dataSource), "fleet-member-worker-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            Thread reporter = new Thread(() -> report(dataSource), "fleet-member-reporter");
            reporter.setDaemon(true);
            String label;
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT application_name FROM pg_stat_activity"
                         + " WHERE pid = pg_backend_pid()")) {
                rows.next();
                label = rows.getString(1);
            }
            say("ready " + label);
            reporter.start();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null) {
                switch (command.trim()) {
                    case "load" -> loaded = true;
                    case "idle" -> loaded = false;
                    case "quit" -> quitting = true;
                    default -> say("unknown " + command);
                }
                if (quitting) {
                    break;
                }
            }
            quitting = true;
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    private static void work(PoolwiseDataSource dataSource) {
        while (!quitting) {
            if (!loaded) {
                pause(50);
                continue;
            }
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_sleep(" + HOLD_MILLIS / 1000.0 + ")");
            } catch (SQLException e) {
                ERRORS.incrementAndGet();
                pause(50);
            }
        }
    }

    private static void report(PoolwiseDataSource dataSource) {
        while (!quitting) {
            PoolStats stats = dataSource.stats();
            say("stats " + stats.total() + " " + stats.targetSize() + " " + stats.active() + " " + ERRORS.get());
            pause(REPORT_MILLIS);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quitting = true;
        }
    }
}
