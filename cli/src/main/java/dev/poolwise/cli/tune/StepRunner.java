package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

import dev.poolwise.cli.common.LatencyHistogram;

/**
 * Runs one step: opens a pool of one size, lets {@code clients} threads run the workload through it in a
 * closed loop (each borrows, works, returns, and at once borrows again), warms up, then measures for a fixed
 * window while watching the database's activity view, and closes the pool.
 *
 * <p>A unit of work counts when it both starts and ends inside the measured window; its latency runs from
 * asking for the connection to having given it back, which is what a request in a service would see. The
 * warm-up fills the pool, warms the JIT and the database's caches, and lets the queue of waiting clients
 * reach its steady length before anything is counted.
 *
 * <p>Threads: the caller's thread coordinates and samples the database; the clients write only the
 * histograms and adders, which are safe for concurrent writers, and read the volatile window bounds.
 */
public final class StepRunner implements SizeSweep.Steps {

    /** The slices of the window: their rates show how steady the throughput was, and are the samples of the size's confidence interval. */
    private static final long SLICE_NANOS = 500_000_000L;
    /** How often the database's activity view is sampled during the window. */
    private static final long SAMPLE_INTERVAL_NANOS = 100_000_000L;
    /** How long clients get to finish after the window before the step gives up on them. */
    /**
     * The longest a step waits for its pool to open every connection before its clients start: ample for
     * hundreds of connects to a local database, and a database that refuses some is measured as it is.
     */
    private static final Duration FILL_LIMIT = Duration.ofSeconds(30);
    private static final Duration JOIN_SLACK = MeasuredPool.CONNECTION_TIMEOUT.plusSeconds(10);

    private final TuneDatabase database;
    private final TuneWorkload workload;
    private final int clients;
    private final Duration warmup;
    private final Duration measure;
    private final ActivityMonitor monitor;
    private volatile boolean stopRequested;

    /**
     * @param database where the pools connect
     * @param workload what each client runs
     * @param clients  how many client threads
     * @param warmup   how long to run before measuring
     * @param measure  how long to measure
     * @param monitor  the database's activity view, read from its own connection
     */
    public StepRunner(TuneDatabase database, TuneWorkload workload, int clients, Duration warmup, Duration measure,
                      ActivityMonitor monitor) {
        this.database = database;
        this.workload = workload;
        this.clients = clients;
        this.warmup = warmup;
        this.measure = measure;
        this.monitor = monitor;
    }

    @Override
    public Duration stepLength() {
        return warmup.plus(measure);
    }

    /** Asks a running step to end now, unmeasured; safe from any thread (a shutdown hook). */
    public void stop() {
        stopRequested = true;
    }

    @Override
    public boolean isStopped() {
        return stopRequested;
    }

