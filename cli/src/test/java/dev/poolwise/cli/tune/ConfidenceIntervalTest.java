package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

    @Test
    void isTheMeanPlusOrMinusStudentsTTimesTheStandardError() {
        // Mean 100; sample standard deviation 20 (deviations -20, 0, 20, 0 ... over 4 samples: sqrt(800/3)).
        ConfidenceInterval interval = ConfidenceInterval.of95(List.of(80.0, 100.0, 120.0, 100.0));

        double standardError = Math.sqrt(800.0 / 3) / 2;
        assertThat(interval.mean()).isEqualTo(100);
        assertThat(interval.halfWidth()).isCloseTo(3.182 * standardError, within(1e-9));
        assertThat(interval.low()).isCloseTo(100 - 3.182 * standardError, within(1e-9));
        assertThat(interval.high()).isCloseTo(100 + 3.182 * standardError, within(1e-9));
        assertThat(interval.samples()).isEqualTo(4);
        assertThat(interval.relativeHalfWidth()).isCloseTo(3.182 * standardError / 100, within(1e-12));
    }

    @Test
    void identicalSamplesGiveAZeroWidthIntervalAndOneSampleTellsNothingOfTheNoise() {
        assertThat(ConfidenceInterval.of95(List.of(50.0, 50.0, 50.0)).halfWidth()).isZero();
        ConfidenceInterval single = ConfidenceInterval.of95(List.of(70.0));
        assertThat(single.low()).isEqualTo(70);
        assertThat(single.high()).isEqualTo(70);
        assertThat(single.samples()).isEqualTo(1);
        assertThatThrownBy(() -> ConfidenceInterval.of95(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void studentsTMatchesTheTableAndApproachesTheNormalQuantile() {
        assertThat(ConfidenceInterval.t975(1)).isEqualTo(12.706);
        assertThat(ConfidenceInterval.t975(11)).isEqualTo(2.201);
        assertThat(ConfidenceInterval.t975(30)).isEqualTo(2.042);
        // Beyond the table: 40 degrees of freedom is 2.021, 120 is 1.980 in printed tables.
        assertThat(ConfidenceInterval.t975(40)).isCloseTo(2.021, within(0.001));
        assertThat(ConfidenceInterval.t975(120)).isCloseTo(1.980, within(0.001));
        assertThat(ConfidenceInterval.t975(100_000)).isCloseTo(1.960, within(0.001));
        assertThatThrownBy(() -> ConfidenceInterval.t975(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlapIncludesTouchingEndsAndNothingMore() {
        ConfidenceInterval a = new ConfidenceInterval(100, 90, 110, 10);
        assertThat(a.overlaps(new ConfidenceInterval(115, 110, 120, 10))).isTrue();
        assertThat(a.overlaps(new ConfidenceInterval(95, 94, 96, 10))).isTrue();
        assertThat(a.overlaps(new ConfidenceInterval(116, 110.5, 121.5, 10))).isFalse();
        assertThat(new ConfidenceInterval(80, 75, 89.9, 10).overlaps(a)).isFalse();
    }
}
