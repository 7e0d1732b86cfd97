package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class SizeResultSpreadTest {

    @Test
    void spreadIsTheCoefficientOfVariationOfTheSlices() {
        assertThat(SizeResult.spread(List.of(100.0, 100.0, 100.0))).isZero();
        // Mean 100, sample standard deviation 20: a spread of 0.2.
        assertThat(SizeResult.spread(List.of(80.0, 100.0, 120.0))).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void spreadIsZeroWhenThereIsNothingToCompare() {
        assertThat(SizeResult.spread(List.of())).isZero();
        assertThat(SizeResult.spread(List.of(500.0))).isZero();
        assertThat(SizeResult.spread(List.of(0.0, 0.0))).isZero();
    }
}
