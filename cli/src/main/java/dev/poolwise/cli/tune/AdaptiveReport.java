package dev.poolwise.cli.tune;

import static dev.poolwise.cli.tune.SvgChart.escape;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.cli.common.DurationConverter;

/**
 * The adaptive pool's part of tune's output: on standard output and in {@code report.html} the phases' static
 * sweeps (beyond the first, which is the run's main table), the target size over time (a text chart on standard
 * output; in the report an SVG chart by {@link TargetSizeTimeline}, with the text chart folded under it), and per
 * phase the bars with their measured figures and PASS, MISS or n/a; in {@code results.json} the same under
 * {@code adaptive}, with the raw per-second series and every change of target.
 */
public final class AdaptiveReport {

    private AdaptiveReport() {
    }

    /** @return the heading line of the adaptive section */
    static String heading(AdaptiveResults adaptive) {
        AdaptiveTrace t = adaptive.trace();
        List<String> phases = adaptive.sweeps().stream().map(AdaptiveResults.PhaseSweep::workload).toList();
        String ceiling = t == null ? "" : String.format(Locale.ROOT, "maximumPoolSize %d (the sweep's largest),"
                + " sizingWindow %s, sizingTolerance %s, %s, ", t.maximumPoolSize(),
                DurationConverter.text(t.sizingWindow()), t.sizingTolerance(),
                t.warmup().isZero() ? "no warm-up" : "after a warm-up of " + DurationConverter.text(t.warmup()));
        String lengths = t == null ? "" : " of " + t.secondsPerPhase() + " s";
        return "Adaptive pool (sizing=adaptive, " + ceiling + phases.size() + (phases.size() == 1 ? " phase" : " phases")
                + lengths + ": " + String.join(", ", phases) + ")";
    }

    /** @return the lines of the text chart, or none without a trace */
    static List<String> chart(AdaptiveResults adaptive) {
        AdaptiveTrace t = adaptive.trace();
        if (t == null) {
            return List.of();
        }
        return TargetSizeChart.render(t.seconds().stream().mapToInt(AdaptiveTrace.Second::target).toArray(),
                t.secondsPerPhase(), t.phases(), t.maximumPoolSize());
    }

