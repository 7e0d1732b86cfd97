package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.cli.common.DurationConverter;
import dev.poolwise.cli.common.LatencyHistogram;

/**
 * Runs the same closed loop as the static sweep's steps through one pool, once through every phase without
 * closing the pool between them: the clients switch workload at each phase change, and the pool has to follow.
 * Two kinds of run:
 * <ul>
 * <li>{@link #adaptive the adaptive run}: one adaptive pool ({@code sizing=adaptive}, the sweep's largest size as
 *     its ceiling, its {@code minimumIdle} left at the adaptive default of 1). No warm-up is left out of the judged
 *     run: the pool starting small under load is part of what is judged (its settling time in the first phase).
 *     Before it, an unjudged adaptive pool, configured the same, runs the first phase for {@code warmup} and is
 *     closed: the static steps run code that the sweep's earlier steps compiled, and this gives the adaptive
 *     pool's own paths (every borrow timed for the listener and the control loop) the same chance, so that the
 *     judged run measures the controller, not the JIT. Its connections are closed with it, so the judged pool
 *     still starts on new backends;</li>
 * <li>{@link #oracle the oracle run}: one static pool that knows the answer, opened and filled at the first
 *     phase's best static size and resized at each phase change to that phase's. Run right after the adaptive
 *     run, it measures the best static sizes again on the machine as it is then, second for second beside the
 *     adaptive pool's phases: on a machine whose speed drifts by a third within minutes (tune runs 17 and 18),
 *     the sweep's figures, measured minutes earlier, are no fair yardstick on their own.</li>
 * </ul>
 *
 * <p>Threads: the caller's thread coordinates (and resizes the oracle at the phase changes), samples the pool and
 * the database once a second (the database about ten times a second, keeping each second's most); the clients
 * write only the per-second adders and histograms, which are safe for concurrent writers; the adaptive pool's
 * housekeeper appends target changes to a concurrent queue. Counts are read after the clients have been joined,
 * so that a unit finishing at a second's edge is not missed.
 */
public final class AdaptiveRunner {

    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long SAMPLE_INTERVAL_NANOS = 100_000_000L;
    private static final Duration JOIN_SLACK = MeasuredPool.CONNECTION_TIMEOUT.plusSeconds(10);

    /** How long the oracle waits for its first phase's connections before its clock starts. */
    private static final Duration ORACLE_FILL_LIMIT = Duration.ofSeconds(30);

    private final TuneDatabase database;
    private final List<TuneWorkload> phases;
    private final int clients;
    private final int maximumPoolSize;
    /** The oracle's size in each phase; empty for the adaptive run. */
    private final List<Integer> staticSizes;
    private final Duration sizingWindow;
    /** The adaptive pool's {@code sizingTolerance}; the default for the oracle, a static pool that ignores it. */
    private final double sizingTolerance;
    private final Duration phaseLength;
    private final Duration warmup;
    private final ActivityMonitor monitor;
    private volatile boolean stopRequested;

    private AdaptiveRunner(TuneDatabase database, List<TuneWorkload> phases, int clients, int maximumPoolSize,
                           List<Integer> staticSizes, Duration sizingWindow, double sizingTolerance,
                           Duration phaseLength, Duration warmup, ActivityMonitor monitor) {
        this.database = database;
        this.phases = List.copyOf(phases);
        this.clients = clients;
        this.maximumPoolSize = maximumPoolSize;
        this.staticSizes = List.copyOf(staticSizes);
        this.sizingWindow = sizingWindow;
        this.sizingTolerance = sizingTolerance;
        this.phaseLength = phaseLength;
        this.warmup = warmup;
        this.monitor = monitor;
    }

