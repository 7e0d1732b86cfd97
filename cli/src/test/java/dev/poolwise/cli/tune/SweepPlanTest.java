package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SweepPlanTest {

    @Test
    void refinesBelowTheCoarseAnswerFirstThenOnceAbove() {
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 8, 3)).containsExactly(6, 12, 7);
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 32, 3)).containsExactly(24, 48, 28);
    }

    @Test
    void refinesOnlyWhereThereIsRoom() {
        // Nothing lies between 1 and 2; above 1 only the next coarse size's midpoint would be new, and there is none.
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 1, 3)).isEmpty();
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 2, 3)).containsExactly(3);
        // At the largest size there is nothing above.
        assertThat(SweepPlan.refinement(SweepPlan.QUICK_SIZES, 16, 2)).containsExactly(12, 14);
    }

    @Test
    void neverRepeatsAMeasuredSizeAndKeepsToTheLimit() {
        assertThat(SweepPlan.refinement(List.of(1, 2, 3, 4, 5, 6, 8, 16), 4, 3)).isEmpty();
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 16, 1)).containsExactly(12);
        assertThat(SweepPlan.refinement(SweepPlan.DEFAULT_SIZES, 16, 0)).isEmpty();
    }

    @Test
    void ordersAndChecksTheCoarseSizes() {
        assertThat(SweepPlan.coarse(List.of(8, 2, 8, 1), 64)).containsExactly(1, 2, 8);
        assertThatThrownBy(() -> SweepPlan.coarse(List.of(0, 2), 64)).hasMessageContaining("--sizes 0");
        assertThatThrownBy(() -> SweepPlan.coarse(List.of(128), 64))
                .hasMessageContaining("--sizes 128").hasMessageContaining("--clients 64");
        assertThatThrownBy(() -> SweepPlan.coarse(List.of(), 64)).hasMessageContaining("at least one size");
    }
}
