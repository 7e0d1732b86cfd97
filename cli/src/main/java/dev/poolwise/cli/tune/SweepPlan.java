package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which pool sizes a sweep measures: the coarse sizes first (by default powers of two from 1 to 64), then a
 * few sizes around the coarse sweep's recommendation. The rule picks the <em>smallest</em> good size, so the
 * refinement looks mostly below the coarse answer (where a smaller good size may hide) and once above it
 * (where a better best would move the margins).
 */
public final class SweepPlan {

    /** The default coarse sizes: 1, 2, 4, 8, 16, 32, 64. */
    public static final List<Integer> DEFAULT_SIZES = List.of(1, 2, 4, 8, 16, 32, 64);
    /** The coarse sizes of {@code --quick}: 1, 2, 4, 8, 16. */
    public static final List<Integer> QUICK_SIZES = List.of(1, 2, 4, 8, 16);

    private SweepPlan() {
    }

    /**
     * Checks and orders the sizes given to {@code --sizes}.
     *
     * @param sizes   the sizes, in any order, possibly repeated
     * @param clients the client threads: a pool larger than the clients can never be filled by them
     * @return the distinct sizes, smallest first
     * @throws IllegalArgumentException naming the size that is not valid
     */
    public static List<Integer> coarse(List<Integer> sizes, int clients) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--sizes: give at least one size, e.g. 1,2,4,8,16");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("--sizes " + size + ": a pool size must be at least 1");
            }
            if (size > clients) {
                throw new IllegalArgumentException("--sizes " + size + ": larger than --clients " + clients
                        + "; clients can never use more connections than there are clients. Raise --clients or"
                        + " leave this size out");
            }
            sorted.add(size);
        }
        return List.copyOf(sorted);
    }

    /**
     * The sizes to add after the coarse sweep.
     *
     * @param measured    the sizes measured so far
     * @param recommended the coarse sweep's recommendation (one of {@code measured})
     * @param limit       the most sizes to add
     * @return new sizes, in the order to measure them; none already measured
     */
    public static List<Integer> refinement(List<Integer> measured, int recommended, int limit) {
        TreeSet<Integer> sizes = new TreeSet<>(measured);
        Integer lower = sizes.lower(recommended);
        Integer upper = sizes.higher(recommended);
        List<Integer> candidates = new ArrayList<>();
        if (lower != null) {
            int below = (lower + recommended) / 2;
            candidates.add(below);
            candidates.add((below + recommended) / 2);
            candidates.add((lower + below) / 2);
        }
        if (upper != null) {
            // Second in priority: a better best above would move both margins.
            candidates.add(Math.min(1, candidates.size()), (recommended + upper) / 2);
        }
        List<Integer> added = new ArrayList<>();
        for (int candidate : candidates) {
            if (added.size() < limit && !sizes.contains(candidate) && !added.contains(candidate)) {
                added.add(candidate);
            }
        }
        return List.copyOf(added);
    }
}
