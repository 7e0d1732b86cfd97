package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.poolwise.cli.common.LatencyHistogram;
import org.junit.jupiter.api.Test;

/** The adaptive pool's verdicts, on hand-made traces: no database, no clock. */
class PhaseJudgementTest {

    @Test
    void steadyStateStartsWhereTheTargetEntersItsLastQuarterBandForGood() {
        // Climbs to 8, overshoots to 12, settles around 6 to 7 from the ninth sample on.
        int[] targets = {1, 2, 4, 8, 12, 9, 8, 5, 6, 7, 6, 6, 7, 6, 6, 6};

        assertThat(PhaseJudgement.steadyLevel(targets)).isEqualTo(6);
        assertThat(PhaseJudgement.bandHalfWidth(6)).isEqualTo(1);
        // Sample 7 (5) is in the band [5, 7] too, sample 6 (8) is not.
        assertThat(PhaseJudgement.steadyStart(targets)).isEqualTo(7);
    }

    @Test
    void namesTheStaticSizesWithinBothBarsOfTheBestStaticSize() {
        // Tune run 13's read: throughput rises to 32 (p99 8.52 ms there), p99 is lowest at 4. Against the best
        // size's own p99, 28 and 32 pass both bars; against the lowest p99 of any size (2.79 ms), none would.
        List<SizeResult> rising = List.of(Steps.step(4, 33_627, 2.79), Steps.step(16, 45_894, 8.52),
                Steps.step(28, 60_440, 6.36), Steps.step(32, 64_550, 8.52));
        RecommendationRule.Choice risingChoice = choice(28, 32, 64_550, 8.52, 4, 2.79);

        assertThat(PhaseJudgement.staticSizesWithinBothBars(risingChoice, rising)).containsExactly(28, 32);
        assertThat(PhaseJudgement.staticSizesWithinBothBarsLine(risingChoice, rising)).isEqualTo(
                "Static sizes within both the throughput and the p99 bar (at least 58,095/s, p99 at most 10.22 ms):"
                        + " 28, 32.");

        // Its hot row: 2 to 4 within 10% of the best throughput and 20% of its p99; 6 too slow; a failed size
        // never counts.
        List<SizeResult> hotRow = List.of(Steps.step(1, 3_233, 27.5), Steps.step(2, 4_958, 20.0),
                Steps.step(3, 4_988, 17.0), Steps.step(4, 4_797, 17.0), Steps.step(6, 4_333, 18.6),
                Steps.step("poolwise", 5, 4_900, 17.5, 3));
        RecommendationRule.Choice hotRowChoice = choice(3, 3, 4_988, 3, 17.0);

        assertThat(PhaseJudgement.staticSizesWithinBothBars(hotRowChoice, hotRow)).containsExactly(2, 3, 4);
        assertThat(PhaseJudgement.staticSizesWithinBothBarsLine(hotRowChoice, hotRow)).endsWith(": 2, 3, 4.");
        assertThat(PhaseJudgement.staticSizesWithinBothBarsLine(choice(3, 3, 9_000, 3, 17.0), hotRow))
                .endsWith(": none.");
        assertThat(PhaseJudgement.staticSizesWithinBothBarsLine(null, hotRow)).isNull();
    }

