package dev.poolwise.internal.sizing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;

/**
 * A scripted closed loop, as {@code poolwise tune} drives a pool: a fixed number of clients that borrow again
 * as soon as they return, so borrowers always queue while the pool is smaller than the clients. What each pool
 * size completes per second is given as a curve (measured ones, say: a plateau then a rise, or a lock that makes
 * one connection best); hold time follows from Little's law ({@code size / throughput}), so it rises with the
 * connections wherever throughput does not, which is what the pool saw on a shared 2-core machine. No time
 * passes but the windows' own; the noise, if any, is seeded.
 */
final class ClosedLoopWorkload {

    private final int clients;
    private IntToDoubleFunction throughputAtSize;
    private double noise;
    private SplittableRandom random = new SplittableRandom(0);
    private long nowNanos = TimeUnit.SECONDS.toNanos(1_000);
    /** Connections open; they follow a raised target by at most {@link #opensPerWindow} a window. */
    private int open;
    private int opensPerWindow = Integer.MAX_VALUE;

    ClosedLoopWorkload(int clients, IntToDoubleFunction throughputAtSize) {
        this.clients = clients;
        this.throughputAtSize = throughputAtSize;
    }

    /** The workload changes character: from now on each size completes this much. */
    ClosedLoopWorkload curve(IntToDoubleFunction throughputAtSize) {
        this.throughputAtSize = throughputAtSize;
        return this;
    }

    /** Each window's throughput reads up to {@code fraction} high or low, uniformly, from a seeded generator. */
    ClosedLoopWorkload noise(double fraction, long seed) {
        this.noise = fraction;
        this.random = new SplittableRandom(seed);
        return this;
    }

    /** Connections take a while to open: a raised target is reached by at most {@code opens} a window. */
    ClosedLoopWorkload opensPerWindow(int opens) {
        this.opensPerWindow = opens;
        return this;
    }

    /** @return what a pool whose target is {@code size} saw in a window of {@code windowMillis} */
    SizingWindow run(int size, long windowMillis) {
        long start = nowNanos;
        nowNanos += TimeUnit.MILLISECONDS.toNanos(windowMillis);
        open = size <= open ? size : (int) Math.min(size, (long) open + opensPerWindow);
        int inUse = Math.min(open, clients);
        double error = noise > 0 ? 1 + random.nextDouble(-noise, noise) : 1;
        double throughput = throughputAtSize.applyAsDouble(inUse) * error;
        long completed = Math.round(throughput * windowMillis / 1000);
        long hold = Math.round(inUse / throughput * 1e9);
        int waiting = clients - inUse;
        long wait = Math.round(waiting / throughput * 1e9);
        return new SizingWindow(start, nowNanos, completed, hold, completed, wait, 0, waiting, 0, open);
    }
}
