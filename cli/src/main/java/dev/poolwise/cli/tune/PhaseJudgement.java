package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.poolwise.cli.common.LatencyHistogram;

/**
 * Judges the adaptive pool in each phase against the best static size measured on that phase, by issue 12's
 * bars, in the phase's <em>steady state</em>:
 * <ul>
 * <li><b>steady state</b>: the target's reference level is the median of its samples in the phase's last
 *     quarter, and its band that level ± {@value #BAND_FRACTION_PERCENT}% (at least ± 1 connection). The
 *     steady state starts at the first sample from which the target stays inside the band to the phase's end;
 *     the <b>settling time</b> is that sample's time after the phase change (samples are taken at the end of
 *     each second, so a target in band from the first second settles in 1 s). When the target leaves the band
 *     within the last quarter itself, the phase reached <em>no</em> steady state: the settling bar is missed and
 *     the other figures are taken over the last quarter;</li>
 * <li><b>throughput</b> over the steady state at least {@value #THROUGHPUT_FLOOR_PERCENT}% of the best static
 *     throughput of the phase. Its detail gives the slowest and the fastest second of the steady state too: on a
 *     machine whose speed drifts (tune run 17 saw one size run 13,300 to 23,700/s from second to second) a MISS
 *     by a few per cent says more about the machine than about the pool;</li>
 * <li><b>p99</b> over the steady state at most {@value #P99_CEILING_TENTHS}/10 times the p99 of the same best
 *     static size, the one with the best throughput. Issue 12 compares both figures with "the best static size";
 *     until 2026-12-03 the judge took the lowest p99 of <em>any</em> size instead, and where throughput rises to
 *     the largest size while p99 is lowest at a small one (tune's {@code read}), no size, fixed or adaptive, could
 *     pass both bars. That stricter ratio is still printed beside the verdict;</li>
 * <li><b>connections</b>: the most the pool held open in the steady state below HikariCP's default of 10,
 *     judged only where 10 is past the knee (the phase's recommended static size is below 10);</li>
 * <li><b>settling</b> within {@value #SETTLE_LIMIT_SECONDS} s of the phase change.</li>
 * </ul>
 * <p><b>The yardstick.</b> "The best static size" is the size with the best throughput in the phase's sweep. Its
 * figures come from the <em>oracle</em> when it ran ({@link OracleRuns}: that size, run through the
 * phases right before and right after the adaptive pool), taken over the same seconds of the phase as the adaptive
 * pool's steady state and pooled over both runs: the same size on the machine as it was just before and just after,
 * rather than the sweep's figures from several minutes before, which a drifting machine (tune runs 17 and 18) makes
 * no fair comparison. Each run's throughput is printed beside, so that a machine that drifted between them shows.
 * The sweep's figures are printed too; they are the yardstick when the oracle did not run, or failed or completed
 * nothing in those seconds.
 *
 * <p>A pure function of the traces and the static choices, so that its tests need no database. The figures are
 * printed with PASS or MISS; nothing asserts them (the machine is noisy).
 */
public final class PhaseJudgement {

    /** The band around the steady target, in per cent of it. */
    static final int BAND_FRACTION_PERCENT = 20;
    /** Adaptive throughput must be at least this per cent of the best static throughput. */
    static final int THROUGHPUT_FLOOR_PERCENT = 90;
    /** Adaptive p99 must be at most this many tenths of the best static p99. */
    static final int P99_CEILING_TENTHS = 12;
    /** HikariCP's default size: the adaptive pool should stay below it where it is past the knee. */
    static final int CONNECTIONS_LIMIT = TuneResults.HIKARI_DEFAULT_SIZE;
    /** The steady state must start within this many seconds of the phase change. */
    static final int SETTLE_LIMIT_SECONDS = 30;

    private PhaseJudgement() {
    }

    /** A bar's outcome. */
    public enum Verdict {
        /** Measured within the bar. */
        PASS,
        /** Measured outside the bar. */
        MISS,
        /** The bar does not apply (10 is not past the knee) or there is nothing to compare with. */
        NOT_APPLICABLE;

