package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The text chart of the target over time: its shape, not its looks. */
class TargetSizeChartTest {

    @Test
    void drawsAColumnPerSecondUpToEachTargetAndMarksThePhaseChange() {
        int[] targets = {1, 2, 4, 4, 8, 8, 2, 2};

        List<String> lines = TargetSizeChart.render(targets, 4, List.of("read", "hot-row"), 8);

        // Eight rows (one per level up to the ceiling of 8), the axis, the phase names, the legend.
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("8 |    ##");
        assertThat(lines.get(7)).isEqualTo("1 |########");
        // Row 4 holds the targets of 4 and more.
        assertThat(lines.get(4)).isEqualTo("4 |  ####");
        assertThat(lines.get(8)).isEqualTo("  +----|---");
        assertThat(lines.get(9)).startsWith("   0s read").contains("4s hot-row").endsWith("8s");
    }

    @Test
    void sharesRowsAboveTwelveLevelsWithoutDrawingATargetLowerThanItIs() {
        int[] targets = {5, 64};

        List<String> lines = TargetSizeChart.render(targets, 2, List.of("read"), 64);

        assertThat(lines).hasSize(TargetSizeChart.MAX_ROWS + 3);
        assertThat(lines.get(0)).startsWith("64 |");
        // Rows at ceil(64 r / 12): the bottom row is 6. A target of 5 is above the floor below the bottom row (0)
        // and not above the bottom row's own level: it fills the bottom row only.
        assertThat(lines.get(TargetSizeChart.MAX_ROWS - 1)).isEqualTo(" 6 |##");
        assertThat(lines.get(TargetSizeChart.MAX_ROWS - 2)).isEqualTo("11 | #");
        assertThat(lines.get(lines.size() - 1)).contains("ceiling 64");
    }

    @Test
    void theChartsTopIsTheHighestTargetNotTheCeiling() {
        List<String> lines = TargetSizeChart.render(new int[] {1, 3, 2}, 3, List.of("hot-row"), 64);

        assertThat(lines.get(0)).isEqualTo("3 | #");
        assertThat(lines.get(2)).isEqualTo("1 |###");
        assertThat(lines.get(lines.size() - 1)).contains("ceiling 64");
    }

    @Test
    void aLongRunSharesColumnsAndShowsEachColumnsHighestTarget() {
        int[] targets = IntStream.range(0, 300).map(i -> i == 150 ? 10 : 2).toArray();

        List<String> lines = TargetSizeChart.render(targets, 150, List.of("read", "hot-row"), 10);

        String top = lines.get(0);
        assertThat(top.length() - top.indexOf('|') - 1).isLessThanOrEqualTo(TargetSizeChart.MAX_COLUMNS);
        assertThat(top).contains("#");
        assertThat(lines.get(lines.size() - 1)).contains("one column per 3 seconds, their highest");
        assertThat(lines.get(lines.size() - 3)).contains("|");
    }
}
