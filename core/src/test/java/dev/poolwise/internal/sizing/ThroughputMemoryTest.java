package dev.poolwise.internal.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ThroughputMemory} window by window (its clock is the window count passed in): which figures it compares
 * with the best one, and how a size measured before the best one is measured again.
 */
class ThroughputMemoryTest {

    private final ThroughputMemory memory = new ThroughputMemory(SizingParameters.DEFAULTS);

    @Test
    void smallerSizesMeasuredBeforeTheBestDoNotCountAgainstIt() {
        // A climb while the pool warms up: each size measured once, each larger one faster.
        memory.observe(1, 4_000, 1);
        memory.observe(5, 7_000, 3);
        memory.observe(9, 11_000, 5);
        memory.observe(13, 14_000, 7);

        assertThat(memory.goal(1, 32, 8)).as("the only figure comparable with 13's is its own").isEqualTo(13);
        assertThat(memory.slower(9, 1, 32, 8)).isFalse();
        assertThat(memory.measuredBeforeTheBest(9, 8)).isTrue();
        assertThat(memory.anyComparableBelow(13, 1, 8)).isFalse();
        assertThat(memory.anyBelow(13, 1, 8)).as("measured all the same: the pool climbed here").isTrue();
    }

    @Test
    void aSizeMeasuredAgainAfterTheBestStartsAFreshMeanUncheckedAgainstItsOldFigure() {
        memory.observe(5, 5_000, 1);
        memory.observe(13, 14_000, 3);

        // 2.6 times its cold figure, past the workload-change factor of 1.5: neither held nor averaged in.
        boolean counted = memory.observe(5, 13_000, 5);

        assertThat(counted).isTrue();
        assertThat(memory.estimate(5, 5)).isEqualTo(13_000);
        assertThat(memory.goal(1, 32, 5)).as("within 10% of 13's 14,000").isEqualTo(5);
        assertThat(memory.estimate(13, 5)).as("the larger size keeps its figure").isEqualTo(14_000);
    }

    @Test
    void aSmallerSizeMeasuredAgainAndStillSlowerCountsAsSlower() {
        memory.observe(9, 20_000, 1);
        memory.observe(13, 40_000, 3);
        memory.observe(9, 20_500, 5);

        assertThat(memory.slower(9, 1, 32, 6)).isTrue();
        assertThat(memory.goal(1, 32, 6)).isEqualTo(13);
        assertThat(memory.anyComparableBelow(13, 1, 6)).isTrue();
    }

    @Test
    void largerSizesMeasuredFirstKeepTheirFigures() {
        // A pool probing down from a large start measures the larger sizes first.
        memory.observe(20, 10_000, 1);
        memory.observe(16, 10_500, 3);
        memory.observe(12, 12_000, 5);

        assertThat(memory.slower(20, 1, 32, 6)).isTrue();
        assertThat(memory.goal(1, 32, 6)).isEqualTo(12);
    }

    @Test
    void slowerSizesMeasuredAfterThePlateauWasReachedStayComparableWhenASmallerSizeBecomesTheBest() {
        memory.observe(13, 40_000, 1); // the plateau, first reached
        memory.observe(9, 20_000, 3); // measured after it: slower
        memory.observe(12, 40_400, 5); // explored one down: the best now, by noise

        assertThat(memory.slower(9, 1, 32, 6)).as("9 was measured after the plateau's first window").isTrue();
        assertThat(memory.nearestComparableBelow(12, 1, 6)).isEqualTo(9);
        assertThat(memory.anySlowerIn(8, 11, 1, 32, 6)).isTrue();
        assertThat(memory.anySlowerIn(10, 11, 1, 32, 6)).as("10 and 11 unmeasured").isFalse();
    }

    @Test
    void theNextSizeUpCountsOnlyWhileThisSizeCompletesWhatItDidWhenItWasMeasured() {
        memory.observe(5, 400, 1);
        memory.observe(6, 400, 3); // measured while 5 completed 400

        assertThat(memory.nextSizeUpMeasuredAtThisLoad(5, 4)).isTrue();
        for (long window = 5; window < 9; window++) {
            memory.observe(5, 500, window); // a background load left: 5 completes a quarter more
        }
        assertThat(memory.nextSizeUpMeasuredAtThisLoad(5, 9)).as("6's figure is from the slower load").isFalse();
        assertThat(memory.nextSizeUpMeasuredAtThisLoad(6, 9)).as("7 never measured").isFalse();
    }
}