    /**
     * The adaptive run.
     *
     * @param database        where the pool connects
     * @param phases          the workloads, one per phase, in order
     * @param clients         client threads
     * @param maximumPoolSize the adaptive pool's ceiling
     * @param sizingWindow    its control window
     * @param sizingTolerance its {@code sizingTolerance}
     * @param phaseLength     each phase's length, whole seconds
     * @param warmup          how long an unjudged adaptive pool runs the first phase first; zero for none
     * @param monitor         the database's activity view
     * @return the runner
     */
    public static AdaptiveRunner adaptive(TuneDatabase database, List<TuneWorkload> phases, int clients,
                                          int maximumPoolSize, Duration sizingWindow, double sizingTolerance,
                                          Duration phaseLength, Duration warmup, ActivityMonitor monitor) {
        return new AdaptiveRunner(database, phases, clients, maximumPoolSize, List.of(), sizingWindow,
                sizingTolerance, phaseLength, warmup, monitor);
    }

    /**
     * The oracle run: a static pool at each phase's best static size. Its trace has the size as its target in
     * every second, no changes of target, a {@code sizingWindow} and a warm-up of zero, and the largest of the
     * sizes as its {@code maximumPoolSize}.
     *
     * @param database    where the pool connects
     * @param phases      the workloads, one per phase, in order
     * @param clients     client threads
     * @param sizes       the pool's size in each phase, parallel to {@code phases}, each at least 1
     * @param phaseLength each phase's length, whole seconds
     * @param monitor     the database's activity view
     * @return the runner
     * @throws IllegalArgumentException when the sizes do not match the phases or one is below 1
     */
    public static AdaptiveRunner oracle(TuneDatabase database, List<TuneWorkload> phases, int clients,
                                        List<Integer> sizes, Duration phaseLength, ActivityMonitor monitor) {
        if (sizes.size() != phases.size() || sizes.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("oracle sizes " + sizes + " for " + phases.size()
                    + " phases: give one size of at least 1 per phase");
        }
        return new AdaptiveRunner(database, phases, clients, sizes.stream().mapToInt(Integer::intValue).max()
                .orElseThrow(), sizes, Duration.ZERO, PoolConfig.DEFAULT_SIZING_TOLERANCE, phaseLength, Duration.ZERO,
                monitor);
    }

    private boolean isOracle() {
        return !staticSizes.isEmpty();
    }

    /** Asks the run to end now, unreported; safe from any thread (a shutdown hook). */
    public void stop() {
        stopRequested = true;
    }

