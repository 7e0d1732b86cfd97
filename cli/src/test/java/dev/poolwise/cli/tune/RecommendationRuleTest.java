package dev.poolwise.cli.tune;

import static dev.poolwise.cli.tune.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecommendationRuleTest {

    @Test
    void picksTheSmallestSizeWithinBothMarginsOnAPlateau() {
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(1, 500, 120), step(2, 900, 70), step(4, 1_000, 50), step(8, 1_010, 50), step(16, 1_005, 52)))
                .orElseThrow();

        assertThat(choice.size()).isEqualTo(4);
        assertThat(choice.bestThroughputSize()).isEqualTo(8);
        assertThat(choice.bestP99Size()).isEqualTo(4);
        assertThat(choice.qualifying()).containsExactly(4, 8, 16);
        assertThat(choice.fallback()).isFalse();
        assertThat(choice.explanation()).startsWith("4 is the smallest size");
    }

    @Test
    void aTieInThroughputAndP99GoesToTheSmallerSize() {
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(16, 1_000, 40), step(8, 1_000, 40), step(32, 1_000, 40))).orElseThrow();

        assertThat(choice.size()).isEqualTo(8);
        assertThat(choice.bestThroughputSize()).isEqualTo(8);
        assertThat(choice.bestP99Size()).isEqualTo(8);
    }

    @Test
    void exactlyFivePercentBelowTheBestThroughputAndTenPercentAboveTheBestP99Count() {
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(2, 950, 110), step(4, 1_000, 100))).orElseThrow();

        assertThat(choice.size()).isEqualTo(2);
    }

    @Test
    void justOutsideEitherMarginDoesNotCount() {
        assertThat(RecommendationRule.choose(List.of(step(2, 949.9, 100), step(4, 1_000, 100))).orElseThrow().size())
                .isEqualTo(4);
        assertThat(RecommendationRule.choose(List.of(step(2, 1_000, 110.1), step(4, 1_000, 100))).orElseThrow().size())
                .isEqualTo(4);
    }

    @Test
    void aNonMonotonicCurveStillGivesTheSmallestQualifyingSize() {
        // Throughput rises, dips at 8 (a noisy step), peaks at 16, and falls as contention grows.
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(1, 400, 300), step(2, 980, 95), step(4, 700, 150), step(8, 960, 98), step(16, 1_000, 90),
                step(32, 800, 130), step(64, 600, 200))).orElseThrow();

        assertThat(choice.qualifying()).containsExactly(2, 8, 16);
        assertThat(choice.size()).isEqualTo(2);
    }

    @Test
    void bothConditionsMustHoldAtTheSameSize() {
        // 4 is fast enough but its p99 is too high; 8 has a good p99 but too little throughput; 16 has both.
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(4, 1_000, 200), step(8, 900, 100), step(16, 980, 105))).orElseThrow();

        assertThat(choice.size()).isEqualTo(16);
    }

    @Test
    void fallsBackToTheLowestP99AmongTheFastWhenNoSizeMeetsBoth() {
        // Best throughput at 4 with a poor p99; best p99 at 32 with poor throughput; nothing meets both.
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(2, 960, 300), step(4, 1_000, 250), step(8, 970, 240), step(32, 500, 100))).orElseThrow();

        assertThat(choice.fallback()).isTrue();
        assertThat(choice.qualifying()).isEmpty();
        assertThat(choice.size()).isEqualTo(8);
        assertThat(choice.explanation()).startsWith("No size is within both margins");
    }

    @Test
    void failedStepsDoNotCountEvenWhenTheyLookBest() {
        RecommendationRule.Choice choice = RecommendationRule.choose(List.of(
                step(4, 1_000, 50), step("poolwise", 8, 5_000, 10, 3))).orElseThrow();

        assertThat(choice.size()).isEqualTo(4);
        assertThat(choice.bestThroughput()).isEqualTo(1_000);
    }

    @Test
    void givesNoChoiceWhenNoStepIsClean() {
        assertThat(RecommendationRule.choose(List.of(step("poolwise", 4, 1_000, 50, 1)))).isEmpty();
        assertThat(RecommendationRule.choose(List.of())).isEmpty();
    }

    @Test
    void refusesTwoStepsOfTheSameSize() {
        assertThatThrownBy(() -> RecommendationRule.choose(List.of(step(4, 1_000, 50), step(4, 900, 60))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 4");
    }
}
