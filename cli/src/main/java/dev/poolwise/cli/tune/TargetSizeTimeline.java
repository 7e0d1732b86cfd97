package dev.poolwise.cli.tune;

import static dev.poolwise.cli.tune.SvgChart.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Draws the adaptive pool's run against time as one inline SVG for the HTML report, in two panels that share
 * the time axis:
 * <ul>
 * <li><b>connections</b>: the target size per second as a step line, the connections open as a wide light band
 *     under it (a halo where they agree),
 *     each phase's static recommended size (the size the verdicts call the static knee) as a dashed segment
 *     across that phase, a vertical line at each phase change with the phase's name, and each phase's steady
 *     state (as {@link PhaseJudgement} found it) shaded;</li>
 * <li><b>throughput</b>: units of work completed per second, and the oracle's (each phase's best static size run
 *     through the same phases before and after the adaptive pool, {@link OracleRuns}; the mean of its runs per
 *     second) as a grey line beside it when it ran.</li>
 * </ul>
 * Second {@code k}'s sample is drawn over {@code [k, k+1)}, so a target that changed during second {@code k}
 * steps at the x of {@code k}, as the text chart ({@link TargetSizeChart}) puts it in column {@code k}. The
 * connections axis tops out at the highest value drawn, not the pool's ceiling, so that low levels stay apart.
 *
 * <p>Each panel's plot area is a {@code rect class="plot"} carrying {@code data-panel} and {@code data-top} (the
 * value at its top edge), and the lines carry {@code data-series}, so that a program can check the drawing
 * against the trace. No scripts and no external references: the report must open with no network.
 */
public final class TargetSizeTimeline {

    private static final int WIDTH = 760;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int CONNECTIONS_TOP = 64;
    private static final int CONNECTIONS_HEIGHT = 220;
    private static final int THROUGHPUT_TOP = CONNECTIONS_TOP + CONNECTIONS_HEIGHT + 30;
    private static final int THROUGHPUT_HEIGHT = 90;
    private static final int HEIGHT = THROUGHPUT_TOP + THROUGHPUT_HEIGHT + 50;

    private static final String TARGET = "#1c7ed6";
    private static final String OPEN = "#a5d8ff";
    private static final String REFERENCE = "#2b8a3e";
    private static final String PHASE = "#495057";
    private static final String STEADY = "#ebfbee";
    private static final String COMPLETED = "#e8590c";
    private static final String ORACLE = "#868e96";
    private static final String TEXT = "#212529";
    private static final String MUTED = "#495057";
    private static final String GRID = "#e9ecef";

    /** The least vertical distance between two tick labels, px: a little more than their height. */
    private static final int MIN_LABEL_GAP = 14;