    /** @return the changes of target counted by reason, e.g. {@code GROW_QUEUEING 5, SHRINK_SATURATED 2} */
    static String changesByReason(AdaptiveTrace trace) {
        Map<String, Integer> counts = new TreeMap<>();
        trace.changes().forEach(c -> counts.merge(c.reason(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, n) -> parts.add(reason + " " + n));
        return trace.changes().size() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** @return the line that opens a phase's verdict */
    static String phaseLine(PhaseJudgement.PhaseVerdict v, int secondsPerPhase) {
        int from = v.phase() * secondsPerPhase;
        return String.format(Locale.ROOT, "Phase %d, %s (%d-%d s): %s the last %d s at a target of %d;"
                        + " %,.0f units/s, p99 %.2f ms, at most %d open, %d failed", v.phase() + 1, v.workload(), from,
                from + secondsPerPhase, v.settleSeconds() < 0 ? "no steady state; over" : "steady for",
                v.steadySeconds(), v.steadyTarget(), v.throughput(), v.p99Ms(), v.connectionsMax(), v.failures());
    }

    /** @return a bar's limit as the reports print it, e.g. {@code >= 90%} */
    static String limit(PhaseJudgement.Bar bar) {
        return switch (bar.name()) {
            case "throughput" -> String.format(Locale.ROOT, ">= %.0f%%", bar.limit() * 100);
            case "p99" -> String.format(Locale.ROOT, "<= %.1fx", bar.limit());
            case "connections" -> String.format(Locale.ROOT, "< %.0f", bar.limit());
            default -> String.format(Locale.ROOT, "<= %.0f s", bar.limit());
        };
    }

    /** @return what the throughput and p99 bars were compared with: the oracle's run or the sweep alone */
    static String oracleLine(AdaptiveResults adaptive) {
        if (!adaptive.oracle().ran()) {
            return "Throughput and p99 compared with the sweep's figures for the best static size (no oracle run).";
        }
        AdaptiveTrace oracle = adaptive.oracle().first();
        int runs = adaptive.oracle().runs().size();
        List<String> sizes = new ArrayList<>();
        for (int p = 0; p < oracle.phases().size(); p++) {
            int phase = p;
            oracle.seconds().stream().filter(s -> s.phase() == phase).reduce((first, last) -> last)
                    .ifPresent(last -> sizes.add(oracle.phases().get(phase) + " at " + last.target()));
        }
        return "Throughput and p99 compared with the oracle's: a static pool run through the same phases right "
                + (runs == 2 ? "before and right after" : runs == 1 ? "after" : runs + " times around")
                + " the adaptive pool, resized at each phase change to the phase's best static size ("
                + String.join(", ", sizes) + "), over the same seconds of each phase"
                + (runs > 1 ? ", its runs pooled." : ".");
    }

    /** @return which of the verdict's phase's static sizes pass both bars, as a sentence; null without a sweep */
    private static String withinBothBarsLine(AdaptiveResults adaptive, PhaseJudgement.PhaseVerdict v) {
        if (v.phase() >= adaptive.sweeps().size()) {
            return null;
        }
        AdaptiveResults.PhaseSweep sweep = adaptive.sweeps().get(v.phase());
        return PhaseJudgement.staticSizesWithinBothBarsLine(sweep.poolwiseChoice(), poolwiseSteps(sweep));
    }

    private static List<SizeResult> poolwiseSteps(AdaptiveResults.PhaseSweep sweep) {
        return sweep.steps().getOrDefault(MeasuredPool.POOLWISE, List.of());
    }

    /**
     * Prints the adaptive section after the static summary.
     *
     * @param out     where to print
     * @param results the run's results, with {@link TuneResults#adaptive()} set
     */
    public static void print(PrintWriter out, TuneResults results) {
        AdaptiveResults adaptive = results.adaptive();
        for (int p = 1; p < adaptive.sweeps().size(); p++) {
            AdaptiveResults.PhaseSweep sweep = adaptive.sweeps().get(p);
            out.println();
            out.printf(Locale.ROOT, "Static sweep, phase %d (%s), Poolwise:%n", p + 1, sweep.workload());
            out.println("  size  rounds     units/s  95% interval   p99 ms  failed");
            RecommendationRule.Choice choice = sweep.poolwiseChoice();
            for (SizeResult s : sweep.steps().getOrDefault(MeasuredPool.POOLWISE, List.of())) {
                out.printf(Locale.ROOT, "%s%4d  %6d  %10s  %12s %8.2f  %6d%n",
                        choice != null && choice.size() == s.size() ? "> " : "  ", s.size(), s.rounds().size(),
                        String.format(Locale.ROOT, "%,.0f", s.throughput()),
                        String.format(Locale.ROOT, "±%,.0f (%.0f%%)", s.interval().halfWidth(),
                                s.interval().relativeHalfWidth() * 100), s.latency().p99(), s.failures());
            }
            out.println(choice == null ? "  No recommendation: no step ran without failures."
                    : "  Recommended for this phase: " + choice.size() + ". " + choice.explanation());
        }
        out.println();
        out.println(heading(adaptive) + ":");
        AdaptiveTrace trace = adaptive.trace();
        if (trace == null) {
            out.println("  Not run to its end (stopped early): no figures.");
            out.flush();
            return;
        }
        chart(adaptive).forEach(line -> out.println("  " + line));
        out.println("  Changes of target: " + changesByReason(trace));
        if (trace.firstFailure() != null) {
            out.println("  First failure: " + trace.firstFailure());
        }
        for (PhaseJudgement.PhaseVerdict v : adaptive.verdicts()) {
            out.println("  " + phaseLine(v, trace.secondsPerPhase()));
            // The details in one column as wide as the phase's longest, so that the limits and verdicts line up.
            int detailWidth = v.bars().stream().mapToInt(b -> b.detail().length()).max().orElse(1);
            for (PhaseJudgement.Bar bar : v.bars()) {
                out.printf(Locale.ROOT, "    %-12s %-" + detailWidth + "s  bar %-7s %s%n", bar.name(), bar.detail(),
                        limit(bar), bar.verdict().label());
            }
            String reachable = withinBothBarsLine(adaptive, v);
            if (reachable != null) {
                out.println("    " + reachable);
            }
        }
        out.println("  " + oracleLine(adaptive));
        out.println("  Bars from issue 12, judged in each phase's steady state (from the first second the target"
                + " stays within ±20% of its last-quarter median); measured figures on this machine, not"
                + " guarantees.");
        out.flush();
    }

    /**
     * Adds {@code adaptive} to the JSON.
     *
     * @param root     the results' JSON tree
     * @param adaptive the adaptive results
     * @param size     writes one size's figures as the main sweep's do
     */
    static void json(ObjectNode root, AdaptiveResults adaptive, Function<SizeResult, ObjectNode> size) {
        ObjectNode node = root.putObject("adaptive");
        AdaptiveTrace trace = adaptive.trace();
        node.put("completed", trace != null);
        if (trace != null) {
            node.put("maximumPoolSize", trace.maximumPoolSize())
                    .put("sizingWindowMs", trace.sizingWindow().toMillis())
                    .put("sizingTolerance", trace.sizingTolerance())
                    .put("warmupSeconds", trace.warmup().toMillis() / 1000.0)
                    .put("phaseSeconds", trace.secondsPerPhase());
        }
        ArrayNode phases = node.putArray("phases");
        for (int p = 0; p < adaptive.sweeps().size(); p++) {
            AdaptiveResults.PhaseSweep sweep = adaptive.sweeps().get(p);
            ObjectNode phase = phases.addObject().put("phase", p + 1).put("workload", sweep.workload());
            ObjectNode statics = phase.putObject("static");
            RecommendationRule.Choice choice = sweep.poolwiseChoice();
            if (choice != null) {
                statics.put("recommended", choice.size()).put("bestThroughputSize", choice.bestThroughputSize())
                        .put("bestThroughput", choice.bestThroughput())
                        .put("bestThroughputP99Ms", choice.bestThroughputP99Ms())
                        .put("bestP99Size", choice.bestP99Size()).put("bestP99Ms", choice.bestP99Ms());
            }
            ArrayNode sizes = statics.putArray("sizes");
            sweep.steps().getOrDefault(MeasuredPool.POOLWISE, List.of()).forEach(s -> sizes.add(size.apply(s)));
            int index = p;
            adaptive.verdicts().stream().filter(v -> v.phase() == index).findFirst().ifPresent(v -> {
                ObjectNode a = phase.putObject("adaptive").put("settled", v.settleSeconds() >= 0);
                if (v.settleSeconds() >= 0) {
                    a.put("settleSeconds", v.settleSeconds());
                } else {
                    a.putNull("settleSeconds");
                }
                a.put("steadySeconds", v.steadySeconds()).put("steadyTarget", v.steadyTarget())
                        .put("throughput", v.throughput()).put("p99Ms", v.p99Ms())
                        .put("connectionsMax", v.connectionsMax()).put("failures", v.failures());
                if (v.oracle() != null) {
                    PhaseJudgement.OracleFigures o = v.oracle();
                    ObjectNode oracle = phase.putObject("oracle").put("size", o.size()).put("seconds", o.seconds())
                            .put("throughput", o.throughput()).put("p99Ms", o.p99Ms()).put("failures", o.failures());
                    ArrayNode runs = oracle.putArray("runThroughputs");
                    o.runThroughputs().forEach(runs::add);
                }
                ArrayNode within = a.putArray("staticSizesWithinBothBars");
                PhaseJudgement.staticSizesWithinBothBars(choice, poolwiseSteps(sweep)).forEach(within::add);
                ArrayNode bars = a.putArray("bars");
                for (PhaseJudgement.Bar bar : v.bars()) {
                    ObjectNode b = bars.addObject().put("name", bar.name());
                    if (Double.isFinite(bar.measured())) {
                        b.put("measured", bar.measured());
                    } else {
                        b.putNull("measured");
                    }
                    b.put("limit", bar.limit()).put("detail", bar.detail()).put("verdict", bar.verdict().label());
                }
            });
        }
        if (trace == null) {
            return;
        }
        series(node.putArray("series"), trace);
        // Each oracle run's samples, in the order they ran (before the adaptive pool, then after).
        if (adaptive.oracle().ran()) {
            ArrayNode runs = node.putArray("oracleRuns");
            adaptive.oracle().runs().forEach(run -> series(runs.addArray(), run));
        }
        ArrayNode changes = node.putArray("changes");
        for (AdaptiveTrace.Change c : trace.changes()) {
            ObjectNode change = changes.addObject().put("atSeconds", c.atSeconds()).put("from", c.from())
                    .put("to", c.to()).put("reason", c.reason()).put("throughput", c.throughput())
                    .put("holdMs", c.holdMs()).put("baselineHoldMs", c.baselineHoldMs())
                    .put("queuedInDatabase", c.queuedInDatabase()).put("inUse", c.inUse())
                    .put("waiters", c.waiters());
            ArrayNode measured = change.putArray("measured");
            c.measured().forEach((atSize, perSecond) -> measured.addObject().put("size", atSize)
                    .put("throughput", perSecond));
        }
        if (trace.firstFailure() != null) {
            node.put("firstFailure", trace.firstFailure());
        }
    }

    /** Writes a run's per-second samples; for the oracle, {@code target} is its static size. */
    private static void series(ArrayNode series, AdaptiveTrace trace) {
        for (int i = 0; i < trace.seconds().size(); i++) {
            AdaptiveTrace.Second s = trace.seconds().get(i);
            series.addObject().put("second", s.second() + 1).put("phase", s.phase() + 1).put("target", s.target())
                    .put("open", s.open()).put("active", s.active()).put("waiting", s.waiting())
                    .put("completed", s.completed()).put("failures", s.failures())
                    .put("p99Ms", trace.latencies().get(i).percentileNanos(99) / 1e6)
                    .put("databaseOpen", s.databaseOpen());
        }
    }

    /**
     * Appends the adaptive section to the HTML report.
     *
     * @param html     the report so far
     * @param adaptive the adaptive results
     */
    static void html(StringBuilder html, AdaptiveResults adaptive) {
        html.append("<h2 id=\"adaptive\">").append(escape(heading(adaptive))).append("</h2>\n");
        for (int p = 1; p < adaptive.sweeps().size(); p++) {
            AdaptiveResults.PhaseSweep sweep = adaptive.sweeps().get(p);
            RecommendationRule.Choice choice = sweep.poolwiseChoice();
            html.append("<h3>Static sweep, phase ").append(p + 1).append(" (").append(escape(sweep.workload()))
                    .append(")</h3>\n<table class=\"phase-steps\" data-phase=\"").append(p + 1)
                    .append("\">\n<tr><th>size</th><th>rounds</th><th>units/s</th><th>95% interval</th>"
                            + "<th>p50 ms</th><th>p99 ms</th><th>failed</th></tr>\n");
            for (SizeResult s : sweep.steps().getOrDefault(MeasuredPool.POOLWISE, List.of())) {
                html.append(choice != null && choice.size() == s.size() ? "<tr class=\"chosen\">" : "<tr>")
                        .append(String.format(Locale.ROOT, "<td>%d</td><td>%d</td><td>%,.0f</td><td>±%,.0f</td>"
                                        + "<td>%.2f</td><td>%.2f</td><td>%d</td></tr>\n", s.size(), s.rounds().size(),
                                s.throughput(), s.interval().halfWidth(), s.latency().p50(), s.latency().p99(),
                                s.failures()));
            }
            html.append("</table>\n");
        }
        AdaptiveTrace trace = adaptive.trace();
        if (trace == null) {
            html.append("<p class=\"warning\">The adaptive run was stopped before it ended: no figures.</p>\n");
            return;
        }
        html.append("<h3>Target size over time</h3>\n<figure>\n")
                .append(TargetSizeTimeline.render("target-chart", trace, adaptive.verdicts(), adaptive.oracle()))
                .append("</figure>\n<details>\n<summary>The same as text</summary>\n<pre class=\"target-text\">");
        chart(adaptive).forEach(line -> html.append(escape(line)).append('\n'));
        html.append("</pre>\n</details>\n<p>Changes of target: ").append(escape(changesByReason(trace)))
                .append(". The per-second series and every change are in <code>results.json</code> under"
                        + " <code>adaptive</code>.</p>\n");
        html.append("<h3>Against the best static size, per phase</h3>\n<table class=\"verdicts\">\n<tr>"
                + "<th class=\"l\">phase</th><th class=\"l\">bar</th><th class=\"l\">measured</th><th>limit</th>"
                + "<th class=\"l\">verdict</th></tr>\n");
        for (PhaseJudgement.PhaseVerdict v : adaptive.verdicts()) {
            for (PhaseJudgement.Bar bar : v.bars()) {
                html.append("<tr><td class=\"l\">").append(v.phase() + 1).append(' ').append(escape(v.workload()))
                        .append("</td><td class=\"l\">").append(escape(bar.name())).append("</td><td class=\"l\">")
                        .append(escape(bar.detail())).append("</td><td>").append(escape(limit(bar)))
                        .append("</td><td class=\"l verdict\">").append(bar.verdict().label()).append("</td></tr>\n");
            }
        }
        html.append("</table>\n<p>Each phase is judged in its steady state: from the first second the target stays"
                + " within ±20% (at least ±1) of its median over the phase's last quarter. ")
                .append(escape(oracleLine(adaptive)))
                .append(" Measured on this machine in one run; a busy machine moves these figures.</p>\n");
        for (PhaseJudgement.PhaseVerdict v : adaptive.verdicts()) {
            String reachable = withinBothBarsLine(adaptive, v);
            html.append("<p>").append(escape(phaseLine(v, trace.secondsPerPhase()))).append('.')
                    .append(reachable == null ? "" : " " + escape(reachable)).append("</p>\n");
        }
    }
}