    /**
     * @param notes told of each phase change, for the progress output
     * @return the trace, or empty when the run was stopped
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Optional<AdaptiveTrace> run(Consumer<String> notes) throws InterruptedException {
        if (!isOracle() && !warmup.isZero()) {
            notes.accept(String.format(Locale.ROOT, "adaptive pool: warming up an unjudged adaptive pool on %s for %s",
                    phases.get(0).name(), DurationConverter.text(warmup)));
            warmUp();
        }
        if (stopRequested) {
            return Optional.empty();
        }
        int secondsPerPhase = (int) phaseLength.toSeconds();
        int total = secondsPerPhase * phases.size();
        Run run = new Run(total, secondsPerPhase);
        Queue<AdaptiveTrace.Change> changes = new ConcurrentLinkedQueue<>();
        int[] target = new int[total];
        int[] open = new int[total];
        int[] active = new int[total];
        int[] waiting = new int[total];
        int[] databaseOpen = new int[total];
        List<Thread> threads = new ArrayList<>();
        PoolConfig config = isOracle() ? oracleConfig()
                : config("tune-adaptive", change -> changes.add(new AdaptiveTrace.Change(
                        (System.nanoTime() - run.start) / 1e9, change.previousTarget(), change.target(),
                        change.reason().name(), change.throughput(), change.meanHold().toNanos() / 1e6,
                        change.baselineHold().toNanos() / 1e6, change.queuedInDatabase(), change.meanInUse(),
                        change.waiters(), change.measuredThroughput())));
        try (PoolwiseDataSource pool = new PoolwiseDataSource(config)) {
            if (isOracle()) {
                awaitFilled(pool, staticSizes.get(0));
            }
            run.start = System.nanoTime();
            run.end = run.start + total * SECOND_NANOS;
            for (int i = 1; i <= clients; i++) {
                String name = (isOracle() ? "poolwise-tune-oracle-client-" : "poolwise-tune-adaptive-client-") + i;
                Thread client = new Thread(() -> work(pool, run), name);
                client.setDaemon(true);
                threads.add(client);
            }
            threads.forEach(Thread::start);
            ActivityMonitor.Sampler sampler = monitor.sampler();
            int second = 0;
            notes.accept(phaseNote(0, pool.stats()));
            while (!stopRequested && second < total) {
                long now = System.nanoTime();
                long edge = run.start + (second + 1) * SECOND_NANOS;
                if (now >= edge) {
                    PoolStats stats = pool.stats();
                    target[second] = stats.targetSize();
                    open[second] = stats.total();
                    active[second] = stats.active();
                    waiting[second] = stats.waiting();
                    SizeResult.DatabaseActivity activity = sampler.summary();
                    databaseOpen[second] = activity.samples() == 0 ? -1 : activity.openMax();
                    sampler = monitor.sampler();
                    second++;
                    if (second < total && second % secondsPerPhase == 0) {
                        int phase = second / secondsPerPhase;
                        if (isOracle()) {
                            // The clients switch workload by the same clock, within this loop's latency of now.
                            pool.resize(staticSizes.get(phase), staticSizes.get(phase));
                        }
                        notes.accept(phaseNote(phase, stats));
                    }
                    continue;
                }
                sampler.sample();
                long pause = Math.min(SAMPLE_INTERVAL_NANOS, edge - System.nanoTime());
                if (pause > 0) {
                    Thread.sleep(Math.max(1, pause / 1_000_000));
                }
            }
            run.finished = true;
            long joinDeadline = System.nanoTime() + JOIN_SLACK.toNanos();
            for (Thread client : threads) {
                long left = joinDeadline - System.nanoTime();
                if (left > 0) {
                    client.join(Math.max(1, left / 1_000_000));
                }
            }
        }
        if (stopRequested) {
            return Optional.empty();
        }
        List<AdaptiveTrace.Second> seconds = new ArrayList<>();
        for (int s = 0; s < total; s++) {
            seconds.add(new AdaptiveTrace.Second(s, s / secondsPerPhase, target[s], open[s], active[s], waiting[s],
                    run.completed[s].sum(), run.failures[s].sum(), databaseOpen[s]));
        }
        SQLException first = run.firstFailure.get();
        // The tolerance as the pool was configured with it, so that the report shows what the pool ran with.
        return Optional.of(new AdaptiveTrace(maximumPoolSize, sizingWindow, config.getSizingTolerance(), phaseLength,
                isOracle() ? Duration.ZERO : warmup, phases.stream().map(TuneWorkload::name).toList(), seconds,
                List.of(run.latency), new ArrayList<>(changes), first == null ? null : first.getMessage()));
    }

    /** The adaptive pool's settings, the judged one's and the warm-up's alike; {@code onChange} hears its changes. */
    private PoolConfig config(String poolName, Consumer<TargetSizeChange> onChange) {
        PoolListener listener = new PoolListener() {
            @Override
            public void onTargetSizeChanged(TargetSizeChange change) {
                onChange.accept(change);
            }
        };
        return database.configure(PoolConfig.builder())
                .poolName(poolName)
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(sizingWindow)
                .sizingTolerance(sizingTolerance)
                .maximumPoolSize(maximumPoolSize)
                .connectionTimeout(MeasuredPool.CONNECTION_TIMEOUT)
                .listener(listener)
                .build();
    }

    /** The oracle's settings: a static pool as the sweep opens one ({@link MeasuredPool#open}), at phase 1's size. */
    private PoolConfig oracleConfig() {
        return database.configure(PoolConfig.builder())
                .poolName("tune-oracle")
                .maximumPoolSize(staticSizes.get(0))
                .minimumIdle(staticSizes.get(0))
                .connectionTimeout(MeasuredPool.CONNECTION_TIMEOUT)
                .build();
    }