    /** Round steps for the axes' ticks; the first that gives few enough ticks is used. */
    private static final int[] ROUND_STEPS = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600};

    private TargetSizeTimeline() {
    }

    /**
     * The chart without an oracle.
     *
     * @param id       the SVG element's id
     * @param trace    the adaptive run
     * @param verdicts its verdict per phase, for the static reference sizes and the steady states; may be empty
     * @return the chart as an {@code svg} element
     */
    public static String render(String id, AdaptiveTrace trace, List<PhaseJudgement.PhaseVerdict> verdicts) {
        return render(id, trace, verdicts, OracleRuns.none());
    }

    /**
     * @param id       the SVG element's id
     * @param trace    the adaptive run
     * @param verdicts its verdict per phase, for the static reference sizes and the steady states; may be empty
     * @param oracle   the oracle's runs through the same phases, drawn as their mean per second (the yardstick the
     *                 throughput bar pools); {@link OracleRuns#none()} for none
     * @return the chart as an {@code svg} element
     */
    public static String render(String id, AdaptiveTrace trace, List<PhaseJudgement.PhaseVerdict> verdicts,
                                OracleRuns oracle) {
        List<AdaptiveTrace.Second> oracleSeconds = oracle.meanSeconds();
        List<AdaptiveTrace.Second> seconds = trace.seconds();
        int n = seconds.size();
        // One second is the narrowest domain, so that an empty or one-sample run still has a width to draw in.
        int span = Math.max(1, n);
        List<Phase> phases = phases(trace, verdicts);
        int top = 1;
        long mostCompleted = 0;
        for (AdaptiveTrace.Second s : seconds) {
            top = Math.max(top, Math.max(s.target(), s.open()));
            mostCompleted = Math.max(mostCompleted, s.completed());
        }
        for (Phase p : phases) {
            top = Math.max(top, p.reference());
        }
        for (AdaptiveTrace.Second s : oracleSeconds) {
            mostCompleted = Math.max(mostCompleted, s.completed());
        }
        double throughputTop = SvgChart.niceCeiling(mostCompleted);
        Panel connections = new Panel("connections", CONNECTIONS_TOP, CONNECTIONS_HEIGHT, top, span);
        Panel throughput = new Panel("throughput", THROUGHPUT_TOP, THROUGHPUT_HEIGHT, throughputTop, span);

        String label = "Target size and connections open per second, with each phase's static recommended size,"
                + " and units of work completed per second" + (oracle.ran() ? ", beside the oracle's" : "")
                + ", over " + n + " s of " + String.join(", ", trace.phases());
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"chart"
                        + " timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT, escape(label)));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(label)));
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append(text(LEFT, 20, "start", "title", "Target size over time (maximumPoolSize " + trace.maximumPoolSize()
                + "; the axis tops out at the highest value drawn)", 15, TEXT));
        legend(svg, oracle.ran());

        // Steady states first, so that everything else draws over the shading.
        for (Phase p : phases) {
            if (p.steadyFrom() >= 0) {
                double x1 = connections.x(p.steadyFrom());
                double x2 = connections.x(p.end());
                for (Panel panel : List.of(connections, throughput)) {
                    svg.append(String.format(Locale.ROOT, "<rect class=\"steady\" data-phase=\"%d\" data-from=\"%d\""
                                    + " data-to=\"%d\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                                    + "<title>%s</title></rect>%n", p.index() + 1, p.steadyFrom(), p.end(), x1,
                            panel.top(), x2 - x1, panel.height(), STEADY, escape("phase " + (p.index() + 1) + ", "
                                    + p.name() + ": steady state, seconds " + p.steadyFrom() + "-" + p.end())));
                }
            }
        }
        connectionsAxis(svg, connections);
        throughputAxis(svg, throughput);
        timeAxis(svg, connections, throughput, n);

        for (Phase p : phases) {
            double x = connections.x(p.start());
            if (p.index() > 0) {
                svg.append(String.format(Locale.ROOT, "<line class=\"phase-change\" data-second=\"%d\" x1=\"%.1f\""
                                + " y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", p.start(), x,
                        connections.top() - 14, x, throughput.bottom(), PHASE));
            }
            svg.append(text(x + 4, connections.top() - 4, "start", "phase-name", (p.index() + 1) + " " + p.name(),
                    12, PHASE));
            if (p.reference() > 0) {
                double y = connections.y(p.reference());
                svg.append(String.format(Locale.ROOT, "<line class=\"reference\" data-phase=\"%d\" data-size=\"%d\""
                                + " x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\""
                                + " stroke-dasharray=\"7 4\"><title>%s</title></line>%n", p.index() + 1, p.reference(), x,
                        y, connections.x(p.end()), y, REFERENCE, escape(p.referenceNote())));
                svg.append(text(connections.x(p.end()) - 4, y - 4, "end", "reference-label",
                        "static " + p.reference(), 11, REFERENCE));
            }
        }

        // Open is a wide light band under the target: where the pool holds exactly its target (most seconds) it shows
        // as a halo around the target line instead of disappearing under it.
        svg.append(stepLine("open", OPEN, 6, connections, seconds, AdaptiveTrace.Second::open));
        svg.append(stepLine("target", TARGET, 2.5, connections, seconds, AdaptiveTrace.Second::target));
        // The oracle under the adaptive pool's line: where they agree, the adaptive pool's shows.
        svg.append(stepLine("oracle-completed", ORACLE, 1.5, throughput, oracleSeconds.subList(0,
                Math.min(n, oracleSeconds.size())), AdaptiveTrace.Second::completed));
        svg.append(stepLine("completed", COMPLETED, 1.5, throughput, seconds, AdaptiveTrace.Second::completed));
        for (AdaptiveTrace.Change c : trace.changes()) {
            // Changes after the last sample (the run's closing second) have no step to sit on.
            if (c.atSeconds() <= span) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"change\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\""
                                + " fill=\"%s\"><title>%s</title></circle>%n", connections.x(c.atSeconds()),
                        connections.y(c.to()), TARGET, escape(String.format(Locale.ROOT, "%.1f s: target %d to %d (%s)",
                                c.atSeconds(), c.from(), c.to(), c.reason()))));
            }
        }
        // A transparent column per second over both panels, for its figures as a tooltip.
        for (int i = 0; i < n; i++) {
            AdaptiveTrace.Second s = seconds.get(i);
            String phase = s.phase() < trace.phases().size() ? trace.phases().get(s.phase()) : "";
            svg.append(String.format(Locale.ROOT, "<rect class=\"second\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                            + " height=\"%d\" fill=\"transparent\"><title>%s</title></rect>%n", connections.x(i),
                    connections.top(), connections.x(i + 1) - connections.x(i), throughput.bottom() - connections.top(),
                    escape(String.format(Locale.ROOT, "second %d (%s): target %d, open %d, active %d, waiting %d,"
                            + " completed %,d", i, phase, s.target(), s.open(), s.active(), s.waiting(),
                            s.completed()))));
        }
        if (n == 0) {
            svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, connections.top() + connections.height() / 2.0,
                    "middle", "empty", "no seconds recorded", 13, MUTED));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** One phase as drawn: its seconds {@code [start, end)}, its steady state's first second and reference. */
    private record Phase(int index, String name, int start, int end, int steadyFrom, int reference,
                         String referenceNote) {
    }

    private static List<Phase> phases(AdaptiveTrace trace, List<PhaseJudgement.PhaseVerdict> verdicts) {
        List<Phase> phases = new ArrayList<>();
        List<AdaptiveTrace.Second> seconds = trace.seconds();
        for (int p = 0; p < trace.phases().size(); p++) {
            int start = -1;
            int end = -1;
            for (int i = 0; i < seconds.size(); i++) {
                if (seconds.get(i).phase() == p) {
                    start = start < 0 ? i : start;
                    end = i + 1;
                }
            }
            if (start < 0) {
                continue;
            }
            int index = p;
            PhaseJudgement.PhaseVerdict verdict = verdicts.stream().filter(v -> v.phase() == index).findFirst()
                    .orElse(null);
            // A phase without a steady state was judged over its last quarter: that is no steady state to shade.
            int steadyFrom = verdict != null && verdict.settleSeconds() >= 0 ? end - verdict.steadySeconds() : -1;
            RecommendationRule.Choice reference = verdict == null ? null : verdict.reference();
            String note = reference == null ? "" : String.format(Locale.ROOT, "phase %d, %s: static recommended size"
                            + " %d (best throughput %,.0f/s at %d, best p99 %.2f ms at %d)", p + 1, trace.phases().get(p),
                    reference.size(), reference.bestThroughput(), reference.bestThroughputSize(),
                    reference.bestP99Ms(), reference.bestP99Size());
            phases.add(new Phase(p, trace.phases().get(p), start, end, steadyFrom,
                    reference == null ? 0 : reference.size(), note));
        }
        return phases;
    }

    private static void legend(StringBuilder svg, boolean oracle) {
        double x = LEFT;
        double y = 40;
        x = legendLine(svg, x, y, TARGET, 2.5, false, "target");
        x = legendLine(svg, x, y, OPEN, 6, false, "open");
        x = legendLine(svg, x, y, REFERENCE, 2, true, "static recommended size");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"%s\""
                + " stroke=\"#b2f2bb\"/>%n", x, y - 9, STEADY));
        svg.append(text(x + 24, y, "start", "legend", "steady state", 11, TEXT));
        x += 24 + 80;
        x = legendLine(svg, x, y, COMPLETED, 1.5, false, "completed per second");
        if (oracle) {
            legendLine(svg, x, y, ORACLE, 1.5, false, "oracle");
        }
    }

    private static double legendLine(StringBuilder svg, double x, double y, String color, double width,
                                     boolean dashed, String label) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                        + " stroke-width=\"%.1f\"%s/>%n", x, y - 4, x + 18, y - 4, color, width,
                dashed ? " stroke-dasharray=\"7 4\"" : ""));
        svg.append(text(x + 24, y, "start", "legend", label, 11, TEXT));
        // About 6 px a character at 11 px: enough room without measuring text, which SVG cannot do ahead.
        return x + 24 + 6 * label.length() + 16;
    }

    private static void connectionsAxis(StringBuilder svg, Panel panel) {
        plot(svg, panel);
        int top = (int) panel.topValue();
        int step = roundStep(top, 5);
        for (int value = 0; value <= top; value += step) {
            // The top itself is labelled below; a round tick too close under it would print over its label.
            if (value > 0 && value < top && panel.y(value) - panel.y(top) < MIN_LABEL_GAP) {
                continue;
            }
            yTick(svg, panel, value, String.valueOf(value));
        }
        if (top % step != 0) {
            yTick(svg, panel, top, String.valueOf(top));
        }
        yLabel(svg, panel, "connections");
    }

    private static void throughputAxis(StringBuilder svg, Panel panel) {
        plot(svg, panel);
        for (int i = 0; i <= 2; i++) {
            double value = panel.topValue() * i / 2;
            yTick(svg, panel, value, String.format(Locale.ROOT, "%,.0f", value));
        }
        yLabel(svg, panel, "units/s");
    }

    private static void plot(StringBuilder svg, Panel panel) {
        svg.append(String.format(Locale.ROOT, "<rect class=\"plot\" data-panel=\"%s\" data-top=\"%s\" x=\"%d\""
                        + " y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#dee2e6\"/>%n", panel.name(),
                number(panel.topValue()), LEFT, panel.top(), WIDTH - LEFT - RIGHT, panel.height()));
    }

    private static void yTick(StringBuilder svg, Panel panel, double value, String label) {
        double y = panel.y(value);
        svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                + " stroke=\"%s\"/>%n", LEFT, y, WIDTH - RIGHT, y, GRID));
        svg.append(text(LEFT - 6, y + 4, "end", "tick", label, 11, MUTED));
    }

    private static void yLabel(StringBuilder svg, Panel panel, String label) {
        double middle = panel.top() + panel.height() / 2.0;
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"14\" y=\"%.1f\" font-size=\"12\""
                + " fill=\"%s\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>%n", middle, MUTED,
                middle, escape(label)));
    }

    private static void timeAxis(StringBuilder svg, Panel connections, Panel throughput, int seconds) {
        int step = roundStep(Math.max(1, seconds), 12);
        for (int second = 0; second <= seconds; second += step) {
            double x = throughput.x(second);
            for (Panel panel : List.of(connections, throughput)) {
                svg.append(String.format(Locale.ROOT, "<line class=\"xtick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                        + " y2=\"%d\" stroke=\"#adb5bd\"/>%n", x, panel.bottom(), x, panel.bottom() + 4));
            }
            svg.append(text(x, throughput.bottom() + 17, "middle", "tick", second + "s", 11, MUTED));
        }
        svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 10, "middle", "axis-label",
                "seconds since the adaptive pool opened; units of work completed per second below", 12, MUTED));
    }

    /** @return the smallest round step that cuts {@code 0..top} into at most {@code ticks} steps */
    static int roundStep(int top, int ticks) {
        for (int step : ROUND_STEPS) {
            if (top / step <= ticks) {
                return step;
            }
        }
        return (top / ticks / 3600 + 1) * 3600;
    }

    private static String stepLine(String series, String color, double width, Panel panel,
                                   List<AdaptiveTrace.Second> seconds, ToLongFunction<AdaptiveTrace.Second> value) {
        if (seconds.isEmpty()) {
            return "";
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < seconds.size(); i++) {
            double y = panel.y(value.applyAsLong(seconds.get(i)));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", panel.x(i), y, panel.x(i + 1), y));
        }
        return String.format(Locale.ROOT, "<polyline class=\"line\" data-series=\"%s\" fill=\"none\" stroke=\"%s\""
                        + " stroke-width=\"%.1f\" stroke-linejoin=\"miter\" points=\"%s\"/>%n", series, color, width,
                points.toString().strip());
    }

    private static String text(double x, double y, String anchor, String cssClass, String text, int size,
                               String color) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
                + " font-size=\"%d\" fill=\"%s\">%s</text>%n", cssClass, x, y, anchor, size, color, escape(text));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A panel's place on the page and its scales: seconds {@code 0..span} across, {@code 0..topValue} up. */
    private record Panel(String name, int top, int height, double topValue, int span) {

        int bottom() {
            return top + height;
        }

        double x(double second) {
            return LEFT + second / span * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return bottom() - (topValue <= 0 ? 0 : value / topValue * height);
        }
    }
}
