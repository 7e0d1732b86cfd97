package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.poolwise.cli.common.LatencyHistogram;
import org.junit.jupiter.api.Test;

/** The sweep's order and re-measuring, on a stand-in for the database whose figures the test chooses. */
class SizeSweepTest {

    /** Runs nothing: answers each step with the throughput and slice noise given for its size. */
    private static final class ScriptedSteps implements SizeSweep.Steps {
        final List<String> log = new ArrayList<>();
        final Map<Integer, Double> throughput = new HashMap<>();
        final Map<Integer, Double> noise = new HashMap<>();

        @Override
        public Duration stepLength() {
            return Duration.ofSeconds(4);
        }

        @Override
        public boolean isStopped() {
            return false;
        }

        @Override
        public Optional<SizeResult.Measured> run(MeasuredPool pool, int size, String phase,
                                                  StepRunner.Progress progress) {
            log.add(pool.id() + ":" + size + ":" + phase);
            double rate = throughput.getOrDefault(size, 1_000.0);
            double spread = noise.getOrDefault(size, 0.0);
            List<Double> slices = List.of(rate - spread, rate + spread, rate - spread, rate + spread, rate, rate);
            LatencyHistogram latency = new LatencyHistogram();
            latency.record(5_000_000L);
            SizeResult.Round round = new SizeResult.Round(phase, Math.round(rate * 3), 0, 3, rate,
                    5.0, slices);
            return Optional.of(new SizeResult.Measured(round, latency, new LatencyHistogram(), 1_000_000L, null,
                    SizeResult.DatabaseActivity.NONE));
        }

        List<Integer> sizesOf(String phase) {
            return log.stream().filter(line -> line.endsWith(":" + phase))
                    .map(line -> Integer.parseInt(line.split(":")[1])).toList();
        }
    }

    private static final SizeSweep.Listener QUIET = new SizeSweep.Listener() {
        @Override
        public void stepStarted(int step, int planned, MeasuredPool pool, int size, String phase) {
        }

        @Override
        public void stepProgress(int step, int planned, double fraction, long completed) {
        }

        @Override
        public void stepFinished(int step, int planned, MeasuredPool pool, int size, SizeResult.Round round) {
        }
    };

    @Test
    void runsEverySizeOncePerRoundEachRoundInItsOwnRandomOrder() throws InterruptedException {
        List<Integer> coarse = List.of(1, 2, 4, 8, 16, 32, 64);
        ScriptedSteps steps = new ScriptedSteps();

        Map<MeasuredPool, List<SizeResult>> results = new SizeSweep(steps, List.of(MeasuredPool.POOLWISE), coarse, 0,
                3, Duration.ZERO, 7).run(QUIET);

        List<Integer> order = steps.sizesOf(SizeResult.COARSE);
        assertThat(order).hasSize(21);
        for (int round = 0; round < 3; round++) {
            assertThat(order.subList(round * 7, round * 7 + 7)).containsExactlyInAnyOrderElementsOf(coarse);
        }
        assertThat(order.subList(0, 7)).as("not simply smallest first").isNotEqualTo(coarse);
        assertThat(order.subList(0, 7)).as("each round shuffled afresh").isNotEqualTo(order.subList(7, 14));
        assertThat(results.get(MeasuredPool.POOLWISE)).extracting(SizeResult::size).containsExactlyElementsOf(coarse);
        assertThat(results.get(MeasuredPool.POOLWISE)).allSatisfy(size -> assertThat(size.rounds()).hasSize(3));
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() throws InterruptedException {
        List<Integer> coarse = List.of(1, 2, 4, 8, 16, 32, 64);
        ScriptedSteps first = new ScriptedSteps();
        ScriptedSteps again = new ScriptedSteps();
        ScriptedSteps other = new ScriptedSteps();

        new SizeSweep(first, List.of(MeasuredPool.POOLWISE), coarse, 0, 2, Duration.ZERO, 11).run(QUIET);
        new SizeSweep(again, List.of(MeasuredPool.POOLWISE), coarse, 0, 2, Duration.ZERO, 11).run(QUIET);
        new SizeSweep(other, List.of(MeasuredPool.POOLWISE), coarse, 0, 2, Duration.ZERO, 12).run(QUIET);

        assertThat(again.log).isEqualTo(first.log);
        assertThat(other.log).isNotEqualTo(first.log);
    }

    @Test
    void everyPoolRunsASizeBeforeTheNextSize() throws InterruptedException {
        ScriptedSteps steps = new ScriptedSteps();

        new SizeSweep(steps, List.of(MeasuredPool.POOLWISE, MeasuredPool.HIKARI), List.of(1, 2, 4), 0, 2,
                Duration.ZERO, 3).run(QUIET);

        assertThat(steps.log).hasSize(12);
        for (int i = 0; i < steps.log.size(); i += 2) {
            assertThat(steps.log.get(i)).startsWith("poolwise:");
            assertThat(steps.log.get(i + 1)).isEqualTo(steps.log.get(i).replace("poolwise:", "hikari:"));
        }
    }

    @Test
    void reMeasuresTheNoisiestDecidingSizeWithinTheBudget() throws InterruptedException {
        ScriptedSteps steps = new ScriptedSteps();
        // A plateau from 4 on; size 8's slices swing ±40%, the others are steady.
        steps.throughput.putAll(Map.of(1, 300.0, 2, 600.0, 4, 1_000.0, 8, 1_000.0, 16, 1_000.0));
        steps.noise.put(8, 400.0);

        // 12 s of budget at 4 s a step: at most three more rounds.
        new SizeSweep(steps, List.of(MeasuredPool.POOLWISE), List.of(1, 2, 4, 8, 16), 0, 2, Duration.ofSeconds(12),
                5).run(QUIET);

        assertThat(steps.sizesOf(SizeResult.REMEASURE)).containsExactly(8, 8, 8);
    }

    @Test
    void reMeasuresNothingWhenEveryDecidingSizeIsSteady() throws InterruptedException {
        ScriptedSteps steps = new ScriptedSteps();
        steps.throughput.putAll(Map.of(1, 300.0, 2, 600.0, 4, 1_000.0));
        // Noisy, but far from the answer: 1 cannot change it.
        steps.noise.put(1, 150.0);

        new SizeSweep(steps, List.of(MeasuredPool.POOLWISE), List.of(1, 2, 4), 0, 2, Duration.ofSeconds(60), 5)
                .run(QUIET);

        assertThat(steps.sizesOf(SizeResult.REMEASURE)).isEmpty();
    }

    @Test
    void refinesAroundTheCoarseAnswerWithTheSameNumberOfRounds() throws InterruptedException {
        ScriptedSteps steps = new ScriptedSteps();
        steps.throughput.putAll(Map.of(1, 200.0, 2, 400.0, 4, 700.0, 8, 1_000.0, 16, 1_000.0));

        new SizeSweep(steps, List.of(MeasuredPool.POOLWISE), List.of(1, 2, 4, 8, 16), 2, 2, Duration.ZERO, 5)
                .run(QUIET);

        assertThat(steps.sizesOf(SizeResult.REFINE)).hasSize(4).containsOnly(6, 12);
    }
}
