package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws the adaptive pool's target size over time as a compact text chart, for the terminal, the HTML report
 * and the docs: one column per second (or per few seconds on a long run, each column then showing the highest
 * target in its seconds), a row per connection up to the highest target reached (rows shared above
 * {@value #MAX_ROWS}), the phase changes marked on the time axis and the phases named under it. The chart's top
 * is the highest target, not the ceiling, so that the levels the pool worked at stay apart.
 *
 * <pre>
 *  16 |
 *  12 |
 *   8 |   #####        #
 *   4 | ##########  ######
 *     +----------|--------
 *      0s read   10s hot-row   20s
 * </pre>
 */
public final class TargetSizeChart {

    /** The most rows; larger targets share rows. */
    static final int MAX_ROWS = 12;
    /** The most columns; longer runs share columns. Two phases of 60 s still get a column per second. */
    static final int MAX_COLUMNS = 120;

    private TargetSizeChart() {
    }

    /**
     * @param targets         the target at the end of each second, in order
     * @param secondsPerPhase each phase's length in seconds
     * @param phases          the phases' names
     * @param ceiling         the pool's maximum, named in the legend
     * @return the chart's lines, without line ends
     */
    public static List<String> render(int[] targets, int secondsPerPhase, List<String> phases, int ceiling) {
        int perColumn = Math.max(1, (targets.length + MAX_COLUMNS - 1) / MAX_COLUMNS);
        int columns = (targets.length + perColumn - 1) / perColumn;
        int[] values = new int[columns];
        for (int c = 0; c < columns; c++) {
            int from = c * perColumn;
            values[c] = Arrays.stream(targets, from, Math.min(targets.length, from + perColumn)).max().orElse(0);
        }
        int top = Math.max(1, Arrays.stream(targets).max().orElse(1));
        int rows = Math.min(MAX_ROWS, top);
        int labelWidth = String.valueOf(top).length();
        List<String> lines = new ArrayList<>();
        for (int row = rows; row >= 1; row--) {
            // A row's level: the targets at or above it are filled. The top row is the ceiling itself.
            int level = (int) Math.ceil((double) top * row / rows);
            int below = row == 1 ? 0 : (int) Math.ceil((double) top * (row - 1) / rows);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "d |", level));
            for (int value : values) {
                // A column reaches into a row when its target is above the row below's level: a target of 5
                // with rows at 4 and 8 shows in the 8 row, so that no target is drawn lower than it is.
                line.append(value > below ? '#' : ' ');
            }
            lines.add(line.toString().stripTrailing());
        }
        StringBuilder axis = new StringBuilder(" ".repeat(labelWidth) + " +");
        StringBuilder names = new StringBuilder(" ".repeat(labelWidth + 2));
        for (int c = 0; c < columns; c++) {
            boolean change = secondsPerPhase > 0 && c > 0 && (c * perColumn) / secondsPerPhase
                    != ((c - 1) * perColumn) / secondsPerPhase;
            axis.append(change ? '|' : '-');
        }
        for (int p = 0; p < phases.size(); p++) {
            int column = secondsPerPhase * p / perColumn;
            String label = (secondsPerPhase * p) + "s " + phases.get(p);
            pad(names, labelWidth + 2 + column);
            names.append(names.length() > labelWidth + 2 + column && p > 0 ? " " : "").append(label);
        }
        String end = targets.length + "s";
        pad(names, Math.max(names.length() + 1, labelWidth + 2 + columns - end.length() + 1));
        names.append(end);
        lines.add(axis.toString());
        lines.add(names.toString());
        lines.add(String.format(Locale.ROOT, "%s  (target size, one column per %s; # up to the target;"
                        + " ceiling %d)", " ".repeat(labelWidth),
                perColumn == 1 ? "second" : perColumn + " seconds, their highest", ceiling));
        return lines;
    }

    private static void pad(StringBuilder line, int length) {
        while (line.length() < length) {
            line.append(' ');
        }
    }
}