        /** @return how reports print it: {@code PASS}, {@code MISS} or {@code n/a} */
        public String label() {
            return this == NOT_APPLICABLE ? "n/a" : name();
        }
    }

    /**
     * One bar of one phase.
     *
     * @param name     {@code throughput}, {@code p99}, {@code connections} or {@code settling}
     * @param measured the measured figure: the ratio to the static best for throughput and p99, a count of
     *                 connections, seconds to settle
     * @param limit    the bar's limit in the same unit
     * @param detail   the figures behind it in words
     * @param verdict  PASS, MISS or n/a
     */
    public record Bar(String name, double measured, double limit, String detail, Verdict verdict) {
    }

    /**
     * The adaptive pool in one phase.
     *
     * @param phase           the phase's index, from 0
     * @param workload        its workload
     * @param settleSeconds   seconds from the phase change to the steady state, or -1 when it reached none (the
     *                        figures are then the phase's last quarter's)
     * @param steadySeconds   the steady state's length, seconds
     * @param steadyTarget    the target's reference level (median of the last quarter)
     * @param throughput      units of work per second in the steady state
     * @param p99Ms           p99 latency in the steady state, ms
     * @param connectionsMax  the most connections the pool held open in the steady state
     * @param failures        units of work that failed in the steady state
     * @param reference       the phase's static choice (best throughput, best p99, recommended size), or
     *                        {@code null} when no static size ran cleanly
     * @param oracle          the oracle's figures over the same seconds, pooled over its runs, or {@code null} when
     *                        it did not run
     * @param bars            the bars: throughput, p99, connections, settling
     */
    public record PhaseVerdict(int phase, String workload, int settleSeconds, int steadySeconds, int steadyTarget,
                               double throughput, double p99Ms, int connectionsMax, long failures,
                               RecommendationRule.Choice reference, OracleFigures oracle, List<Bar> bars) {
        /**
         * Copies the bars.
         *
         * @param phase          the phase
         * @param workload       its workload
         * @param settleSeconds  settling time
         * @param steadySeconds  steady length
         * @param steadyTarget   steady target
         * @param throughput     steady throughput
         * @param p99Ms          steady p99
         * @param connectionsMax steady connections
         * @param failures       steady failures
         * @param reference      the static choice
         * @param oracle         the oracle's figures, or {@code null}
         * @param bars           the bars
         */
        public PhaseVerdict {
            bars = List.copyOf(bars);
        }

        /** @return whether every bar that applies passed */
        public boolean allPassed() {
            return bars.stream().noneMatch(b -> b.verdict() == Verdict.MISS);
        }
    }

    /**
     * The oracle in the seconds of a phase that the adaptive pool was judged on, pooled over its runs.
     *
     * @param size           its static size in the phase
     * @param seconds        the seconds it was measured over, in each run
     * @param throughput     units of work per second over them, over every run: the mean of {@code runThroughputs}
     * @param p99Ms          p99 latency over them in every run together, ms
     * @param failures       units of work that failed in them, in every run
     * @param runThroughputs each run's units of work per second over those seconds, in the order the runs ran
     */
    public record OracleFigures(int size, int seconds, double throughput, double p99Ms, long failures,
                                List<Double> runThroughputs) {

        /**
         * Copies the runs' figures.
         *
         * @param size           the size
         * @param seconds        the seconds per run
         * @param throughput     the pooled throughput
         * @param p99Ms          the pooled p99
         * @param failures       the failures
         * @param runThroughputs each run's throughput
         */
        public OracleFigures {
            runThroughputs = List.copyOf(runThroughputs);
        }

        /** @return whether the figures can be a yardstick: work completed and none failed */
        public boolean usable() {
            return throughput > 0 && failures == 0;
        }
    }

    /**
     * Judges against the sweep's figures alone, as without an oracle.
     *
     * @param trace   the adaptive run
     * @param statics each phase's static choice, parallel to the trace's phases; an entry may be {@code null}
     *                (no clean static size in that phase)
     * @return one verdict per phase that has samples
     */
    public static List<PhaseVerdict> judge(AdaptiveTrace trace, List<RecommendationRule.Choice> statics) {
        return judge(trace, statics, OracleRuns.none());
    }

