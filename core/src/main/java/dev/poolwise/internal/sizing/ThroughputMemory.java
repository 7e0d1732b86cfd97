package dev.poolwise.internal.sizing;

import java.util.Arrays;

/**
 * {@link TargetSizeController}'s memory of what each size completed per second while borrowers queued: a
 * running mean per size (the last four windows weigh most), each remembered for {@code capacityMemoryWindows} windows after it was last measured.
 * Forgotten as a whole when the workload changes: three measured windows in a row whose throughput is off by
 * {@code workloadChangeFactor} from what their size remembered (none counts until then, so odd windows
 * move nothing). Not on a rebase: hold time that did not fall with a shrink says the baseline is stale, not
 * that throughput moved. Sizes index arrays that grow with the largest size seen. Used by the deciding
 * thread only.
 */
final class ThroughputMemory {

    private static final int RECENT_WINDOWS = 4;
    /**
     * Measured windows in a row off by the change factor that mean a changed workload. Two were not enough:
     * on a row lock, tune saw two windows in a row at two thirds of a size's mean, and the forgotten memory
     * cost a probe up through sizes the lock makes slower.
     */
    private static final int OFF_WINDOWS_TO_FORGET = 3;

    private final SizingParameters parameters;
    private double[] mean = new double[16];
    private int[] samples = new int[16];
    private long[] measuredAt = new long[16];
    /** Measured windows in a row that were off by the change factor from their size's memory. */
    private int offWindows;

    ThroughputMemory(SizingParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Counts one measured window at {@code size}.
     *
     * @return false when the window is off from the size's memory by the change factor and the one before
     *         was not: not counted, and not to be acted on
     */
    boolean observe(int size, double throughput, long now) {
        ensure(size);
        if (fresh(size, now)) {
            double ratio = throughput / mean[size];
            double factor = parameters.workloadChangeFactor();
            if (ratio >= factor || ratio <= 1 / factor) {
                if (++offWindows < OFF_WINDOWS_TO_FORGET) {
                    return false;
                }
                forget();
            } else {
                offWindows = 0;
                samples[size]++;
                mean[size] += (throughput - mean[size]) / Math.min(samples[size], RECENT_WINDOWS);
                measuredAt[size] = now;
                return true;
            }
        }
        offWindows = 0;
        mean[size] = throughput;
        samples[size] = 1;
        measuredAt[size] = now;
        return true;
    }

    void forget() {
        Arrays.fill(samples, 0);
        offWindows = 0;
    }

    /** @return the size's remembered throughput, or 0 when it has none */
    double estimate(int size, long now) {
        return fresh(size, now) ? mean[size] : 0;
    }

    /** @return the highest throughput remembered for a size in [floor, top], or 0 */
    double best(int floor, int top, long now) {
        double best = 0;
        for (int size = floor; size <= Math.min(top, mean.length - 1); size++) {
            if (fresh(size, now)) {
                best = Math.max(best, mean[size]);
            }
        }
        return best;
    }

    /** @return the smallest size in [floor, top] within the tolerance of the best, or 0 when none is known */
    int goal(int floor, int top, long now) {
        double enough = (1 - parameters.throughputTolerance()) * best(floor, top, now);
        for (int size = floor; size <= Math.min(top, mean.length - 1); size++) {
            if (fresh(size, now) && mean[size] >= enough) {
                return size;
            }
        }
        return 0;
    }

    /** @return whether {@code size} is remembered as completing clearly less than the best in the bounds */
    boolean slower(int size, int floor, int top, long now) {
        return fresh(size, now)
                && mean[size] < (1 - parameters.throughputTolerance()) * best(floor, top, now);
    }

    boolean known(int size, long now) {
        return fresh(size, now);
    }

    boolean anyIn(int from, int to, long now) {
        for (int size = Math.max(0, from); size <= Math.min(to, mean.length - 1); size++) {
            if (fresh(size, now)) {
                return true;
            }
        }
        return false;
    }

    boolean anyBelow(int size, int floor, long now) {
        return anyIn(floor, size - 1, now);
    }

    private boolean fresh(int size, long now) {
        return size < samples.length && samples[size] > 0
                && now - measuredAt[size] <= parameters.capacityMemoryWindows();
    }

    private void ensure(int size) {
        if (size >= mean.length) {
            int length = Math.max(size + 1, mean.length * 2);
            mean = Arrays.copyOf(mean, length);
            samples = Arrays.copyOf(samples, length);
            measuredAt = Arrays.copyOf(measuredAt, length);
        }
    }
}
