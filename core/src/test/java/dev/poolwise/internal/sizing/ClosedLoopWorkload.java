package dev.poolwise.internal.sizing;

import java.util.ArrayList;
import java.util.List;
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
    /** Windows run so far, and how many of the first the warm-up lasts (0: none). */
    private int windows;
    private int warmUpWindows;
    private double warmUpStart = 1;

    ClosedLoopWorkload(int clients, IntToDoubleFunction throughputAtSize) {
        this.clients = clients;
        this.throughputAtSize = throughputAtSize;
    }

    /**
     * A curve through figures measured at some sizes (say, a tune sweep's), log-linear in the size between them
     * and flat past the last.
     *
     * @param measured pairs of {size, completed per second}, by size, the first at size 1
     */
    static IntToDoubleFunction through(double[][] measured) {
        return size -> {
            for (int i = 1; i < measured.length; i++) {
                if (size <= measured[i][0]) {
                    double at = Math.log(size / measured[i - 1][0]) / Math.log(measured[i][0] / measured[i - 1][0]);
                    return measured[i - 1][1] + at * (measured[i][1] - measured[i - 1][1]);
                }
            }
            return measured[measured.length - 1][1];
        };
    }

    /** The workload changes character: from now on each size completes this much. */
    ClosedLoopWorkload curve(IntToDoubleFunction throughputAtSize) {
        this.throughputAtSize = throughputAtSize;
        return this;
    }

    /**
     * Each window's throughput reads up to {@code fraction} high or low, uniformly, from a seeded generator; a
     * fraction of 0 leaves every window exact.
     */
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

    /**
     * The pool, its client threads and the database's new backends warm up: every size completes
     * {@code startFraction} of its curve in the first window, rising in a straight line to all of it after
     * {@code windows} windows. Tune saw a fresh pool's throughput rise 1.5 to 3 times over its first 10 to 30 s
     * at a fixed size (docs/adaptive.md, "Figures from tune").
     */
    ClosedLoopWorkload warmsUp(int windows, double startFraction) {
        this.warmUpWindows = windows;
        this.warmUpStart = startFraction;
        return this;
    }

    /**
     * Runs {@code windows} windows, each at the controller's current target and decided with a floor of 1.
     *
     * @return the controller's decisions, one per window
     */
    List<SizingDecision> drive(TargetSizeController controller, int windows, long windowMillis, int ceiling) {
        List<SizingDecision> decisions = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            decisions.add(controller.decide(run(controller.target(), windowMillis), 1, ceiling));
        }
        return decisions;
    }

    /**
     * As {@link #drive(TargetSizeController, int, long, int)}, on a machine whose speed changes from window to
     * window (a shared host drifting, a slow spell, a lock's queue still forming): the {@code i}-th window of this
     * call (from 0) completes {@code speed.applyAsDouble(i)} times the curve. The curve is as before afterwards.
     */
    List<SizingDecision> drive(TargetSizeController controller, int windows, long windowMillis, int ceiling,
            IntToDoubleFunction speed) {
        IntToDoubleFunction curve = throughputAtSize;
        List<SizingDecision> decisions = new ArrayList<>();
        try {
            for (int i = 0; i < windows; i++) {
                double factor = speed.applyAsDouble(i);
                throughputAtSize = size -> factor * curve.applyAsDouble(size);
                decisions.add(controller.decide(run(controller.target(), windowMillis), 1, ceiling));
            }
        } finally {
            throughputAtSize = curve;
        }
        return decisions;
    }

    /** @return what a pool whose target is {@code size} saw in a window of {@code windowMillis} */
    SizingWindow run(int size, long windowMillis) {
        long start = nowNanos;
        nowNanos += TimeUnit.MILLISECONDS.toNanos(windowMillis);
        open = size <= open ? size : (int) Math.min(size, (long) open + opensPerWindow);
        int inUse = Math.min(open, clients);
        double error = noise > 0 ? 1 + random.nextDouble(-noise, noise) : 1;
        double warm = windows >= warmUpWindows ? 1 : warmUpStart + (1 - warmUpStart) * windows / warmUpWindows;
        windows++;
        double throughput = throughputAtSize.applyAsDouble(inUse) * error * warm;
        long completed = Math.round(throughput * windowMillis / 1000);
        long hold = Math.round(inUse / throughput * 1e9);
        int waiting = clients - inUse;
        long wait = Math.round(waiting / throughput * 1e9);
        return new SizingWindow(start, nowNanos, completed, hold, completed, wait, 0, waiting, 0, open);
    }
}
