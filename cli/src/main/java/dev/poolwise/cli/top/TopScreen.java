package dev.poolwise.cli.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns pool snapshots into the text {@code poolwise top} prints: a title line, then one table row per pool
 * with aligned columns and a utilization bar. A pure function of its input, so that what users see is tested
 * without attaching to anything.
 */
public final class TopScreen {

    /** Characters inside the utilization bar's brackets. */
    public static final int BAR_WIDTH = 20;

    /** What a value the pool does not publish, or that could not be read, shows as. */
    public static final String MISSING = "-";

    private static final String[] HEADERS = {
        "POOL", "KIND", "SIZING", "TOTAL", "ACTIVE", "IDLE", "RESERVED", "WAITING", "TARGET", "MAX", "UTILIZATION",
        "TIMEOUTS", "LEAKS", "HEALTH"
    };
    /** Which columns hold numbers, aligned right; the others (text, the bar) are aligned left. */
    private static final boolean[] RIGHT = {
        false, false, false, true, true, true, true, true, true, true, false, true, true, false
    };

    private TopScreen() {
    }

    /**
     * @param title the first line, e.g. which JVM and when
     * @param pools the pools, in the order to show them
     * @return the title, the table (or a line saying there are no pools), and a note on what {@code -} means
     *         when a HikariCP pool is shown; every line ends with {@code \n}
     */
    public static String render(String title, List<PoolSnapshot> pools) {
        StringBuilder text = new StringBuilder(title).append('\n');
        if (pools.isEmpty()) {
            text.append("(no Poolwise or HikariCP pools registered over JMX)\n");
            return text.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (PoolSnapshot pool : pools) {
            rows.add(cells(pool));
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append("  ");
                }
                String cell = row[column];
                String padding = " ".repeat(widths[column] - cell.length());
                line.append(RIGHT[column] ? padding + cell : cell + padding);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        if (pools.stream().anyMatch(pool -> pool.kind() == PoolLibrary.HIKARI)) {
            text.append("hikari: HikariCP publishes no sizing, target, reserve, timeout, leak or health figures"
                    + " over JMX, shown as ")
                    .append(MISSING).append('\n');
        }
        return text.toString();
    }

    /**
     * @param utilization a share from 0 to 1, or {@code null} when unknown
     * @return {@code [#####...............]  25%}: {@link #BAR_WIDTH} characters between the brackets, then
     *         the percentage right-aligned in four characters ({@code    -} when unknown)
     */
    public static String bar(Double utilization) {
        if (utilization == null) {
            return "[" + ".".repeat(BAR_WIDTH) + "] " + String.format(Locale.ROOT, "%4s", MISSING);
        }
        double share = Math.min(1.0, Math.max(0.0, utilization));
        int filled = (int) Math.round(share * BAR_WIDTH);
        // A pool with anything borrowed shows at least one mark, and only a full pool shows a full bar.
        if (filled == 0 && share > 0) {
            filled = 1;
        } else if (filled == BAR_WIDTH && share < 1) {
            filled = BAR_WIDTH - 1;
        }
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                // The small nudge keeps 0.29 * 100 = 28.999... from showing as 28%.
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(share * 100 + 1e-9));
    }

    private static String[] cells(PoolSnapshot pool) {
        return new String[] {
            printable(pool.name()), pool.kind().label(), pool.sizing() == null ? MISSING : printable(pool.sizing()),
            text(pool.total()), text(pool.active()), text(pool.idle()), text(pool.reserved()), text(pool.waiting()),
            text(pool.target()),
            text(pool.max()), bar(pool.utilization()), text(pool.timeouts()), text(pool.leaks()),
            pool.health() == null ? MISSING : printable(pool.health())
        };
    }

    /** Names and health come from another process; a control character in them must not move the cursor. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String text(Number value) {
        return value == null ? MISSING : value.toString();
    }
}
