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
    void sharesRowsAboveEightLevelsWithoutDrawingATargetLowerThanItIs() {
        int[] targets = {5, 64};

        List<String> lines = TargetSizeChart.render(targets, 2, List.of("read"), 64);

        assertThat(lines.subList(0, TargetSizeChart.MAX_ROWS)).extracting(l -> l.substring(0, 2).strip())
                .containsExactly("64", "56", "48", "40", "32", "24", "16", "8");
        // 5 is above the bottom row's floor (0) and below the next row's (8): it fills the bottom row only.
        assertThat(lines.get(7)).endsWith("|##");
        assertThat(lines.get(6)).endsWith("| #");
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
