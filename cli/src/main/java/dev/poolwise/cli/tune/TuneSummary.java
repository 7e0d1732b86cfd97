package dev.poolwise.cli.tune;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run's results for people on standard output: a table per pool, then the recommendation with the
 * rule, the advisor's static answer and HikariCP's default beside it.
 */
public final class TuneSummary {

    private TuneSummary() {
    }

    /**
     * @param out     where to print
     * @param results the run's results
     */
    public static void print(PrintWriter out, TuneResults results) {
        TuneResults.DatabaseInfo d = results.database();
        out.printf(Locale.ROOT, "poolwise tune: %s workload, %d clients, on %s %s%s%n", results.settings().workload(),
                results.settings().clients(), d.engine(), d.version(), d.embedded() ? " (embedded)" : "");
        for (MeasuredPool pool : results.pools()) {
            List<SizeResult> steps = results.steps().getOrDefault(pool, List.of());
            out.println();
            out.println(pool.displayName() + ":");
            out.println("  size  rounds     units/s  95% interval   p50 ms   p99 ms  wait p99   db active max/mean  failed");
            RecommendationRule.Choice choice = results.recommendations().get(pool);
            for (SizeResult s : steps) {
                SizeResult.DatabaseActivity a = s.activity();
                out.printf(Locale.ROOT, "%s%4d  %6d  %10s  %12s %8.2f %8.2f  %8.2f   %19s  %6d%n",
                        choice != null && choice.size() == s.size() ? "> " : "  ", s.size(), s.rounds().size(),
                        String.format(Locale.ROOT, "%,.0f", s.throughput()),
                        String.format(Locale.ROOT, "±%,.0f (%.0f%%)", s.interval().halfWidth(),
                                s.interval().relativeHalfWidth() * 100),
                        s.latency().p50(), s.latency().p99(), s.poolWait().p99(),
                        a.samples() == 0 ? "-" : String.format(Locale.ROOT, "%d / %.1f", a.activeMax(), a.activeMean()),
                        s.failures());
            }
        }
        out.println();
        results.recommendation().ifPresentOrElse(
                c -> out.println("Recommended maximumPoolSize: " + c.size()),
                () -> out.println("No recommendation: no step ran without failures."));
        out.println("  Rule: " + RecommendationRule.TEXT + ".");
        results.recommendation().ifPresent(c -> {
            out.println("  " + c.explanation());
            out.println("  How firm: " + c.firmness().id() + ". " + c.firmnessNote());
        });
        results.edgeNote().ifPresent(note -> out.println("  " + note));
        for (MeasuredPool pool : results.pools()) {
            RecommendationRule.Choice c = results.recommendations().get(pool);
            if (pool != MeasuredPool.POOLWISE && c != null) {
                out.println("  Through " + pool.displayName() + " the same rule gives " + c.size() + ".");
            }
        }
        if (results.advisor() != null) {
            out.println("  The advisor's static answer for this machine: " + results.advisor().size() + " ("
                    + results.advisor().brief() + ")");
        }
        out.println("  HikariCP's default: " + TuneResults.HIKARI_DEFAULT_SIZE + ".");
        if (results.interrupted()) {
            out.println("  Stopped early: these are the steps that finished.");
        }
        if (results.adaptive() != null) {
            if (results.adaptive().sweeps().size() > 1) {
                out.println("  These are the first phase's (" + results.adaptive().sweeps().get(0).workload()
                        + "); each later phase's sweep follows.");
            }
            AdaptiveReport.print(out, results);
        }
        out.flush();
    }
}
