package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How tune turns measurements into one pool size: the smallest size whose throughput is within 5% of the best
 * and whose p99 latency is within 10% of the best p99. Smaller pools are preferred because a connection the
 * work does not need costs the database memory and contention, and the fleet's budget.
 *
 * <p>Only clean steps count (some work done, none failed). The best throughput and the best p99 may come from
 * different sizes; when no size is within both margins, the rule falls back to the size with the lowest p99
 * among those within 5% of the best throughput (the smaller on a tie), and says so.
 *
 * <p>A pure function of the step results, so that it can be checked on hand-made numbers.
 */
public final class RecommendationRule {

    /** How far below the best throughput a size may be and still count: 5%. */
    public static final double THROUGHPUT_TOLERANCE = 0.05;
    /** How far above the best p99 latency a size may be and still count: 10%. */
    public static final double P99_TOLERANCE = 0.10;
    /** The rule in words, as the output and the report state it. */
    public static final String TEXT = "the smallest pool size whose throughput is within 5% of the best"
            + " throughput and whose p99 latency is within 10% of the best p99 (failed steps do not count)";

    /** Slack for floating-point rounding, so that exactly 5% below the best counts as within 5%. */
    private static final double EPSILON = 1e-9;

    private RecommendationRule() {
    }

    /**
     * Applies the rule.
     *
     * @param steps one pool's steps, one per size, in any order
     * @return the choice, or empty when no step is clean
     * @throws IllegalArgumentException when two steps have the same size
     */
    public static Optional<Choice> choose(List<StepResult> steps) {
        Set<Integer> sizes = new HashSet<>();
        for (StepResult step : steps) {
            if (!sizes.add(step.size())) {
                throw new IllegalArgumentException("two steps of size " + step.size() + "; give one pool's steps");
            }
        }
        List<StepResult> clean = steps.stream().filter(StepResult::isClean)
                .sorted(Comparator.comparingInt(StepResult::size)).toList();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        StepResult bestThroughput = clean.get(0);
        StepResult bestP99 = clean.get(0);
        for (StepResult step : clean) {
            // Strict comparisons: on a tie the smaller size, met first, stays the best.
            if (step.throughput() > bestThroughput.throughput()) {
                bestThroughput = step;
            }
            if (step.latency().p99() < bestP99.latency().p99()) {
                bestP99 = step;
            }
        }
        double throughputFloor = bestThroughput.throughput() * (1 - THROUGHPUT_TOLERANCE);
        double p99Ceiling = bestP99.latency().p99() * (1 + P99_TOLERANCE);
        List<Integer> qualifying = new ArrayList<>();
        List<StepResult> fastEnough = new ArrayList<>();
        for (StepResult step : clean) {
            boolean throughputOk = step.throughput() >= throughputFloor * (1 - EPSILON);
            boolean p99Ok = step.latency().p99() <= p99Ceiling * (1 + EPSILON);
            if (throughputOk) {
                fastEnough.add(step);
                if (p99Ok) {
                    qualifying.add(step.size());
                }
            }
        }
        StepResult chosen;
        boolean fallback = qualifying.isEmpty();
        if (fallback) {
            chosen = fastEnough.get(0);
            for (StepResult step : fastEnough) {
                if (step.latency().p99() < chosen.latency().p99()) {
                    chosen = step;
                }
            }
        } else {
            chosen = clean.stream().filter(s -> s.size() == qualifying.get(0)).findFirst().orElseThrow();
        }
        String explanation = fallback
                ? String.format(Locale.ROOT, "No size is within both margins (best throughput %,.0f/s at size %d,"
                        + " best p99 %.2f ms at size %d); %d has the lowest p99 (%.2f ms) of the sizes within 5%%"
                        + " of the best throughput.", bestThroughput.throughput(), bestThroughput.size(),
                        bestP99.latency().p99(), bestP99.size(), chosen.size(), chosen.latency().p99())
                : String.format(Locale.ROOT, "%d is the smallest size with throughput of at least %,.0f/s (best"
                        + " %,.0f/s at size %d, less 5%%) and p99 of at most %.2f ms (best %.2f ms at size %d, plus"
                        + " 10%%); it ran %,.0f/s at p99 %.2f ms.", chosen.size(), throughputFloor,
                        bestThroughput.throughput(), bestThroughput.size(), p99Ceiling, bestP99.latency().p99(),
                        bestP99.size(), chosen.throughput(), chosen.latency().p99());
        return Optional.of(new Choice(chosen.size(), bestThroughput.size(), bestThroughput.throughput(),
                bestP99.size(), bestP99.latency().p99(), List.copyOf(qualifying), fallback, explanation));
    }

    /**
     * The rule's answer.
     *
     * @param size               the recommended pool size
     * @param bestThroughputSize the size that ran the most units of work per second
     * @param bestThroughput     that throughput
     * @param bestP99Size        the size with the lowest p99 latency
     * @param bestP99Ms          that p99, in milliseconds
     * @param qualifying         every size within both margins, smallest first (empty on a fallback)
     * @param fallback           whether no size was within both margins, so the fallback chose
     * @param explanation        the choice in a sentence, with the numbers
     */
    public record Choice(int size, int bestThroughputSize, double bestThroughput, int bestP99Size, double bestP99Ms,
                         List<Integer> qualifying, boolean fallback, String explanation) {
    }
}
