package dev.poolwise.internal.sizing;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

/** The throughput memory's parameters are rejected out of range with the name and the value. */
class SizingParametersTest {

    private static final SizingParameters D = SizingParameters.DEFAULTS;

    private static SizingParameters memory(double tolerance, int probeUpSteps, int memoryWindows, double changeFactor) {
        return new SizingParameters(D.alpha(), D.beta(), D.holdTolerance(), D.maxStepUp(), D.maxStepDown(),
                D.settleWindows(), D.idleWindowsBeforeShrink(), D.idleHeadroom(), D.probeAfterWindows(),
                D.minSamples(), D.queueWaitFraction(), D.rebaseFraction(), tolerance, probeUpSteps, memoryWindows,
                changeFactor);
    }

    @Test
    void theDefaultsAndTheEdgesOfEachRangeAreAccepted() {
        assertThatNoException().isThrownBy(() -> memory(0, 0, 1, 1.01));
        assertThatNoException().isThrownBy(() -> memory(0.49, 12, 10_000, 3));
    }

    @Test
    void aThroughputToleranceOutsideZeroToAHalfIsRejectedWithItsValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> memory(0.5, 3, 240, 1.5))
                .withMessage("sizing throughputTolerance must be in [0, 0.5), got 0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> memory(-0.1, 3, 240, 1.5))
                .withMessageContaining("throughputTolerance").withMessageContaining("-0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> memory(Double.NaN, 3, 240, 1.5))
                .withMessageContaining("throughputTolerance").withMessageContaining("NaN");
    }

    @Test
    void aNegativeProbeReachOrAnEmptyMemoryIsRejectedWithItsValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> memory(0.1, -1, 240, 1.5))
                .withMessage("sizing probeUpSteps must be >= 0, got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> memory(0.1, 3, 0, 1.5))
                .withMessage("sizing capacityMemoryWindows must be >= 1, got 0");
    }

    @Test
    void aWorkloadChangeFactorOfOneOrLessIsRejectedWithItsValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> memory(0.1, 3, 240, 1.0))
                .withMessage("sizing workloadChangeFactor must be > 1, got 1.0");
    }
}
