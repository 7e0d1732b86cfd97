package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class StepRunnerSpreadTest {

    @Test
    void spreadIsTheCoefficientOfVariationOfTheSlices() {
        assertThat(StepRunner.spread(List.of(100L, 100L, 100L))).isZero();
        // Mean 100, sample standard deviation 20: a spread of 0.2.
        assertThat(StepRunner.spread(List.of(80L, 100L, 120L))).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void spreadIsZeroWhenThereIsNothingToCompare() {
        assertThat(StepRunner.spread(List.of())).isZero();
        assertThat(StepRunner.spread(List.of(500L))).isZero();
        assertThat(StepRunner.spread(List.of(0L, 0L))).isZero();
    }
}
