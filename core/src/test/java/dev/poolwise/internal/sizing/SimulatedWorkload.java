package dev.poolwise.internal.sizing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small, deterministic queueing model of a pool in front of a database, stepped as a fluid in 1 ms steps,
 * that turns a pool size into the {@link SizingWindow} the pool would see.
 *
 * <p>The database has {@code cores} cores and a service time per unit of work. Up to {@code cores} concurrent
 * units it serves each in the service time; beyond, processor sharing stretches each unit by
 * {@code concurrency / cores}, so throughput stays flat past the knee and only hold time grows. Borrowers may
 * also hold a connection outside the database ({@code appMillis}: the application's own work inside the
 * borrow), which the pool counts as hold time but the database does not queue. Borrowers arrive at a fixed
 * rate (an open workload); those that find no free connection queue, and a queue longer than
 * {@code maxQueue} drops arrivals as timeouts. All of it is arithmetic: the same calls give the same windows.
 */
final class SimulatedWorkload {

    private static final double STEP_SECONDS = 0.001;

    private int cores;
    private double serviceSeconds;
    private double appSeconds;
    private double arrivalsPerSecond;
    private final double maxQueue = 5_000;

    /** Borrowers waiting for a connection. */
    private double queue;
    /** Connections held by borrowers. */
    private double busy;
    private long nowNanos = TimeUnit.SECONDS.toNanos(1_000);

    /** Multiplies each window's measured mean hold time by 1 ± up to this fraction; 0: none. */
    private double holdNoise;
    private SplittableRandom noise = new SplittableRandom(0);

    SimulatedWorkload(int cores, double serviceMillis, double appMillis, double arrivalsPerSecond) {
        this.cores = cores;
        this.serviceSeconds = serviceMillis / 1000;
        this.appSeconds = appMillis / 1000;
        this.arrivalsPerSecond = arrivalsPerSecond;
    }

    /** The database's cores change: a background load takes some, or the server is resized. */
    SimulatedWorkload cores(int cores) {
        this.cores = cores;
        return this;
    }

    /** Each unit of work takes this long on an otherwise idle database: the query mix changed. */
    SimulatedWorkload serviceMillis(double serviceMillis) {
        this.serviceSeconds = serviceMillis / 1000;
        return this;
    }

    /**
     * Makes each window's mean hold time read up to {@code fraction} high or low, uniformly, from a seeded
     * generator: the measurement noise of a real pool (GC pauses, network jitter, a mix of queries).
     */
    SimulatedWorkload holdNoise(double fraction, long seed) {
        this.holdNoise = fraction;
        this.noise = new SplittableRandom(seed);
        return this;
    }

    SimulatedWorkload arrivalsPerSecond(double arrivalsPerSecond) {
        this.arrivalsPerSecond = arrivalsPerSecond;
        return this;
    }

    /** @return completed units per second at most, reached with {@code cores} or more connections */
    double capacityPerSecond() {
        return cores / serviceSeconds;
    }

    /**
     * Hold time with {@code held} connections busy: the database's share stretched past its cores. Past the
     * knee the database completes {@code cores / service} units a second whatever the connections, so a borrow
     * holds for {@code held x service / cores}, of which its own work outside the database is part; below it,
     * for the application's work plus the service time. (Stretching only the share {@code service / (service +
     * app)} of the connections, as this model did before, let throughput climb past the database's capacity.)
     */
    private double holdSeconds(double held) {
        return Math.max(appSeconds + serviceSeconds, serviceSeconds * held / cores);
    }

    /**
     * Runs the model for one window with a pool of {@code poolSize} connections.
     *
     * @param poolSize    connections the pool may hand out (its target)
     * @param windowMillis the window's length
     * @return what the pool would have measured
     */
    SizingWindow run(int poolSize, long windowMillis) {
        long start = nowNanos;
        int steps = (int) windowMillis;
        double completed = 0;
        double holdSum = 0;
        double acquired = 0;
        double waitArea = 0;
        double dropped = 0;
        for (int i = 0; i < steps; i++) {
            queue += arrivalsPerSecond * STEP_SECONDS;
            if (queue > maxQueue) {
                dropped += queue - maxQueue;
                queue = maxQueue;
            }
            double hold = holdSeconds(busy);
            double done = Math.min(busy, busy / hold * STEP_SECONDS);
            busy -= done;
            completed += done;
            holdSum += done * hold;
            double admitted = Math.max(0, Math.min(queue, poolSize - busy));
            busy += admitted;
            queue -= admitted;
            acquired += admitted;
            waitArea += queue * STEP_SECONDS;
        }
        nowNanos += TimeUnit.MILLISECONDS.toNanos(windowMillis);
        double error = holdNoise > 0 ? 1 + noise.nextDouble(-holdNoise, holdNoise) : 1;
        long meanHold = completed > 0 ? Math.round(holdSum / completed * 1e9 * error) : 0;
        // Little's law for the queue: mean wait = mean queue length / arrival rate into service.
        long meanWait = acquired > 0 ? Math.round(waitArea / acquired * 1e9) : 0;
        int waiters = (int) Math.floor(queue);
        int held = (int) Math.ceil(busy - 1e-9);
        return new SizingWindow(start, nowNanos, Math.round(completed), meanHold, Math.round(acquired), meanWait,
                Math.round(dropped), waiters, Math.max(0, poolSize - held), Math.max(poolSize, held));
    }
}