    @Test
    void theP99BarComparesWithTheBestThroughputSizesP99AndShowsTheLowestBesideIt() {
        // Best throughput 1,000/s at 8 with p99 20 ms; the lowest p99 is 10 ms, at 4.
        RecommendationRule.Choice reference = choice(4, 8, 1000, 20, 4, 10);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 3, 6, 950, 23));

        PhaseJudgement.Bar p99 = PhaseJudgement.judge(trace, List.of(reference)).get(0).bars().get(1);

        assertThat(p99.verdict()).isEqualTo(PhaseJudgement.Verdict.PASS);
        // The histogram keeps latencies to within about 1%, so 23 ms reads as 22.8 to 23.2 ms.
        assertThat(p99.measured()).isCloseTo(23 / 20.0, within(0.015));
        assertThat(p99.detail()).matches("2[23]\\.\\d\\d ms = 1\\.1[45]x the best static \\(20\\.00 ms at 8\\),"
                + " 2\\.[23]\\dx the lowest \\(10\\.00 ms at 4\\)");

        // 25 ms is past 1.2 times the best size's 20 ms.
        AdaptiveTrace slower = trace(20, List.of("read"), phase(0, 20, 3, 6, 950, 25));
        assertThat(PhaseJudgement.judge(slower, List.of(reference)).get(0).bars().get(1).verdict())
                .isEqualTo(PhaseJudgement.Verdict.MISS);
    }

    @Test
    void judgesThroughputAndP99AgainstTheOracleInTheSameSecondsAndShowsTheSweepsBesideIt() {
        // The sweep measured 1,000/s at 8 (p99 10 ms); minutes later the machine runs slower. The adaptive pool
        // settles after 10 s at 700/s, p99 13 ms: 70% of the sweep's, a MISS against it.
        RecommendationRule.Choice reference = choice(4, 8, 1000, 10, 4, 8);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 10, 6, 700, 13));
        // The oracle at 8 runs 2,000/s (p99 5 ms) for its first 10 s, which are not the adaptive pool's steady
        // state and must not count, then 750/s at p99 11.5 ms.
        List<Sample> oracleSamples = new ArrayList<>(phase(0, 20, 0, 8, 750, 11.5));
        for (int i = 0; i < 10; i++) {
            oracleSamples.set(i, sample(i, 0, 8, 2000, 5));
        }
        AdaptiveTrace oracle = trace(20, List.of("read"), oracleSamples);

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace, List.of(reference), runs(oracle)).get(0);

        assertThat(verdict.oracle().size()).isEqualTo(8);
        assertThat(verdict.oracle().seconds()).isEqualTo(10);
        assertThat(verdict.oracle().throughput()).isEqualTo(750);
        PhaseJudgement.Bar throughput = verdict.bars().get(0);
        assertThat(throughput.verdict()).isEqualTo(PhaseJudgement.Verdict.PASS);
        assertThat(throughput.measured()).isCloseTo(700 / 750.0, within(1e-9));
        assertThat(throughput.detail()).startsWith("700/s = 93% of the oracle's (750/s at 8 in the same seconds),"
                + " 70% of the sweep's (1,000/s); seconds 700 to 700/s");
        PhaseJudgement.Bar p99 = verdict.bars().get(1);
        assertThat(p99.verdict()).isEqualTo(PhaseJudgement.Verdict.PASS);
        assertThat(p99.measured()).isCloseTo(13 / 11.5, within(0.02));
        assertThat(p99.detail()).matches("1[23]\\.\\d\\d ms = 1\\.1\\dx the oracle's \\(11\\.\\d\\d ms at 8\\),"
                + " 1\\.[23]\\dx the sweep's \\(10\\.00 ms\\), 1\\.[56]\\dx the sweep's lowest \\(8\\.00 ms at 4\\)");

        // Against the sweep alone the same run misses both.
        PhaseJudgement.PhaseVerdict sweepOnly = PhaseJudgement.judge(trace, List.of(reference)).get(0);
        assertThat(sweepOnly.oracle()).isNull();
        assertThat(sweepOnly.bars().subList(0, 2)).allSatisfy(b ->
                assertThat(b.verdict()).isEqualTo(PhaseJudgement.Verdict.MISS));

        // An oracle that ran as fast as the sweep in those seconds keeps the MISS.
        AdaptiveTrace fastOracle = trace(20, List.of("read"), phase(0, 20, 0, 8, 1000, 10));
        assertThat(PhaseJudgement.judge(trace, List.of(reference), runs(fastOracle)).get(0).bars().get(0).verdict())
                .isEqualTo(PhaseJudgement.Verdict.MISS);
    }

    @Test
    void poolsTheOraclesRunsBeforeAndAfterTheAdaptivePoolAndShowsEach() {
        // Tune run 65's read: the adaptive pool kept the oracle's own size, 8, at 14,835/s; the oracle after it ran
        // 19,352/s on a machine that had sped up, the sweep before both 15,983/s. Here the oracle before runs
        // 15,000/s (p99 10 ms) and the one after 19,000/s (p99 20 ms) over the adaptive pool's steady seconds.
        RecommendationRule.Choice reference = choice(8, 8, 16_000, 12, 8, 12);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 10, 8, 14_800, 13));
        AdaptiveTrace before = trace(20, List.of("read"), phase(0, 20, 0, 8, 15_000, 10));
        AdaptiveTrace after = trace(20, List.of("read"), phase(0, 20, 0, 8, 19_000, 20));

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace, List.of(reference),
                new OracleRuns(List.of(before, after))).get(0);

        assertThat(verdict.oracle().runThroughputs()).containsExactly(15_000.0, 19_000.0);
        assertThat(verdict.oracle().throughput()).isEqualTo(17_000);
        assertThat(verdict.oracle().seconds()).isEqualTo(10);
        // The merged latencies: half the samples at 10 ms, half at 20 ms, so the p99 is the slower run's.
        assertThat(verdict.oracle().p99Ms()).isCloseTo(20, within(0.3));
        PhaseJudgement.Bar throughput = verdict.bars().get(0);
        assertThat(throughput.measured()).isCloseTo(14_800 / 17_000.0, within(1e-9));
        assertThat(throughput.verdict()).isEqualTo(PhaseJudgement.Verdict.MISS);
        assertThat(throughput.detail()).startsWith("14,800/s = 87% of the oracle's (17,000/s at 8 in the same"
                + " seconds: 15,000/s before the adaptive pool, 19,000/s after), 93% of the sweep's (16,000/s)");
        // Against the run after alone, the same pool read 78%.
        assertThat(PhaseJudgement.judge(trace, List.of(reference), runs(after)).get(0).bars().get(0).measured())
                .isCloseTo(14_800 / 19_000.0, within(1e-9));
    }

    @Test
    void anOracleRunStoppedShortCountsTheSecondsItHas() {
        RecommendationRule.Choice reference = choice(8, 8, 1000, 10, 8, 10);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 10, 8, 900, 10));
        AdaptiveTrace full = trace(20, List.of("read"), phase(0, 20, 0, 8, 1000, 10));
        // Stopped after 15 of its 20 seconds: 5 of the steady 10 measured.
        AdaptiveTrace stopped = trace(20, List.of("read"), phase(0, 15, 0, 8, 800, 10));

        PhaseJudgement.OracleFigures oracle = PhaseJudgement.judge(trace, List.of(reference),
                new OracleRuns(List.of(full, stopped))).get(0).oracle();

        assertThat(oracle.runThroughputs()).containsExactly(1000.0, 800.0);
        assertThat(oracle.throughput()).as("15 seconds: 10 at 1,000 and 5 at 800").isCloseTo(14_000 / 15.0,
                within(1e-9));
    }

    @Test
    void anOracleThatFailedInTheSteadySecondsLeavesTheSweepAsTheYardstickAndSaysSo() {
        RecommendationRule.Choice reference = choice(4, 8, 1000, 10, 4, 8);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 10, 6, 700, 12));
        List<Sample> oracleSamples = new ArrayList<>(phase(0, 20, 0, 8, 750, 11));
        Sample failing = oracleSamples.get(15);
        AdaptiveTrace.Second s = failing.second();
        oracleSamples.set(15, new Sample(new AdaptiveTrace.Second(s.second(), s.phase(), s.target(), s.open(),
                s.active(), s.waiting(), s.completed(), 3, s.databaseOpen()), failing.latency()));

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace, List.of(reference),
                runs(trace(20, List.of("read"), oracleSamples))).get(0);

        assertThat(verdict.oracle().failures()).isEqualTo(3);
        assertThat(verdict.oracle().usable()).isFalse();
        assertThat(verdict.bars().get(0).measured()).isCloseTo(0.7, within(1e-9));
        assertThat(verdict.bars().get(0).verdict()).isEqualTo(PhaseJudgement.Verdict.MISS);
        assertThat(verdict.bars().get(0).detail()).contains("of the best static (1,000/s at 8) (the oracle failed 3"
                + " units in these seconds)");
        assertThat(verdict.bars().get(1).detail()).endsWith("(the oracle failed 3 units in these seconds)");
    }

    @Test
    void refusesAnOracleThatRanOtherPhases() {
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 10, 6, 700, 12));
        AdaptiveTrace shorter = trace(10, List.of("read"), phase(0, 10, 0, 8, 750, 11));

        assertThatThrownBy(() -> PhaseJudgement.judge(trace, List.of(choice(4, 8, 1000, 4, 8)), runs(shorter)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the oracle ran [read] for 10 s each, the adaptive pool [read] for 20 s each; judge them"
                        + " on the same phases");
    }

    @Test
    void aTargetThatLeavesItsBandInTheLastQuarterReachedNoSteadyState() {
        int[] targets = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 40};

        assertThat(PhaseJudgement.steadyStart(targets)).isEqualTo(-1);
    }

    @Test
    void aPhaseWithoutASteadyStateMissesSettlingAndIsMeasuredOverItsLastQuarter() {
        RecommendationRule.Choice reference = choice(4, 8, 1000, 4, 10);
        List<Sample> samples = new ArrayList<>(phase(0, 8, 0, 4, 1000, 10));
        // The last quarter (samples 6 and 7) swings from 4 to 9: out of any band around its median.
        samples.set(7, new Sample(new AdaptiveTrace.Second(7, 0, 9, 9, 9, 0, 500, 0, 9), samples.get(7).latency()));

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace(8, List.of("read"), samples),
                List.of(reference)).get(0);

        assertThat(verdict.settleSeconds()).isEqualTo(-1);
        assertThat(verdict.steadySeconds()).isEqualTo(2);
        assertThat(verdict.throughput()).isEqualTo(750);
        assertThat(verdict.bars().get(0).detail()).as("the slowest and the fastest second of the two")
                .endsWith("; seconds 500 to 1,000/s");
        assertThat(verdict.connectionsMax()).isEqualTo(9);
        PhaseJudgement.Bar settling = verdict.bars().get(3);
        assertThat(settling.verdict()).isEqualTo(PhaseJudgement.Verdict.MISS);
        assertThat(settling.detail()).startsWith("none: the target left 9 ± 1 in the last quarter");
    }

    @Test
    void theBandIsAFifthOfTheLevelAboveFiveConnections() {
        assertThat(PhaseJudgement.bandHalfWidth(2)).isEqualTo(1);
        assertThat(PhaseJudgement.bandHalfWidth(20)).isEqualTo(4);
        int[] targets = {10, 30, 16, 24, 20, 20, 20, 20};

        // 16 and 24 are within ±4 of 20; 30 is not.
        assertThat(PhaseJudgement.steadyStart(targets)).isEqualTo(2);
    }

    @Test
    void passesAPhaseThatMeetsEveryBar() {
        // Static best: 1,000/s at 8, lowest p99 10 ms at 4, recommended 4: 10 is past the knee.
        RecommendationRule.Choice reference = choice(4, 8, 1000, 4, 10);
        AdaptiveTrace trace = trace(20, List.of("read"), phase(0, 20, 3, 5, 950, 11));

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace, List.of(reference)).get(0);

        assertThat(verdict.settleSeconds()).isEqualTo(4);
        assertThat(verdict.steadySeconds()).isEqualTo(17);
        assertThat(verdict.steadyTarget()).isEqualTo(5);
        assertThat(verdict.throughput()).isEqualTo(950);
        assertThat(verdict.connectionsMax()).isEqualTo(5);
        assertThat(verdict.bars()).extracting(PhaseJudgement.Bar::name)
                .containsExactly("throughput", "p99", "connections", "settling");
        assertThat(verdict.bars()).allSatisfy(b -> assertThat(b.verdict()).isEqualTo(PhaseJudgement.Verdict.PASS));
        assertThat(verdict.allPassed()).isTrue();
        assertThat(verdict.bars().get(0).measured()).isEqualTo(0.95);
    }

    @Test
    void missesEachBarItFallsShortOfAndNamesTheFigures() {
        RecommendationRule.Choice reference = choice(4, 8, 1000, 4, 10);
        // 85% of the best throughput, p99 1.5x the best, 12 connections, settling after 35 s.
        AdaptiveTrace trace = trace(60, List.of("hot-row"), phase(0, 60, 34, 12, 850, 15));

        PhaseJudgement.PhaseVerdict verdict = PhaseJudgement.judge(trace, List.of(reference)).get(0);

        assertThat(verdict.bars()).allSatisfy(b -> assertThat(b.verdict()).isEqualTo(PhaseJudgement.Verdict.MISS));
        assertThat(verdict.allPassed()).isFalse();
        assertThat(verdict.bars().get(0).detail()).contains("850/s = 85% of the best static (1,000/s at 8)");
        assertThat(verdict.bars().get(1).detail()).contains("the best static (10.00 ms at 8)");
        assertThat(verdict.bars().get(2).detail()).contains("at most 12 open (static knee 4");
        assertThat(verdict.bars().get(3).detail()).startsWith("35 s after the phase change to a target of 12");
    }

    @Test
    void theConnectionsBarDoesNotApplyWhereTenIsNotPastTheKnee() {
        RecommendationRule.Choice reference = choice(16, 32, 1000, 16, 10);
        AdaptiveTrace trace = trace(10, List.of("sleep"), phase(0, 10, 2, 20, 1000, 10));

        PhaseJudgement.Bar connections = PhaseJudgement.judge(trace, List.of(reference)).get(0).bars().get(2);

        assertThat(connections.verdict()).isEqualTo(PhaseJudgement.Verdict.NOT_APPLICABLE);
        assertThat(connections.detail()).contains("the static knee is 16, so 10 is not past it");
    }

    @Test
    void judgesEachPhaseOnItsOwnSecondsAndItsOwnStaticBest() {
        List<Sample> samples = new ArrayList<>(phase(0, 10, 1, 8, 2000, 5));
        samples.addAll(phase(1, 10, 6, 3, 400, 40));
        AdaptiveTrace trace = trace(10, List.of("read", "hot-row"), samples);

        List<PhaseJudgement.PhaseVerdict> verdicts = PhaseJudgement.judge(trace,
                Arrays.asList(choice(8, 8, 2000, 8, 5), null));

        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).workload()).isEqualTo("read");
        assertThat(verdicts.get(0).throughput()).isEqualTo(2000);
        assertThat(verdicts.get(1).workload()).isEqualTo("hot-row");
        assertThat(verdicts.get(1).settleSeconds()).isEqualTo(7);
        assertThat(verdicts.get(1).steadyTarget()).isEqualTo(3);
        assertThat(verdicts.get(1).throughput()).isEqualTo(400);
        // No clean static size in the second phase: nothing to compare with, so no verdict either way.
        assertThat(verdicts.get(1).bars().subList(0, 3)).allSatisfy(b ->
                assertThat(b.verdict()).isEqualTo(PhaseJudgement.Verdict.NOT_APPLICABLE));
        assertThat(verdicts.get(1).bars().get(3).verdict()).isEqualTo(PhaseJudgement.Verdict.PASS);
    }

    private record Sample(AdaptiveTrace.Second second, LatencyHistogram latency) {
    }

    /**
     * One phase of {@code seconds} samples: the target sits 5 above {@code level} (out of its band) until sample
     * {@code settleIndex}, then at {@code level} to the end; each second from then on completes {@code rate}
     * units with a latency of {@code p99Ms} (all alike, so it is the p99 too).
     */
    private static List<Sample> phase(int phase, int seconds, int settleIndex, int level, int rate, double p99Ms) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            boolean settled = i >= settleIndex;
            samples.add(sample(phase * seconds + i, phase, settled ? level : level + 5, settled ? rate : 0, p99Ms));
        }
        return samples;
    }

    /** Second {@code i} of the run, in {@code phase}, at {@code size}, completing {@code rate} units of {@code p99Ms}. */
    private static Sample sample(int i, int phase, int size, int rate, double p99Ms) {
        LatencyHistogram latency = new LatencyHistogram();
        IntStream.range(0, rate).forEach(n -> latency.record((long) (p99Ms * 1e6)));
        return new Sample(new AdaptiveTrace.Second(i, phase, size, size, size, 0, rate, 0, size), latency);
    }

    /** The oracle's runs, in the order given. */
    private static OracleRuns runs(AdaptiveTrace... runs) {
        return new OracleRuns(List.of(runs));
    }

    private static AdaptiveTrace trace(int secondsPerPhase, List<String> phases, List<Sample> samples) {
        return new AdaptiveTrace(64, Duration.ofMillis(500), 0.1, Duration.ofSeconds(secondsPerPhase), Duration.ZERO,
                phases,
                samples.stream().map(Sample::second).toList(), samples.stream().map(Sample::latency).toList(),
                List.of(), null);
    }

    /** A choice whose best throughput size also has the lowest p99. */
    private static RecommendationRule.Choice choice(int size, int bestThroughputSize, double bestThroughput,
                                                    int bestP99Size, double bestP99Ms) {
        return choice(size, bestThroughputSize, bestThroughput, bestP99Ms, bestP99Size, bestP99Ms);
    }

    private static RecommendationRule.Choice choice(int size, int bestThroughputSize, double bestThroughput,
                                                    double bestThroughputP99Ms, int bestP99Size, double bestP99Ms) {
        return new RecommendationRule.Choice(size, bestThroughputSize, bestThroughput, bestThroughputP99Ms,
                bestP99Size, bestP99Ms,
                List.of(size), List.of(size), false, "hand-made", RecommendationRule.Firmness.FIRM, "hand-made");
    }
}
