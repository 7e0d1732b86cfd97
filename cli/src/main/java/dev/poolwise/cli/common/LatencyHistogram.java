package dev.poolwise.cli.common;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts durations in nanoseconds into log-linear buckets (32 per power of two, so any percentile is within
 * about 3% of the true value), from any number of threads at once, in fixed memory however long the run.
 * HdrHistogram does the same with more precision; this is all the demo and tune need, in one small class.
 *
 * <p>Values below 64 ns get a bucket each. Above, a value {@code v} with its highest bit at position
 * {@code e} is kept as its top 6 bits: bucket {@code 64 + (e - 6) * 32 + (top - 32)}, where
 * {@code top = v >>> (e - 5)} lies in [32, 63].
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKETS = 32;
    private static final int DIRECT = 2 * SUB_BUCKETS;
    /** The highest bit of a positive long is bit 62, so shifts run from 1 to 57. */
    private static final int BUCKETS = DIRECT + 57 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** Creates an empty histogram. */
    public LatencyHistogram() {
    }

    /**
     * Adds one duration.
     *
     * @param nanos the duration; negative values count as zero
     */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.incrementAndGet(indexOf(value));
        count.incrementAndGet();
        max.accumulateAndGet(value, Math::max);
    }

    /**
     * Adds every duration another histogram holds, as if each had been recorded here. Call it once the other
     * histogram's writers are done: a record racing the copy may be counted or not.
     *
     * @param other the histogram to add
     */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long n = other.counts.get(i);
            if (n != 0) {
                counts.addAndGet(i, n);
            }
        }
        count.addAndGet(other.count.get());
        max.accumulateAndGet(other.max.get(), Math::max);
    }

    /** @return how many durations were recorded */
    public long count() {
        return count.get();
    }

    /** @return the longest duration recorded, exactly; 0 when none was */
    public long maxNanos() {
        return max.get();
    }

    /**
     * @param percentile between 0 (exclusive) and 100 (inclusive), e.g. 99
     * @return the duration at that percentile (the middle of its bucket, never above the maximum); 0 when
     *         nothing was recorded
     */
    public long percentileNanos(double percentile) {
        long total = count.get();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(middleOf(i), max.get());
            }
        }
        // Counts and the total are read without a lock; a record racing this read can leave us here.
        return max.get();
    }

    static int indexOf(long value) {
        if (value < DIRECT) {
            return (int) value;
        }
        int highestBit = 63 - Long.numberOfLeadingZeros(value);
        int shift = highestBit - 5;
        int top = (int) (value >>> shift);
        return DIRECT + (shift - 1) * SUB_BUCKETS + (top - SUB_BUCKETS);
    }

    static long lowestOf(int index) {
        if (index < DIRECT) {
            return index;
        }
        int shift = (index - DIRECT) / SUB_BUCKETS + 1;
        long top = (index - DIRECT) % SUB_BUCKETS + SUB_BUCKETS;
        return top << shift;
    }

    private static long middleOf(int index) {
        if (index < DIRECT) {
            return index;
        }
        int shift = (index - DIRECT) / SUB_BUCKETS + 1;
        return lowestOf(index) + (1L << shift) / 2;
    }
}