    /**
     * Waits until the oracle holds its first size's connections, as the sweep's steps wait, so that its first
     * phase measures that size rather than a pool still opening; a database that will not open them all within
     * {@link #ORACLE_FILL_LIMIT} is measured as it is.
     */
    private void awaitFilled(PoolwiseDataSource pool, int size) throws InterruptedException {
        long deadline = System.nanoTime() + ORACLE_FILL_LIMIT.toNanos();
        while (!stopRequested && pool.stats().idle() < size && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
    }

    /** Runs the first phase through an unjudged adaptive pool for {@code warmup}, then closes it. */
    private void warmUp() throws InterruptedException {
        long end = System.nanoTime() + warmup.toNanos();
        List<Thread> threads = new ArrayList<>();
        try (PoolwiseDataSource pool = new PoolwiseDataSource(config("tune-adaptive-warmup", change -> { }))) {
            for (int i = 1; i <= clients; i++) {
                Thread client = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stopRequested && System.nanoTime() < end) {
                        try (Connection connection = pool.getConnection()) {
                            phases.get(0).run(connection, random);
                        } catch (SQLException | RuntimeException e) {
                            return; // the judged run reports failures; the warm-up only warms
                        }
                    }
                }, "poolwise-tune-adaptive-warmup-" + i);
                client.setDaemon(true);
                threads.add(client);
            }
            threads.forEach(Thread::start);
            long joinDeadline = end + JOIN_SLACK.toNanos();
            for (Thread client : threads) {
                long left = joinDeadline - System.nanoTime();
                if (left > 0) {
                    client.join(Math.max(1, left / 1_000_000));
                }
            }
        }
    }

    private String phaseNote(int phase, PoolStats stats) {
        if (isOracle()) {
            return String.format(Locale.ROOT, "oracle (the best static size of each phase): phase %d/%d, %s, for %d s"
                    + " at %d", phase + 1, phases.size(), phases.get(phase).name(), phaseLength.toSeconds(),
                    staticSizes.get(phase));
        }
        return String.format(Locale.ROOT, "adaptive pool: phase %d/%d, %s, for %d s (target %d, %d open, ceiling %d)",
                phase + 1, phases.size(), phases.get(phase).name(), phaseLength.toSeconds(), stats.targetSize(),
                stats.total(), maximumPoolSize);
    }

    private void work(PoolwiseDataSource pool, Run run) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!run.finished && !stopRequested) {
            long asked = System.nanoTime();
            if (asked >= run.end) {
                return;
            }
            int phase = run.phaseOf(asked);
            SQLException failure = null;
            try (Connection connection = pool.getConnection()) {
                try {
                    phases.get(phase).run(connection, random);
                } catch (RuntimeException e) {
                    failure = new SQLException(e.toString(), e);
                }
            } catch (SQLException e) {
                failure = e;
            }
            long done = System.nanoTime();
            int second = (int) ((done - run.start) / SECOND_NANOS);
            if (second >= run.completed.length) {
                return;
            }
            if (failure != null) {
                run.failures[second].increment();
                run.firstFailure.compareAndSet(null, failure);
                try {
                    // A database that refuses connections must not turn the clients into a busy loop.
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } else if (run.phaseOf(done) == phase) {
                // A unit that straddles a phase change belongs to neither phase's figures.
                run.completed[second].increment();
                run.latency[second].record(done - asked);
            }
        }
    }

    /** The run's clock and what the clients record, by second. */
    private static final class Run {
        /** Written before the clients start (Thread.start orders it), then only read. */
        volatile long start;
        volatile long end;
        volatile boolean finished;
        final long phaseNanos;
        final LongAdder[] completed;
        final LongAdder[] failures;
        final LatencyHistogram[] latency;
        final AtomicReference<SQLException> firstFailure = new AtomicReference<>();

        Run(int seconds, int secondsPerPhase) {
            phaseNanos = secondsPerPhase * SECOND_NANOS;
            completed = new LongAdder[seconds];
            failures = new LongAdder[seconds];
            latency = new LatencyHistogram[seconds];
            for (int i = 0; i < seconds; i++) {
                completed[i] = new LongAdder();
                failures[i] = new LongAdder();
                latency[i] = new LatencyHistogram();
            }
        }

        int phaseOf(long nanos) {
            return (int) ((nanos - start) / phaseNanos);
        }
    }
}
