package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How tune turns measurements into one pool size: the smallest size whose throughput is within 5% of the best
 * or statistically tied with it (their 95% confidence intervals overlap), and whose p99 latency is within 10%
 * of the best p99 or not told apart from it (the range of its rounds' p99s meets the range of the best p99's
 * rounds). Smaller pools are preferred because a connection the work does not need costs the database memory
 * and contention, and the fleet's budget; and among sizes the measurement cannot tell apart, the smallest is
 * the one to take.
 *
 * <p>Only clean sizes count (some work done, none failed). The best throughput and the best p99 may come from
 * different sizes; when no size is within both margins, the rule falls back to the size with the lowest p99
 * among those tied with the best throughput (the smaller on a tie), and says so.
 *
 * <p>With the answer comes how firm it is: {@link Firmness#FIRM} when every smaller size measured is
 * clearly out (even the top of its interval is more than 5% below the lowest the best may be) and the best's
 * own interval is narrow; {@link Firmness#SOFT} otherwise, with the reason, because a repeat run may then
 * choose differently.
 *
 * <p>A pure function of the size results, so that it can be checked on hand-made numbers.
 */
public final class RecommendationRule {

    /** How far below the best throughput a size may be and still count: 5%. */
    public static final double THROUGHPUT_TOLERANCE = 0.05;
    /** How far above the best p99 latency a size may be and still count: 10%. */
    public static final double P99_TOLERANCE = 0.10;
    /** The widest interval (± this fraction of the mean) the best may have for a firm answer: 10%. */
    public static final double FIRM_INTERVAL = 0.10;
    /** The rule in words, as the output and the report state it. */
    public static final String TEXT = "the smallest pool size whose throughput is within 5% of the best"
            + " throughput or statistically tied with it (95% confidence intervals overlap), and whose p99 latency"
            + " is within 10% of the best p99 or not told apart from it (its rounds' p99s overlap the best's);"
            + " failed sizes do not count";

    /** Slack for floating-point rounding, so that exactly 5% below the best counts as within 5%. */
    private static final double EPSILON = 1e-9;

    private RecommendationRule() {
    }

    /**
     * Applies the rule.
     *
     * @param sizes one pool's results, one per size, in any order
     * @return the choice, or empty when no size is clean
     * @throws IllegalArgumentException when two results have the same size
     */
    public static Optional<Choice> choose(List<SizeResult> sizes) {
        Set<Integer> seen = new HashSet<>();
        for (SizeResult size : sizes) {
            if (!seen.add(size.size())) {
                throw new IllegalArgumentException("two results of size " + size.size() + "; give one pool's sizes");
            }
        }
        List<SizeResult> clean = sizes.stream().filter(SizeResult::isClean)
                .sorted(Comparator.comparingInt(SizeResult::size)).toList();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        SizeResult best = clean.get(0);
        SizeResult bestP99 = clean.get(0);
        for (SizeResult size : clean) {
            // Strict comparisons: on a tie the smaller size, met first, stays the best.
            if (size.throughput() > best.throughput()) {
                best = size;
            }
            if (size.latency().p99() < bestP99.latency().p99()) {
                bestP99 = size;
            }
        }
        double throughputFloor = best.throughput() * (1 - THROUGHPUT_TOLERANCE);
        double p99Ceiling = bestP99.latency().p99() * (1 + P99_TOLERANCE);
        List<Integer> qualifying = new ArrayList<>();
        List<Integer> tied = new ArrayList<>();
        List<SizeResult> fastEnough = new ArrayList<>();
        for (SizeResult size : clean) {
            if (tiedWithBest(size, best, throughputFloor)) {
                fastEnough.add(size);
                tied.add(size.size());
                if (p99TiedWithBest(size, bestP99, p99Ceiling)) {
                    qualifying.add(size.size());
                }
            }
        }
        SizeResult chosen;
        boolean fallback = qualifying.isEmpty();
        if (fallback) {
            chosen = fastEnough.get(0);
            for (SizeResult size : fastEnough) {
                if (size.latency().p99() < chosen.latency().p99()) {
                    chosen = size;
                }
            }
        } else {
            chosen = clean.stream().filter(s -> s.size() == qualifying.get(0)).findFirst().orElseThrow();
        }
        String explanation = fallback
                ? String.format(Locale.ROOT, "No size is within both margins (best throughput %,.0f/s at size %d,"
                        + " best p99 %.2f ms at size %d); %d has the lowest p99 (%.2f ms) of the sizes tied with"
                        + " the best throughput.", best.throughput(), best.size(), bestP99.latency().p99(),
                        bestP99.size(), chosen.size(), chosen.latency().p99())
                : String.format(Locale.ROOT, "%d is the smallest size with throughput of at least %,.0f/s (best"
                        + " %,.0f/s at size %d, less 5%%) or an interval overlapping the best's (%,.0f to %,.0f/s),"
                        + " and p99 of at most %.2f ms (best %.2f ms at size %d, plus 10%%) or not told apart from it;"
                        + " it ran %s at p99 %.2f ms.", chosen.size(), throughputFloor, best.throughput(), best.size(),
                        best.interval().low(), best.interval().high(), p99Ceiling, bestP99.latency().p99(),
                        bestP99.size(), withInterval(chosen), chosen.latency().p99());
        Firmness firmness;
        String firmnessNote;
        int chosenSize = chosen.size();
        List<SizeResult> smaller = clean.stream().filter(s -> s.size() < chosenSize).toList();
        // The lowest the best's throughput may be, less the tolerance: a smaller size whose interval reaches
        // this could, on a repeat run, be tied with the best and be chosen instead. Every smaller size is
        // looked at, not only the next one, since a curve may dip (a noisy 14 below a good 12).
        double reach = best.interval().low() * (1 - THROUGHPUT_TOLERANCE);
        Optional<SizeResult> withinReach = smaller.stream().filter(s -> s.interval().high() >= reach)
                .max(Comparator.comparingInt(SizeResult::size));
        Optional<SizeResult> below = smaller.stream().max(Comparator.comparingInt(SizeResult::size));
        if (fallback) {
            firmness = Firmness.SOFT;
            firmnessNote = "No size met both margins, so the answer rests on p99 latency alone.";
        } else if (best.interval().relativeHalfWidth() > FIRM_INTERVAL) {
            firmness = Firmness.SOFT;
            firmnessNote = String.format(Locale.ROOT, "The best size's throughput is only known to ±%.0f%%; a"
                    + " repeat run (or a longer --measure, more --rounds) may choose another size.",
                    best.interval().relativeHalfWidth() * 100);
        } else if (below.isEmpty()) {
            firmness = Firmness.FIRM;
            firmnessNote = chosen.size() + " is the smallest size measured.";
        } else if (withinReach.isPresent()) {
            SizeResult near = withinReach.get();
            firmness = Firmness.SOFT;
            firmnessNote = String.format(Locale.ROOT, "%d (%s) is within reach of the tie: the top of its"
                    + " interval is not 5%% below the lowest the best may be (%,.0f/s), so a repeat run may"
                    + " choose %d.", near.size(), withInterval(near), best.interval().low(), near.size());
        } else {
            firmness = Firmness.FIRM;
            firmnessNote = String.format(Locale.ROOT, "%d is clearly slower (%s: even the top of its interval is"
                    + " more than 5%% below the lowest the best may be, %,.0f/s)%s.", below.get().size(),
                    withInterval(below.get()), best.interval().low(),
                    smaller.size() > 1 ? ", and so is every smaller size" : "");
        }
        if (tied.size() > 1) {
            firmnessNote += " Statistically tied with the best: " + sizesInWords(tied)
                    + (fallback ? "." : "; the rule takes the smallest that also meets the p99 margin.");
        }
        return Optional.of(new Choice(chosen.size(), best.size(), best.throughput(), best.latency().p99(),
                bestP99.size(), bestP99.latency().p99(), List.copyOf(qualifying), List.copyOf(tied), fallback,
                explanation, firmness, firmnessNote));
    }

    /**
     * @param size  a clean size
     * @param best  the size with the best throughput
     * @param floor the best throughput less the tolerance
     * @return whether the size's throughput counts as the best's: within the tolerance, or not told apart
     *         from it by the measurement (the two intervals overlap)
     */
    static boolean tiedWithBest(SizeResult size, SizeResult best, double floor) {
        return size.throughput() >= floor * (1 - EPSILON) || size.interval().overlaps(best.interval());
    }

    /**
     * @param size    a clean size
     * @param bestP99 the size with the lowest p99
     * @param ceiling the best p99 plus the tolerance
     * @return whether the size's p99 counts as the best's: within the tolerance, or the lowest of its rounds'
     *         p99s is no higher than the highest of the best size's rounds' (the rounds do not tell them apart)
     */
    static boolean p99TiedWithBest(SizeResult size, SizeResult bestP99, double ceiling) {
        if (size.latency().p99() <= ceiling * (1 + EPSILON)) {
            return true;
        }
        if (size.rounds().size() < 2 || bestP99.rounds().size() < 2) {
            return false;
        }
        double lowest = size.rounds().stream().mapToDouble(SizeResult.Round::p99Ms).min().orElseThrow();
        double bestHighest = bestP99.rounds().stream().mapToDouble(SizeResult.Round::p99Ms).max().orElseThrow();
        return lowest <= bestHighest;
    }

    /**
     * @param size a size's result
     * @return e.g. {@code 1,520 ± 40/s}
     */
    static String withInterval(SizeResult size) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f/s", size.throughput(), size.interval().halfWidth());
    }

    private static String sizesInWords(List<Integer> sizes) {
        if (sizes.size() == 1) {
            return String.valueOf(sizes.get(0));
        }
        String head = sizes.subList(0, sizes.size() - 1).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        return head + " and " + sizes.get(sizes.size() - 1);
    }

    /** How firm a recommendation is. */
    public enum Firmness {
        /** The next smaller size is clearly slower and the best's figure is steady: a repeat run agrees. */
        FIRM,
        /** Noise or a near miss below: a repeat run may choose another size, which the note names. */
        SOFT;

        /** @return {@code firm} or {@code soft}, as the output writes it */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The rule's answer.
     *
     * @param size               the recommended pool size
     * @param bestThroughputSize the size that ran the most units of work per second
     * @param bestThroughput     that throughput
     * @param bestThroughputP99Ms that size's p99 latency, in milliseconds
     * @param bestP99Size        the size with the lowest p99 latency
     * @param bestP99Ms          that p99, in milliseconds
     * @param qualifying         every size within both margins, smallest first (empty on a fallback)
     * @param tied               every size whose throughput counts as the best's (within 5% or interval
     *                           overlapping), smallest first
     * @param fallback           whether no size was within both margins, so the fallback chose
     * @param explanation        the choice in a sentence, with the numbers
     * @param firmness           how firm the answer is
     * @param firmnessNote       why, in a sentence or two, naming the size a repeat run might choose
     */
    public record Choice(int size, int bestThroughputSize, double bestThroughput, double bestThroughputP99Ms,
                         int bestP99Size, double bestP99Ms,
                         List<Integer> qualifying, List<Integer> tied, boolean fallback, String explanation,
                         Firmness firmness, String firmnessNote) {
    }
}