    /**
     * @param trace   the adaptive run
     * @param statics each phase's static choice, parallel to the trace's phases; an entry may be {@code null}
     *                (no clean static size in that phase)
     * @param oracle  the oracle's runs through the same phases, of the same length; {@link OracleRuns#none()} when
     *                it did not run
     * @return one verdict per phase that has samples
     * @throws IllegalArgumentException when the oracle's phases are not the trace's
     */
    public static List<PhaseVerdict> judge(AdaptiveTrace trace, List<RecommendationRule.Choice> statics,
                                           OracleRuns oracle) {
        if (oracle.ran() && (!oracle.first().phases().equals(trace.phases())
                || oracle.first().secondsPerPhase() != trace.secondsPerPhase())) {
            throw new IllegalArgumentException("the oracle ran " + oracle.first().phases() + " for "
                    + oracle.first().secondsPerPhase() + " s each, the adaptive pool " + trace.phases() + " for "
                    + trace.secondsPerPhase() + " s each; judge them on the same phases");
        }
        List<PhaseVerdict> verdicts = new ArrayList<>();
        for (int phase = 0; phase < trace.phases().size(); phase++) {
            PhaseSeconds adaptive = PhaseSeconds.of(trace, phase);
            if (!adaptive.seconds().isEmpty()) {
                int index = phase;
                verdicts.add(judgePhase(phase, trace.phases().get(phase), adaptive,
                        oracle.runs().stream().map(run -> PhaseSeconds.of(run, index)).toList(),
                        phase < statics.size() ? statics.get(phase) : null));
            }
        }
        return verdicts;
    }

    /** One phase's samples of a run, in order, with their latencies. */
    private record PhaseSeconds(List<AdaptiveTrace.Second> seconds, List<LatencyHistogram> latencies) {

        static PhaseSeconds of(AdaptiveTrace trace, int phase) {
            List<AdaptiveTrace.Second> seconds = new ArrayList<>();
            List<LatencyHistogram> latencies = new ArrayList<>();
            for (int i = 0; i < trace.seconds().size(); i++) {
                if (trace.seconds().get(i).phase() == phase) {
                    seconds.add(trace.seconds().get(i));
                    latencies.add(trace.latencies().get(i));
                }
            }
            return new PhaseSeconds(seconds, latencies);
        }
    }

    /**
     * @param targets a phase's target samples, one per second
     * @return the index of the first sample from which the target stays in its steady band to the end, or -1
     *         when it leaves the band within the last quarter (no steady state)
     */
    static int steadyStart(int[] targets) {
        int n = targets.length;
        int level = steadyLevel(targets);
        int tolerance = bandHalfWidth(level);
        int start = n;
        while (start > 0 && Math.abs(targets[start - 1] - level) <= tolerance) {
            start--;
        }
        return start <= lastQuarterStart(n) ? start : -1;
    }

    /** @return the index of the first sample of the last quarter (at least the last sample) */
    static int lastQuarterStart(int samples) {
        return Math.min(samples - 1, (int) Math.floor(samples * 0.75));
    }

    /** @return the steady band's half width around a level: {@value #BAND_FRACTION_PERCENT}%, at least 1 */
    static int bandHalfWidth(int level) {
        return Math.max(1, level * BAND_FRACTION_PERCENT / 100);
    }

    /** @return the median of the last quarter of the samples (at least the last one) */
    static int steadyLevel(int[] targets) {
        int n = targets.length;
        int[] tail = Arrays.copyOfRange(targets, lastQuarterStart(n), n);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }

