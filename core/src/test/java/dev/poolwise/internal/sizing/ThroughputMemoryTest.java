package dev.poolwise.internal.sizing;

import org.assertj.core.data.Percentage;
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
        assertThat(memory.goal(1, 32, 5)).as("within 7.5% of 13's 14,000").isEqualTo(5);
        assertThat(memory.estimate(13, 5)).as("the larger size keeps its figure").isEqualTo(14_000);
    }

    @Test
    void theWindowThatTellsTheWorkloadChangedStandsOnlyUntilItsSizeIsMeasuredAgain() {
        // read: 16 and 20 connections measured.
        memory.observe(16, 40_000, 1);
        memory.observe(20, 45_000, 3);
        // The hot row: three windows in a row off by more than the change factor. The third forgets every size and
        // starts the new memory, but it is the change's transition (the lock's queue still forming, its windows
        // half as fast again), as tune saw at run 42's change.
        assertThat(memory.observe(20, 3_600, 4)).isFalse();
        assertThat(memory.observe(20, 3_600, 5)).isFalse();
        assertThat(memory.observe(20, 3_600, 6)).as("the third: the workload changed").isTrue();
        assertThat(memory.estimate(16, 6)).as("read's figures are forgotten").isZero();

        memory.observe(16, 2_480, 8);
        assertThat(memory.slower(16, 1, 32, 8)).as("against the transition's figure, 16 reads slower").isTrue();

        // 20 measured again after the transition, at 0.72 of the transition's figure.
        assertThat(memory.observe(20, 2_600, 10)).as("counted, not held as another change").isTrue();
        assertThat(memory.estimate(20, 10)).as("the transition's figure replaced, not averaged in").isEqualTo(2_600);
        assertThat(memory.slower(16, 1, 32, 10)).as("16 at 95% of 20's").isFalse();
        assertThat(memory.measuredBeforeTheBest(16, 10)).as("measured after the change: still comparable").isFalse();
        assertThat(memory.goal(1, 32, 10)).isEqualTo(16);

        memory.observe(20, 2_400, 12);
        assertThat(memory.estimate(20, 12)).as("from then on a mean again").isEqualTo(2_500);
    }

    @Test
    void aBestKnownOnlyFromTheTransitionIsToBeMeasuredAgainWhenTheSizesBelowRiseTowardsIt() {
        // Tune's read after a fast spell of the machine: 13 connections read three windows in a row at two thirds
        // of their figure, and the third is all the new memory knows of 13.
        memory.observe(13, 60_000, 1);
        memory.observe(13, 37_900, 2);
        memory.observe(13, 37_900, 3);
        memory.observe(13, 37_900, 4);
        assertThat(memory.risesToTheTransitionSize(1, 32, 4)).as("nothing below measured yet").isFalse();

        memory.observe(9, 35_500, 6);
        assertThat(memory.risesToTheTransitionSize(1, 32, 6)).as("one size below: one window's noise").isFalse();

        memory.observe(6, 32_700, 8);
        assertThat(memory.goal(1, 32, 8)).as("9 is within 7.5% of the transition's figure").isEqualTo(9);
        assertThat(memory.risesToTheTransitionSize(1, 32, 8)).as("6 < 9 < 13").isTrue();
        assertThat(memory.risesToTheTransitionSize(1, 12, 8)).as("13 above the ceiling").isFalse();

        memory.observe(13, 37_000, 10);
        assertThat(memory.risesToTheTransitionSize(1, 32, 10)).as("13 measured again").isFalse();
    }

    @Test
    void sizesBelowTheTransitionThatDoNotRiseTowardsItLeaveItsFigureAlone() {
        // A row lock's first windows after the change, half as fast again while its queue forms: 20's window is
        // the best, and the smaller sizes measured after the transient complete as much as each other.
        memory.observe(20, 45_000, 1);
        memory.observe(20, 3_600, 2);
        memory.observe(20, 3_600, 3);
        memory.observe(20, 3_600, 4);
        memory.observe(16, 2_480, 6);
        memory.observe(12, 2_600, 8);

        assertThat(memory.bestSize(1, 32, 8)).isEqualTo(20);
        assertThat(memory.risesToTheTransitionSize(1, 32, 8)).as("12 completes more than 16").isFalse();
    }

    @Test
    void aTransitionFigureThatExpiredIsMeasuredAfreshLikeAnyOther() {
        memory.observe(20, 45_000, 1);
        memory.observe(20, 3_600, 2);
        memory.observe(20, 3_600, 3);
        memory.observe(20, 3_600, 4); // the workload changed; 20's figure is the transition's
        long later = 4 + SizingParameters.DEFAULTS.capacityMemoryWindows() + 10;
        assertThat(memory.estimate(20, later)).as("expired").isZero();

        // A climb from below, as after a start: 16 first, then 20, which completes clearly more.
        memory.observe(16, 2_000, later);
        memory.observe(20, 2_600, later + 2);

        assertThat(memory.estimate(20, later + 2)).isEqualTo(2_600);
        assertThat(memory.measuredBeforeTheBest(16, later + 2))
                .as("16 was measured before 20's new first measurement, not after the expired change's window")
                .isTrue();
    }

    @Test
    void theSizeToKeepIsWithinThreeQuartersOfTheTolerance() {
        memory.observe(2, 2_500, 1);
        memory.observe(1, 2_310, 3);
        assertThat(memory.goal(1, 32, 3)).as("1 at 92.4%% of 2: outside 7.5%%").isEqualTo(2);
        assertThat(memory.slower(1, 1, 32, 3)).as("but not clearly slower (10%%)").isFalse();

        memory.observe(1, 2_340, 5);
        assertThat(memory.goal(1, 32, 5)).as("1's mean at 93.0%% of 2: inside").isEqualTo(1);
    }

    @Test
    void theSizeToKeepIsJudgedAgainstTheBestLessHalfItsStandardErrorWhenWindowsAreNoisy() {
        // 16 known from one window at 107; 8 then measured eight times around 95. Against 107 itself, 8 is 11%
        // slower and 16 is the size to keep; but with windows 10% off their means, one window at 107 is likely
        // a lucky one, and half its standard error (about 5%) brings 8 within the band.
        ThroughputMemory noisy = new ThroughputMemory(SizingParameters.DEFAULTS);
        ThroughputMemory steady = new ThroughputMemory(SizingParameters.DEFAULTS);
        noisy.observe(16, 107, 1);
        steady.observe(16, 107, 1);
        for (int window = 2; window <= 9; window++) {
            noisy.observe(8, window % 2 == 0 ? 85 : 105, window);
            steady.observe(8, 95, window);
        }

        assertThat(steady.windowNoise()).as("windows exactly at their means").isZero();
        assertThat(steady.goal(1, 32, 9)).as("no noise: the best's figure as it is").isEqualTo(16);
        assertThat(noisy.windowNoise()).as("windows 10% off their means").isBetween(0.08, 0.16);
        assertThat(noisy.goal(1, 32, 9)).as("noise: 8 within the band of 16 less half its error").isEqualTo(8);
    }

    @Test
    void theErrorTakenOffTheBestIsNeverMoreThanTheTolerance() {
        // A workload-change factor of 4 lets windows 60% off their means count: half a single window's error
        // would then take a third off the best, and 2, clearly slower than 16, would become the size to keep.
        SizingParameters d = SizingParameters.DEFAULTS;
        ThroughputMemory wide = new ThroughputMemory(new SizingParameters(d.alpha(), d.beta(), d.holdTolerance(),
                d.maxStepUp(), d.maxStepDown(), d.settleWindows(), d.idleWindowsBeforeShrink(), d.idleHeadroom(),
                d.probeAfterWindows(), d.minSamples(), d.queueWaitFraction(), d.rebaseFraction(),
                d.throughputTolerance(), d.probeUpSteps(), d.capacityMemoryWindows(), 4.0));
        wide.observe(16, 100, 1);
        for (int window = 2; window <= 10; window++) {
            wide.observe(2, window % 2 == 0 ? 50 : 110, window);
        }

        assertThat(wide.windowNoise()).as("windows far off their means").isGreaterThan(0.4);
        assertThat(wide.comparableFigures(10).get(2)).as("2's figure").isLessThan(0.925 * 0.9 * 100);
        assertThat(wide.goal(1, 32, 10)).as("at most 10% off the best: 2 stays outside the band").isEqualTo(16);
    }

    @Test
    void theWindowNoiseIsEstimatedOnlyOnceFourWindowsWereCountedAgainstTheirMeans() {
        memory.observe(8, 100, 1);
        memory.observe(8, 120, 2);
        memory.observe(8, 80, 3);
        memory.observe(8, 120, 4);
        assertThat(memory.windowNoise()).as("three deviations").isZero();

        memory.observe(8, 80, 5);
        assertThat(memory.windowNoise()).as("four").isPositive();

        memory.forget();
        assertThat(memory.windowNoise()).as("forgotten with the workload").isZero();
    }

    @Test
    void aSizeIsMeasuredInPartUntilItsMeanCountsFourWindows() {
        assertThat(memory.measuredInPart(8, 0)).as("no figure").isFalse();
        for (int window = 1; window <= 3; window++) {
            memory.observe(8, 100, window);
            assertThat(memory.measuredInPart(8, window)).as("%d windows", window).isTrue();
        }
        memory.observe(8, 100, 4);
        assertThat(memory.measuredInPart(8, 4)).as("4 windows").isFalse();
        assertThat(memory.measuredBefore(8, 5, 4)).isTrue();
        assertThat(memory.measuredBefore(8, 4, 4)).as("measured in window 4, not before it").isFalse();
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

    /** 17 measured, then a stay at 7 long enough for 7's mean to be past its first eight windows. */
    private long measureSeventeenThenStayAtSeven(double throughput) {
        memory.observe(17, 24_000, 1);
        long now = 2;
        for (; now < 11; now++) {
            memory.observe(7, throughput, now);
        }
        return now;
    }

    @Test
    void aStayWhoseSizeSlowsScalesTheOtherSizesFiguresDownWithIt() {
        long now = measureSeventeenThenStayAtSeven(23_000);
        assertThat(memory.goal(1, 32, now)).as("before: within 7.5% of 17's 24,000").isEqualTo(7);

        // The machine slows by 40% over eight windows; the pool stays at 7, so the change is the machine's.
        for (int i = 1; i <= 8; i++, now++) {
            assertThat(memory.observe(7, 23_000 * (1 - 0.05 * i), now)).as("window %d counted", i).isTrue();
        }
        for (int i = 0; i < 8; i++, now++) {
            memory.observe(7, 13_800, now);
        }

        double seven = memory.estimate(7, now);
        double seventeen = memory.estimate(17, now);
        assertThat(seven).as("7's mean followed the machine down").isBetween(13_800.0, 14_640.0);
        assertThat(seventeen / seven).as("17, from the faster seconds, against 7 as the two stood then")
                .isCloseTo(24_000.0 / 23_000, Percentage.withPercentage(1e-6));
        assertThat(memory.slower(7, 1, 32, now)).as("unscaled, 17's 24,000 makes 7 slower").isFalse();
        assertThat(memory.goal(1, 32, now)).isEqualTo(7);
    }

    @Test
    void theFirstEightWindowsOfAStayMoveItsMeanButNotTheMachinesLevel() {
        memory.observe(17, 24_000, 1);
        // Whole windows averaged in: the mean moves by a window's noise, which is no evidence about the machine.
        double[] windows = {24_000, 18_000, 18_000, 18_000, 18_000, 18_000, 18_000, 18_000};
        for (int i = 0; i < windows.length; i++) {
            memory.observe(7, windows[i], 2 + i);
        }

        long now = 1 + windows.length;
        assertThat(memory.estimate(7, now)).isLessThan(19_000);
        assertThat(memory.estimate(17, now)).isEqualTo(24_000);
        assertThat(memory.slower(7, 1, 32, now)).isTrue();
    }

    @Test
    void aSizeMeasuredAgainAfterTheMachineSlowedIsCheckedAgainstItsScaledFigure() {
        long now = measureSeventeenThenStayAtSeven(24_000);
        for (int i = 0; i < 16; i++, now++) {
            memory.observe(7, 24_000 * (i < 8 ? 1 - 0.05 * (i + 1) : 0.6), now);
        }

        // 14,400 is 0.6 of 17's raw 24,000, past the change factor of 1.5; against its scaled figure it is not.
        boolean counted = memory.observe(17, 14_400, now);

        assertThat(counted).as("not held as a changed workload").isTrue();
        assertThat(memory.estimate(7, now)).as("nothing forgotten").isPositive();
        assertThat(memory.goal(1, 32, now)).isEqualTo(7);
    }

    @Test
    void aLevelRescaledAfterAMillionfoldFallKeepsEveryFiguresRatio() {
        long now = measureSeventeenThenStayAtSeven(22_000);
        // Each window 0.7 of the mean (inside the change factor): the mean and the level fall by 7.5% a window,
        // past a millionth after some 180 windows, where the level and every size's record of it are rescaled.
        for (int i = 0; i < 200; i++, now++) {
            assertThat(memory.observe(7, 0.7 * memory.estimate(7, now), now)).isTrue();
        }

        double seven = memory.estimate(7, now);
        assertThat(seven).isLessThan(22_000 * 1e-6);
        assertThat(memory.estimate(17, now) / seven).as("17 against 7 as the two stood when 7's stay began")
                .isCloseTo(24_000.0 / 22_000, Percentage.withPercentage(1e-6));
    }
}