    /**
     * Runs one step: one round at one size.
     *
     * @param kind     the pool to measure
     * @param size     its size
     * @param phase    why the round runs: {@link SizeResult#COARSE}, {@link SizeResult#REFINE} or
     *                 {@link SizeResult#REMEASURE}
     * @param progress told of the step's progress about every quarter second
     * @return the round's figures and histograms, or empty when the step was stopped before its window ended
     * @throws InterruptedException when the calling thread is interrupted
     */
    @Override
    public Optional<SizeResult.Measured> run(MeasuredPool kind, int size, String phase, Progress progress)
            throws InterruptedException {
        Window window = new Window();
        List<Thread> threads = new ArrayList<>();
        long start;
        SizeResult.DatabaseActivity activity;
        try (MeasuredPool.OpenPool pool = kind.open(database, size)) {
            pool.awaitFilled(size, FILL_LIMIT); // the size measured is the size reported
            start = System.nanoTime();
            window.start = start + warmup.toNanos();
            window.end = window.start + measure.toNanos();
            for (int i = 1; i <= clients; i++) {
                Thread client = new Thread(() -> work(pool.dataSource(), window), "poolwise-tune-client-" + i);
                // A client stuck in the database must not keep the JVM alive after tune gives up on it.
                client.setDaemon(true);
                threads.add(client);
            }
            threads.forEach(Thread::start);
            ActivityMonitor.Sampler sampler = monitor.sampler();
            long nextReport = 0;
            long nextSlice = window.start;
            long sliceStartCount = 0;
            while (!stopRequested) {
                long now = System.nanoTime();
                if (now >= nextSlice && nextSlice <= window.end) {
                    // Completions counted at each slice boundary; the first boundary only starts the count.
                    long count = window.latency.count();
                    if (nextSlice > window.start) {
                        window.sliceCounts.add(count - sliceStartCount);
                    }
                    sliceStartCount = count;
                    nextSlice += SLICE_NANOS;
                }
                if (now >= window.end) {
                    break;
                }
                if (now >= window.start) {
                    sampler.sample();
                }
                if (now >= nextReport) {
                    progress.onProgress(Math.min(1.0, (double) (now - start) / (window.end - start)),
                            window.completedAll.sum());
                    nextReport = now + 250_000_000L;
                }
                long pause = Math.min(SAMPLE_INTERVAL_NANOS, Math.min(window.end, nextSlice) - now);
                Thread.sleep(Math.max(1, pause / 1_000_000), 0);
            }
            window.finished = true;
            activity = sampler.summary();
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
        double seconds = measure.toNanos() / 1e9;
        long completed = window.latency.count();
        List<Double> sliceRates = window.sliceCounts.stream().map(c -> c / (SLICE_NANOS / 1e9)).toList();
        SQLException first = window.firstFailure.get();
        SizeResult.Round round = new SizeResult.Round(phase, completed, window.failures.sum(), seconds,
                completed / seconds, window.latency.percentileNanos(99) / 1e6, sliceRates);
        return Optional.of(new SizeResult.Measured(round, window.latency, window.wait, window.holdNanos.sum(),
                first == null ? null : first.getMessage(), activity));
    }

    private void work(DataSource dataSource, Window window) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!window.finished && !stopRequested && System.nanoTime() < window.end) {
            long asked = System.nanoTime();
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                window.fail(asked, e);
                // A database that refuses connections must not turn the clients into a busy loop.
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            long borrowed = System.nanoTime();
            SQLException failure = null;
            try {
                workload.run(connection, random);
            } catch (SQLException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new SQLException(e.toString(), e);
            }
            long returning = System.nanoTime();
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            long done = System.nanoTime();
            window.completedAll.increment();
            if (failure != null) {
                window.fail(asked, failure);
            } else if (asked >= window.start && done <= window.end) {
                window.latency.record(done - asked);
                window.wait.record(borrowed - asked);
                window.holdNanos.add(returning - borrowed);
            }
        }
    }

    /** One step's measured window and what the clients recorded in it. */
    private static final class Window {
        /** Written by the coordinator before the clients start (Thread.start orders it), then only read. */
        volatile long start;
        volatile long end;
        volatile boolean finished;
        final LatencyHistogram latency = new LatencyHistogram();
        final LatencyHistogram wait = new LatencyHistogram();
        final LongAdder holdNanos = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder completedAll = new LongAdder();
        final AtomicReference<SQLException> firstFailure = new AtomicReference<>();
        /** Completions per slice of the window; written and read by the coordinator only. */
        final List<Long> sliceCounts = new ArrayList<>();

        void fail(long asked, SQLException e) {
            if (asked >= start && System.nanoTime() <= end) {
                failures.increment();
                firstFailure.compareAndSet(null, e);
            }
        }
    }

    /** Told of a running step's progress. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param fraction  the part of the step (warm-up and window) done, 0 to 1
         * @param completed units of work completed so far in the step, warm-up included
         */
        void onProgress(double fraction, long completed);
    }
}