    private static PhaseVerdict judgePhase(int phase, String workload, PhaseSeconds run,
                                           List<PhaseSeconds> oracleRuns, RecommendationRule.Choice reference) {
        List<AdaptiveTrace.Second> seconds = run.seconds();
        List<LatencyHistogram> latencies = run.latencies();
        int[] targets = seconds.stream().mapToInt(AdaptiveTrace.Second::target).toArray();
        int steadyStart = steadyStart(targets);
        boolean settled = steadyStart >= 0;
        int start = settled ? steadyStart : lastQuarterStart(targets.length);
        int settle = settled ? start + 1 : -1;
        int steadySeconds = targets.length - start;
        long completed = 0;
        long failures = 0;
        int connectionsMax = 0;
        long slowestSecond = Long.MAX_VALUE;
        long fastestSecond = 0;
        LatencyHistogram latency = new LatencyHistogram();
        for (int i = start; i < targets.length; i++) {
            completed += seconds.get(i).completed();
            slowestSecond = Math.min(slowestSecond, seconds.get(i).completed());
            fastestSecond = Math.max(fastestSecond, seconds.get(i).completed());
            failures += seconds.get(i).failures();
            connectionsMax = Math.max(connectionsMax, seconds.get(i).open());
            latency.add(latencies.get(i));
        }
        double throughput = (double) completed / steadySeconds;
        double p99 = latency.percentileNanos(99) / 1e6;
        OracleFigures oracle = oracleRuns.isEmpty() ? null : oracleFigures(oracleRuns, start, targets.length);
        List<Bar> bars = new ArrayList<>();
        if (reference == null) {
            bars.add(new Bar("throughput", Double.NaN, THROUGHPUT_FLOOR_PERCENT / 100.0,
                    "no static size ran cleanly in this phase", Verdict.NOT_APPLICABLE));
            bars.add(new Bar("p99", Double.NaN, P99_CEILING_TENTHS / 10.0,
                    "no static size ran cleanly in this phase", Verdict.NOT_APPLICABLE));
        } else if (oracle != null && oracle.usable()) {
            double ratio = throughput / oracle.throughput();
            bars.add(new Bar("throughput", ratio, THROUGHPUT_FLOOR_PERCENT / 100.0,
                    String.format(Locale.ROOT, "%,.0f/s = %.0f%% of the oracle's (%,.0f/s at %d in the same"
                                    + " seconds%s), %.0f%% of the sweep's (%,.0f/s); seconds %,d to %,d/s", throughput,
                            ratio * 100, oracle.throughput(), oracle.size(), eachRun(oracle),
                            ratioOrInfinity(throughput, reference.bestThroughput()) * 100,
                            reference.bestThroughput(), slowestSecond, fastestSecond),
                    passesThroughputBar(ratio) ? Verdict.PASS : Verdict.MISS));
            double p99Ratio = ratioOrInfinity(p99, oracle.p99Ms());
            bars.add(new Bar("p99", p99Ratio, P99_CEILING_TENTHS / 10.0,
                    String.format(Locale.ROOT, "%.2f ms = %.2fx the oracle's (%.2f ms at %d), %.2fx the sweep's"
                                    + " (%.2f ms), %.2fx the sweep's lowest (%.2f ms at %d)", p99, p99Ratio,
                            oracle.p99Ms(), oracle.size(), ratioOrInfinity(p99, reference.bestThroughputP99Ms()),
                            reference.bestThroughputP99Ms(), ratioOrInfinity(p99, reference.bestP99Ms()),
                            reference.bestP99Ms(), reference.bestP99Size()),
                    passesP99Bar(p99Ratio) ? Verdict.PASS : Verdict.MISS));
        } else {
            String noOracle = oracle == null ? "" : String.format(Locale.ROOT, " (the oracle %s in these seconds)",
                    oracle.failures() > 0 ? "failed " + oracle.failures() + " units" : "completed nothing");
            double ratio = reference.bestThroughput() > 0 ? throughput / reference.bestThroughput() : 0;
            bars.add(new Bar("throughput", ratio, THROUGHPUT_FLOOR_PERCENT / 100.0,
                    String.format(Locale.ROOT, "%,.0f/s = %.0f%% of the best static (%,.0f/s at %d)%s; seconds"
                                    + " %,d to %,d/s", throughput, ratio * 100, reference.bestThroughput(),
                            reference.bestThroughputSize(), noOracle, slowestSecond, fastestSecond),
                    passesThroughputBar(ratio) ? Verdict.PASS : Verdict.MISS));
            double p99Ratio = ratioOrInfinity(p99, reference.bestThroughputP99Ms());
            bars.add(new Bar("p99", p99Ratio, P99_CEILING_TENTHS / 10.0,
                    String.format(Locale.ROOT, "%.2f ms = %.2fx the best static (%.2f ms at %d), %.2fx the lowest"
                                    + " (%.2f ms at %d)%s", p99, p99Ratio, reference.bestThroughputP99Ms(),
                            reference.bestThroughputSize(), ratioOrInfinity(p99, reference.bestP99Ms()),
                            reference.bestP99Ms(), reference.bestP99Size(), noOracle),
                    passesP99Bar(p99Ratio) ? Verdict.PASS : Verdict.MISS));
        }
        if (reference != null && reference.size() < CONNECTIONS_LIMIT) {
            bars.add(new Bar("connections", connectionsMax, CONNECTIONS_LIMIT,
                    String.format(Locale.ROOT, "at most %d open (static knee %d, so %d is past it)", connectionsMax,
                            reference.size(), CONNECTIONS_LIMIT),
                    connectionsMax < CONNECTIONS_LIMIT ? Verdict.PASS : Verdict.MISS));
        } else {
            bars.add(new Bar("connections", connectionsMax, CONNECTIONS_LIMIT,
                    String.format(Locale.ROOT, "at most %d open; %s", connectionsMax, reference == null
                            ? "no static knee to compare with"
                            : "the static knee is " + reference.size() + ", so " + CONNECTIONS_LIMIT
                            + " is not past it"), Verdict.NOT_APPLICABLE));
        }
        int level = steadyLevel(targets);
        if (settled) {
            bars.add(new Bar("settling", settle, SETTLE_LIMIT_SECONDS,
                    String.format(Locale.ROOT, "%d s after the phase change to a target of %d (± %d)", settle, level,
                            bandHalfWidth(level)), settle <= SETTLE_LIMIT_SECONDS ? Verdict.PASS : Verdict.MISS));
        } else {
            bars.add(new Bar("settling", Double.NaN, SETTLE_LIMIT_SECONDS,
                    String.format(Locale.ROOT, "none: the target left %d ± %d in the last quarter", level, bandHalfWidth(level)), Verdict.MISS));
        }
        return new PhaseVerdict(phase, workload, settle, steadySeconds, steadyLevel(targets), throughput, p99,
                connectionsMax, failures, reference, oracle, bars);
    }

