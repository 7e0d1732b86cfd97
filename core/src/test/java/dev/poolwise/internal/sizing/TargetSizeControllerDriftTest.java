package dev.poolwise.internal.sizing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller in tune's closed loop when the whole machine speeds up or slows down: a shared host drifts by a
 * third within a minute, and every size's throughput moves with it. Three curves (run 7's hot row, where 1 and 2
 * complete within 8%; {@code read}'s two plateaus; a curve flat from 6 connections up), each settled for a minute,
 * then the machine unchanged, 40% slower or 60% faster over 6 s, with 0, 10 or 25% noise per window, 20 seeds.
 * Over the two minutes after (which include the memory's expiry of the first minute's figures), the pool keeps
 * at least 90% of the best size's throughput and makes at most 16 changes on average. Before the memory scaled
 * its figures by the machine's drift, a slowed machine at 25% noise made 20 ({@code flat}) and 23 ({@code read})
 * changes (docs/adaptive.md, runs 29 to 34).
 */
class TargetSizeControllerDriftTest {

    private static final int CLIENTS = 64;
    private static final int CEILING = 32;
    private static final long WINDOW_MILLIS = 500;
    private static final int SEEDS = 20;

    private static final IntToDoubleFunction RUN_7_HOT_ROW = size -> switch (size) {
        case 1 -> 2_310;
        case 2 -> 2_500;
        case 3 -> 2_350;
        default -> Math.max(900, 2_200 - 70 * (size - 4));
    };
    private static final IntToDoubleFunction READ = size -> size < 10 ? 20_000 : size <= 20 ? 40_000 : 37_000;
    private static final IntToDoubleFunction FLAT_FROM_SIX = size -> size < 6 ? 4_000.0 * size : 24_000;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String curve : List.of("run 7's hot row", "read", "flat from 6")) {
            for (double machine : new double[] {1.0, 0.6, 1.6}) {
                for (double noise : new double[] {0, 0.10, 0.25}) {
                    cases.add(Arguments.of(curve, machine, noise));
                }
            }
        }
        return cases.stream();
    }

    /** One of the three curves of {@link #cases()}, by its name there. */
    static IntToDoubleFunction curve(String name) {
        return switch (name) {
            case "run 7's hot row" -> RUN_7_HOT_ROW;
            case "read" -> READ;
            default -> FLAT_FROM_SIX;
        };
    }

    @ParameterizedTest(name = "{0}, machine x{1} over 6 s, noise {2}")
    @MethodSource("cases")
    void keepsTheBestSizesThroughputWithFewChangesWhenTheMachineDrifts(String name, double machine, double noise) {
        Outcome outcome = drift(name, machine, noise);

        assertThat(outcome.changesPerRun()).as("changes per run in the two minutes after").isLessThanOrEqualTo(16);
        assertThat(outcome.share()).as("mean share of the best size's throughput").isGreaterThanOrEqualTo(0.9);
    }

    /** Changes per run in the two minutes after the drift began, and the mean share of the best size's throughput. */
    record Outcome(double changesPerRun, double share) {
    }

    /** One case of {@link #cases()}, over its seeds (one without noise); {@link SizingScenarioReport} sums them. */
    static Outcome drift(String name, double machine, double noise) {
        IntToDoubleFunction curve = curve(name);
        double best = IntStream.rangeClosed(1, CEILING).mapToDouble(curve::applyAsDouble).max().orElseThrow();
        int seeds = noise == 0 ? 1 : SEEDS;
        long changes = 0;
        double share = 0;
        int windows = 0;
        for (long seed = 0; seed < seeds; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, curve).noise(noise, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
            workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

            List<SizingDecision> after = workload.drive(controller, 240, WINDOW_MILLIS, CEILING,
                    window -> 1 + (machine - 1) * Math.min(window + 1, 12) / 12.0);
            changes += after.stream().filter(SizingDecision::changed).count();
            // From 20 s after the drift began: the share of what the best size would complete at this machine.
            for (SizingDecision decision : after.subList(40, 240)) {
                share += curve.applyAsDouble(decision.target()) / best;
                windows++;
            }
        }
        return new Outcome((double) changes / seeds, share / windows);
    }
}
