package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.cli.common.DatabaseTarget;
import dev.poolwise.cli.common.DurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs several kinds of pool through one of tune's workloads on embedded PostgreSQL, one after the other and
 * interleaved, in rounds whose order alternates (A B C, C B A, A B C ...), so that a machine whose speed drifts
 * within minutes weighs on every kind alike. Tune compares the adaptive pool with an oracle run minutes apart; on
 * the shared 2-core development machine the two oracle runs of one tune differed by 8 to 57%, so questions such as
 * "is an adaptive pool at a fixed size slower than a static one?" or "which sizing window follows `read` better?"
 * need this instead (docs/adaptive.md, "An adaptive pool held at one size, interleaved").
 *
 * <p>Kinds, in {@code -Dpoolwise.interleave.pools} (comma separated; default {@code static:8,pinned:8,adaptive:500ms}):
 * <ul>
 * <li>{@code static:N}: a static pool of N, filled before the clients start, as tune's sweep opens one;</li>
 * <li>{@code pinned:N}: an adaptive pool with {@code minimumIdle} = {@code maximumPoolSize} = N, so its target
 *     cannot move but every borrow feeds its control loop, as in any adaptive pool;</li>
 * <li>{@code adaptive:WINDOW}: an adaptive pool as tune runs it (ceiling {@value #CEILING}, from 1 connection) with
 *     that {@code sizingWindow}; {@code adaptive:WINDOW/TOLERANCE} also sets its {@code sizingTolerance}
 *     ({@code adaptive:500ms/0.05});</li>
 * <li>{@code alternating:A/B/PERIOD}: a static pool of A, resized to B and back every PERIOD ({@code resize}, as
 *     an operator over JMX): what moving between two sizes costs, without a controller;</li>
 * <li>{@code parked:A/B/PERIOD}: a static pool of the larger size, filled, whose surplus the report holds borrowed
 *     (parked) during A's periods: it moves between the same sizes as {@code alternating} without closing or
 *     opening a connection, so the two tell what of moving's cost is opening connections.</li>
 * </ul>
 * Each run opens a fresh pool, runs {@value #CLIENTS} clients for the warm-up ({@code poolwise.interleave.warmup},
 * 5s) and then measures ({@code poolwise.interleave.measure}, 30s). {@code poolwise.interleave.rounds} (4) and
 * {@code poolwise.interleave.workload} ({@code read}) set the rest. Before the first round the workload runs
 * unmeasured for 20 s at {@value #CEILING}, as tune's settle does.
 *
 * <p>It is a report, not a check: tagged {@code report} and left out of {@code ./mvnw verify}. Run it with
 * <pre>{@code
 * ./mvnw -pl cli test -Dtest=InterleavedPoolsReport -Dpoolwise.test.excludedGroups=none \
 *     -Dpoolwise.interleave.pools=static:4,adaptive:500ms,static:16,adaptive:1s
 * }</pre>
 * It writes {@code cli/target/interleaved-pools.md} (the table; each run's size, throughput and pool counts by
 * second; each free adaptive pool's changes of target, when and why) and prints it. It asserts only what any run
 * must show: work completed, no failed unit, every target within [1, ceiling].
 */
@Tag("report")
class InterleavedPoolsReport {

    private static final int CLIENTS = 64;
    private static final int CEILING = 32;
    private static final int SCALE = 10;
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final long SAMPLE_MILLIS = 100;
    /** The longest wait for a static pool's connections before its clients start, as tune's sweep waits. */
    private static final Duration FILL_LIMIT = Duration.ofSeconds(10);

    @Test
    void writesTheInterleavedTable() throws Exception {
        List<PoolKind> kinds = Arrays.stream(System.getProperty("poolwise.interleave.pools",
                "static:8,pinned:8,adaptive:500ms").split(",")).map(String::trim).map(PoolKind::parse).toList();
        int rounds = Integer.getInteger("poolwise.interleave.rounds", 4);
        DurationConverter durations = new DurationConverter();
        Duration warmup = durations.convert(System.getProperty("poolwise.interleave.warmup", "5s"));
        Duration measure = durations.convert(System.getProperty("poolwise.interleave.measure", "30s"));
        BuiltInWorkload workloadKind = BuiltInWorkload.fromId(System.getProperty("poolwise.interleave.workload",
                "read"));

        Map<String, List<Run>> byKind = new LinkedHashMap<>();
        kinds.forEach(kind -> byKind.put(kind.label(), new ArrayList<>()));
        StringBuilder seconds = new StringBuilder();
        try (DatabaseTarget target = DatabaseTarget.startEmbedded(CEILING)) {
            TuneDatabase database = new TuneDatabase(target.jdbcUrl(), target.username(), target.password(), true);
            database.createSchema();
            PgbenchSchema schema = new PgbenchSchema(SCALE);
            try (Connection setup = database.connect(true)) {
                schema.load(setup);
            }
            TuneWorkload workload = workloadKind.create(database.dialect(), schema);
            run(database, workload, PoolKind.parse("static:" + CEILING), SETTLE, Duration.ZERO);
            for (int round = 0; round < rounds; round++) {
                List<PoolKind> order = new ArrayList<>(kinds);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (PoolKind kind : order) {
                    Run run = run(database, workload, kind, warmup, measure);
                    byKind.get(kind.label()).add(run);
                    seconds.append(String.format(Locale.ROOT, "- round %d, %s (size:thousands/s): %s%n",
                            round + 1, kind.label(), run.bySecond()));
                    seconds.append("  - active/idle/waiting at each second's end: ").append(run.poolBySecond())
                            .append('\n');
                    if (!run.changes().isEmpty()) {
                        seconds.append("  - ").append(run.changes()).append('\n');
                    }
                }
            }
            database.dropSchema();
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "`%s`, %d clients, %d rounds in"
                + " alternating order, each run %s warm-up and %s measured on a fresh pool%n%n",
                workloadKind.id(), CLIENTS, rounds, DurationConverter.text(warmup), DurationConverter.text(measure)));
        table.append("| pool | mean units/s | each round | target (lowest–highest, mean) | open (mean) |\n"
                + "|---|--:|---|---|--:|\n");
        byKind.forEach((label, runs) -> table.append(row(label, runs)));
        table.append('\n').append(seconds);
        Path out = Path.of("target", "interleaved-pools.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);

        for (List<Run> runs : byKind.values()) {
            for (Run run : runs) {
                assertThat(run.failed()).as("failed units in a run of %s (first: %s)", run.kind(), run.firstFailure())
                        .isZero();
                assertThat(run.throughput()).as("units per second of %s", run.kind()).isPositive();
                assertThat(run.lowestTarget()).as("lowest target of %s", run.kind()).isGreaterThanOrEqualTo(1);
                assertThat(run.highestTarget()).as("highest target of %s", run.kind()).isLessThanOrEqualTo(CEILING);
            }
        }
    }

    /** One kind's line of the table: its mean over the rounds, each round's figure, its targets and open mean. */
    private static String row(String label, List<Run> runs) {
        List<String> eachRound = runs.stream()
                .map(run -> String.format(Locale.ROOT, "%,.0f", run.throughput()))
                .toList();
        return String.format(Locale.ROOT, "| %s | %,.0f | %s | %d–%d, %.1f | %.1f |%n", label,
                runs.stream().mapToDouble(Run::throughput).average().orElse(0), String.join(" / ", eachRound),
                runs.stream().mapToInt(Run::lowestTarget).min().orElse(0),
                runs.stream().mapToInt(Run::highestTarget).max().orElse(0),
                runs.stream().mapToDouble(Run::meanTarget).average().orElse(0),
                runs.stream().mapToDouble(Run::meanOpen).average().orElse(0));
    }

    /** Opens a fresh pool of {@code kind}, runs the clients for {@code warmup}, then measures for {@code measure}. */
    private static Run run(TuneDatabase database, TuneWorkload workload, PoolKind kind, Duration warmup,
                           Duration measure) throws InterruptedException {
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        // Written by this thread only; the clients read them to know when to count and when to stop.
        var state = new Object() {
            volatile boolean measuring;
            volatile boolean stopped;
        };
        List<Thread> clients = new ArrayList<>();
        AtomicInteger parked = new AtomicInteger();
        StringBuilder bySecond = new StringBuilder();
        // The pool at each second's last sample. A second that completed little while connections sat idle and
        // borrowers waited would be the pool's stall; with every open connection borrowed, it is the database's.
        StringBuilder poolBySecond = new StringBuilder();
        int samples = 0;
        long targetSum = 0;
        long openSum = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        long start;
        long end;
        // A free adaptive pool's changes of target, with when they came, as tune's listener hears them (tune's
        // adaptive pool has a listener too, so every borrow is timed in both), and what the controller remembered
        // the size it left completing, in thousands a second: beside a static pool's seconds, that shows whether
        // the pool's own windows read a size as a static pool of that size runs.
        List<String> changes = Collections.synchronizedList(new ArrayList<>());
        // How long each connect took that the pool made while its clients ran (growth, replacements): how dear
        // a raise is on the day, which the fill before the clients start does not show.
        List<Long> connectNanos = Collections.synchronizedList(new ArrayList<>());
        AtomicLong clientsStartedAt = new AtomicLong(Long.MAX_VALUE);
        long opened = System.nanoTime();
        PoolListener listener = new PoolListener() {
            @Override
            public void onConnectionCreated(String poolName, long connectionId, long createNanos) {
                if (System.nanoTime() - clientsStartedAt.get() > 0) {
                    connectNanos.add(createNanos);
                }
            }

            @Override
            public void onTargetSizeChanged(TargetSizeChange change) {
                Double left = change.measuredThroughput().get(change.previousTarget());
                changes.add(String.format(Locale.ROOT, "%.1f %d%s→%d %s", (System.nanoTime() - opened) / 1e9,
                        change.previousTarget(), left == null ? "" : String.format(Locale.ROOT, "(%.1fk)", left / 1e3),
                        change.target(), change.reason()));
            }
        };
        PoolwiseDataSource pool = new PoolwiseDataSource(kind.config(database, listener));
        try (MeasuredPool.OpenPool open = new MeasuredPool.OpenPool(pool, pool::close, () -> pool.stats().idle())) {
            open.awaitFilled(kind.filledWith(), FILL_LIMIT);
            for (int i = 1; i <= CLIENTS; i++) {
                Thread client = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!state.stopped) {
                        try (Connection connection = pool.getConnection()) {
                            workload.run(connection, random);
                            if (state.measuring) {
                                completed.increment();
                            }
                        } catch (SQLException | RuntimeException e) {
                            failed.increment();
                            firstFailure.compareAndSet(null, e.toString());
                            return;
                        }
                    }
                }, "interleaved-pools-client-" + i);
                client.setDaemon(true);
                clients.add(client);
            }
            clients.forEach(Thread::start);
            long clientsStarted = System.nanoTime();
            clientsStartedAt.set(clientsStarted);
            Thread parker = null;
            if (kind.churn()) {
                // Connects beside a static pool, made and closed by the report: what opening connections costs the
                // pool's clients while nothing about the pool moves.
                parker = new Thread(() -> churn(database, kind.period(), () -> state.stopped, connectNanos, failed,
                        firstFailure), "interleaved-pools-churn");
                parker.setDaemon(true);
                parker.start();
            } else if (kind.parked()) {
                parker = new Thread(() -> park(pool, kind, clientsStarted, parked, () -> state.stopped, failed,
                        firstFailure), "interleaved-pools-parker");
                parker.setDaemon(true);
                parker.start();
            }
            sleepResizing(pool, kind, clientsStarted, warmup.toMillis());
            state.measuring = true;
            start = System.nanoTime();
            long lastCompleted = 0;
            long sampleCount = measure.toMillis() / SAMPLE_MILLIS;
            long samplesPerSecond = 1000 / SAMPLE_MILLIS;
            for (long s = 1; s <= sampleCount; s++) {
                sleepResizing(pool, kind, clientsStarted, SAMPLE_MILLIS);
                PoolStats stats = pool.stats();
                // A parked pool's size is what its clients can borrow: the target less what the report holds.
                int size = stats.targetSize() - parked.get();
                samples++;
                targetSum += size;
                openSum += stats.total();
                lowest = Math.min(lowest, size);
                highest = Math.max(highest, size);
                if (s % samplesPerSecond == 0) {
                    long now = completed.sum();
                    bySecond.append(size).append(':').append((now - lastCompleted) / 1000).append(' ');
                    poolBySecond.append(stats.active()).append('/').append(stats.idle()).append('/')
                            .append(stats.waiting()).append(' ');
                    lastCompleted = now;
                }
            }
            state.measuring = false;
            end = System.nanoTime();
            state.stopped = true;
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(10).toMillis());
            }
            if (parker != null) {
                parker.join(Duration.ofSeconds(10).toMillis());
            }
        }
        double seconds = (end - start) / 1e9;
        // The pool is closed: no change comes in any more.
        Map<String, Long> reasons = changes.stream().collect(Collectors.groupingBy(
                change -> change.substring(change.lastIndexOf(' ') + 1), TreeMap::new, Collectors.counting()));
        String changeList = changes.isEmpty() ? "" : String.format(Locale.ROOT,
                "%d changes from the pool's start, %.1f s before the measurement (%s): %s", changes.size(),
                (start - opened) / 1e9, reasons, String.join(", ", changes));
        List<Long> connects = new ArrayList<>(connectNanos);
        if (!connects.isEmpty()) {
            Collections.sort(connects);
            changeList += String.format(Locale.ROOT, "%s%d connects while the clients ran: median %.0f ms,"
                    + " slowest %.0f ms", changeList.isEmpty() ? "" : "; ", connects.size(),
                    connects.get(connects.size() / 2) / 1e6, connects.get(connects.size() - 1) / 1e6);
        }
        return new Run(kind.label(), completed.sum() / Math.max(seconds, 1e-9), failed.sum(), firstFailure.get(),
                samples == 0 ? 0 : lowest, highest, samples == 0 ? 0 : (double) targetSum / samples,
                samples == 0 ? 0 : (double) openSum / samples, bySecond.toString().trim(),
                poolBySecond.toString().trim(), changeList);
    }

    /**
     * Sleeps {@code millis}; meanwhile an alternating pool is resized on its period's edges, counted from
     * {@code sinceNanos} (when its clients started).
     */
    private static void sleepResizing(PoolwiseDataSource pool, PoolKind kind, long sinceNanos, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(10, left / 1_000_000)));
            if (kind.alternating()) {
                int size = kind.alternatingSize((System.nanoTime() - sinceNanos) / 1_000_000);
                if (pool.stats().targetSize() != size) {
                    pool.resize(size, size);
                }
            }
        }
    }

    /**
     * A parked pool's parker: holds the connections above the size of the period it is in borrowed, so that the
     * clients are left that size, and gives them back in the larger size's periods, until {@code stopped}. What it
     * holds when it stops it gives back.
     */
    /** Opens a connection outside the pool, runs one query, closes it, every {@code period}, until stopped. */
    private static void churn(TuneDatabase database, Duration period, BooleanSupplier stopped, List<Long> connectNanos,
                              LongAdder failed, AtomicReference<String> firstFailure) {
        try {
            while (!stopped.getAsBoolean()) {
                long start = System.nanoTime();
                try (Connection connection = database.connect(true);
                     java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                connectNanos.add(System.nanoTime() - start);
                Thread.sleep(period.toMillis());
            }
        } catch (SQLException | RuntimeException e) {
            failed.increment();
            firstFailure.compareAndSet(null, "churn: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void park(PoolwiseDataSource pool, PoolKind kind, long sinceNanos, AtomicInteger parked,
                             BooleanSupplier stopped, LongAdder failed, AtomicReference<String> firstFailure) {
        Deque<Connection> held = new ArrayDeque<>();
        try {
            while (!stopped.getAsBoolean()) {
                int size = kind.alternatingSize((System.nanoTime() - sinceNanos) / 1_000_000);
                int surplus = kind.maximumPoolSize() - size;
                while (held.size() < surplus && !stopped.getAsBoolean()) {
                    held.push(pool.getConnection());
                    parked.set(held.size());
                }
                while (held.size() > surplus) {
                    held.pop().close();
                    parked.set(held.size());
                }
                Thread.sleep(5);
            }
        } catch (SQLException | RuntimeException e) {
            failed.increment();
            firstFailure.compareAndSet(null, "parker: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Connection connection : held) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    failed.increment();
                    firstFailure.compareAndSet(null, "parker: " + e);
                }
            }
            parked.set(0);
        }
    }

    private record Run(String kind, double throughput, long failed, String firstFailure, int lowestTarget,
                       int highestTarget, double meanTarget, double meanOpen, String bySecond, String poolBySecond,
                       String changes) {
    }

    /**
     * One kind of pool, from its label ({@code static:8}, {@code pinned:8}, {@code adaptive:500ms},
     * {@code adaptive:500ms/0.05}, {@code adaptive:500ms/0.1/5s} (window, tolerance, {@code sizingReserveTime}),
     * {@code alternating:8/16/2s}, {@code listened:16}: a static pool with the listener a free adaptive pool gets,
     * {@code churn:16/250ms}: a static pool while the report opens and closes a connection beside it every 250 ms).
     */
    private record PoolKind(String label, boolean adaptive, int minimumIdle, int maximumPoolSize, Duration window,
                            int otherSize, Duration period, int firstSize, boolean parked, double tolerance,
                            Duration reserveTime) {

        static PoolKind parse(String label) {
            String[] parts = label.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("pool kind '" + label + "': give static:N, pinned:N,"
                        + " adaptive:WINDOW, alternating:A/B/PERIOD or parked:A/B/PERIOD");
            }
            return switch (parts[0]) {
                case "static", "listened" -> new PoolKind(label, false, Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[1]), null, 0, null, 0, false, PoolConfig.DEFAULT_SIZING_TOLERANCE, null);
                case "pinned" -> new PoolKind(label, true, Integer.parseInt(parts[1]), Integer.parseInt(parts[1]),
                        PoolConfig.DEFAULT_SIZING_WINDOW, 0, null, 0, false, PoolConfig.DEFAULT_SIZING_TOLERANCE,
                        PoolConfig.DEFAULT_SIZING_RESERVE_TIME);
                case "adaptive" -> {
                    String[] window = parts[1].split("/", 3);
                    yield new PoolKind(label, true, 1, CEILING, new DurationConverter().convert(window[0]), 0, null,
                            0, false, window.length >= 2 ? Double.parseDouble(window[1])
                                    : PoolConfig.DEFAULT_SIZING_TOLERANCE,
                            window.length == 3 ? new DurationConverter().convert(window[2])
                                    : PoolConfig.DEFAULT_SIZING_RESERVE_TIME);
                }
                case "churn" -> {
                    String[] sizeAndPeriod = parts[1].split("/", 2);
                    int size = Integer.parseInt(sizeAndPeriod[0]);
                    yield new PoolKind(label, false, size, size, null, 0,
                            new DurationConverter().convert(sizeAndPeriod[1]), 0, false,
                            PoolConfig.DEFAULT_SIZING_TOLERANCE, null);
                }
                case "alternating", "parked" -> {
                    String[] sizes = parts[1].split("/", 3);
                    if (sizes.length != 3) {
                        throw new IllegalArgumentException("pool kind '" + label + "': give " + parts[0]
                                + ":A/B/PERIOD");
                    }
                    int first = Integer.parseInt(sizes[0]);
                    int second = Integer.parseInt(sizes[1]);
                    boolean parked = parts[0].equals("parked");
                    // A parked pool opens the larger size once; its smaller size is the larger less the parked.
                    int opened = parked ? Math.max(first, second) : first;
                    yield new PoolKind(label, false, opened, opened, null, second,
                            new DurationConverter().convert(sizes[2]), first, parked,
                            PoolConfig.DEFAULT_SIZING_TOLERANCE, null);
                }
                default -> throw new IllegalArgumentException("pool kind '" + label + "': give static:N, pinned:N,"
                        + " adaptive:WINDOW, alternating:A/B/PERIOD or parked:A/B/PERIOD");
            };
        }

        /** A static pool resized between two sizes on a timer: what moving costs, without a controller. */
        boolean alternating() {
            return period != null && !parked && !churn();
        }

        /** A static pool beside which the report opens and closes a connection every {@code period}. */
        boolean churn() {
            return label.startsWith("churn:");
        }

        /**
         * An alternating or parked pool's size {@code elapsedMillis} after its clients started: A in even periods,
         * B in odd.
         */
        int alternatingSize(long elapsedMillis) {
            return (elapsedMillis / period.toMillis()) % 2 == 0 ? firstSize : otherSize;
        }

        /** How many idle connections to wait for before the clients start: a static pool's size, as tune's sweep. */
        int filledWith() {
            return adaptive ? 0 : maximumPoolSize;
        }

        /** @param listener given to a free adaptive pool only, to hear its changes of target */
        PoolConfig config(TuneDatabase database, PoolListener listener) {
            PoolConfig.Builder builder = database.configure(PoolConfig.builder())
                    .poolName("interleaved-" + label.replace(':', '-').replace('/', '-'))
                    .maximumPoolSize(maximumPoolSize)
                    .minimumIdle(minimumIdle)
                    .connectionTimeout(MeasuredPool.CONNECTION_TIMEOUT);
            if (label.startsWith("listened:")) {
                builder.listener(listener); // a static pool that times every borrow, as tune's adaptive pool does
            }
            if (adaptive) {
                builder.sizing(SizingMode.ADAPTIVE).sizingWindow(window).sizingTolerance(tolerance)
                        .sizingReserveTime(reserveTime);
                if (minimumIdle < maximumPoolSize) {
                    builder.listener(listener);
                }
            }
            return builder.build();
        }
    }
}