    /**
     * The oracle's figures over the samples [{@code from}, {@code to}) of its phase in each run: the same seconds
     * after the phase change as the adaptive pool's steady state, pooled (completions summed over every run's
     * seconds, latencies merged). Its size is the one the first run ran at in the last of them. A run shorter than
     * {@code to} (stopped) counts the seconds it has; one without any of them counts for nothing.
     */
    private static OracleFigures oracleFigures(List<PhaseSeconds> runs, int from, int to) {
        long completed = 0;
        long failures = 0;
        int seconds = 0;
        int size = 0;
        int measuredSeconds = 0;
        List<Double> runThroughputs = new ArrayList<>();
        LatencyHistogram latency = new LatencyHistogram();
        for (PhaseSeconds run : runs) {
            int end = Math.min(to, run.seconds().size());
            if (from >= end) {
                continue;
            }
            long runCompleted = 0;
            for (int i = from; i < end; i++) {
                runCompleted += run.seconds().get(i).completed();
                failures += run.seconds().get(i).failures();
                latency.add(run.latencies().get(i));
            }
            completed += runCompleted;
            seconds += end - from;
            measuredSeconds = Math.max(measuredSeconds, end - from);
            size = size == 0 ? run.seconds().get(end - 1).target() : size;
            runThroughputs.add((double) runCompleted / (end - from));
        }
        if (seconds == 0) {
            return new OracleFigures(0, 0, 0, 0, 0, List.of());
        }
        return new OracleFigures(size, measuredSeconds, (double) completed / seconds,
                latency.percentileNanos(99) / 1e6, failures, runThroughputs);
    }

    /**
     * @return each run's throughput, for the throughput bar's detail: empty for a single run; for the usual two,
     *         which ran before the adaptive pool and which after, so that a machine that drifted between them shows
     */
    private static String eachRun(OracleFigures oracle) {
        List<Double> runs = oracle.runThroughputs();
        if (runs.size() < 2) {
            return "";
        }
        if (runs.size() == 2) {
            return String.format(Locale.ROOT, ": %,.0f/s before the adaptive pool, %,.0f/s after", runs.get(0),
                    runs.get(1));
        }
        return ": runs of " + String.join(", ", runs.stream()
                .map(t -> String.format(Locale.ROOT, "%,.0f/s", t)).toList());
    }

    /**
     * The static sizes of a phase that would themselves pass both the throughput and the p99 bar: at least
     * {@value #THROUGHPUT_FLOOR_PERCENT}% of the best static throughput and at most {@value #P99_CEILING_TENTHS}/10
     * times that size's p99, without failures. The best size itself is always one; the others show how wide the
     * window is that the adaptive pool has to find.
     *
     * @param reference the phase's static choice, or {@code null}
     * @param steps     the phase's static sizes
     * @return the sizes, ascending; empty when none is, or when there is no reference
     */
    public static List<Integer> staticSizesWithinBothBars(RecommendationRule.Choice reference,
                                                          List<SizeResult> steps) {
        if (reference == null) {
            return List.of();
        }
        return sizesWhere(steps, s -> withinThroughputBar(s, reference) && withinP99Bar(s, reference));
    }

    /**
     * @param reference the phase's static choice, or {@code null}
     * @param steps     the phase's static sizes
     * @return one sentence naming the static sizes within both bars and the bars' limits; {@code null} when there
     *         is no reference
     */
    public static String staticSizesWithinBothBarsLine(RecommendationRule.Choice reference, List<SizeResult> steps) {
        if (reference == null) {
            return null;
        }
        return String.format(Locale.ROOT, "Static sizes within both the throughput and the p99 bar (at least"
                        + " %,.0f/s, p99 at most %.2f ms): %s.",
                reference.bestThroughput() * THROUGHPUT_FLOOR_PERCENT / 100,
                reference.bestThroughputP99Ms() * P99_CEILING_TENTHS / 10,
                join(staticSizesWithinBothBars(reference, steps)));
    }

    /** The clean sizes that satisfy {@code test}, ascending. */
    private static List<Integer> sizesWhere(List<SizeResult> steps, Predicate<SizeResult> test) {
        return steps.stream().filter(s -> s.failures() == 0 && test.test(s)).map(SizeResult::size).sorted().toList();
    }

    private static boolean withinThroughputBar(SizeResult size, RecommendationRule.Choice reference) {
        return passesThroughputBar(size.throughput() / reference.bestThroughput());
    }

    private static boolean withinP99Bar(SizeResult size, RecommendationRule.Choice reference) {
        return passesP99Bar(ratioOrInfinity(size.latency().p99(), reference.bestThroughputP99Ms()));
    }

    /** {@code measured / best}, or infinity when there is no best to compare with (a p99 of 0 cannot be met). */
    private static double ratioOrInfinity(double measured, double best) {
        return best > 0 ? measured / best : Double.POSITIVE_INFINITY;
    }

    /** The throughput bar, on a ratio to the best static throughput; the adaptive pool's and the sizes' alike. */
    private static boolean passesThroughputBar(double ratio) {
        return ratio * 100 >= THROUGHPUT_FLOOR_PERCENT;
    }

    /** The p99 bar, on a ratio to the best static size's p99. */
    private static boolean passesP99Bar(double ratio) {
        return ratio * 10 <= P99_CEILING_TENTHS;
    }

    private static String join(List<Integer> sizes) {
        return sizes.isEmpty() ? "none" : String.join(", ", sizes.stream().map(String::valueOf).toList());
    }
}
