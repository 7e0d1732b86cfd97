package dev.poolwise.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

import dev.poolwise.PoolStats;

/**
 * Shows a running demo: on a terminal, one line rewritten every second (a bar, operations, throughput and the
 * pool's counts); elsewhere (a pipe, a file, a CI log) a plain line every few seconds.
 */
final class DemoProgress {

    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastCompleted;
    private long lastNanos;
    private int lastLength;

    /**
     * @param out      where to print
     * @param terminal whether {@code out} is a terminal that can rewrite a line
     */
    DemoProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.lastNanos = System.nanoTime();
    }

    /** @return how often {@link #update} wants to be called, in milliseconds */
    long intervalMillis() {
        return terminal ? 1_000 : 3_000;
    }

    /**
     * Prints the current state.
     *
     * @param workload the running workload
     * @param stats    the pool's counts now
     */
    void update(DemoWorkload workload, PoolStats stats) {
        long now = System.nanoTime();
        long completed = workload.completed();
        double seconds = (now - lastNanos) / 1e9;
        double rate = seconds > 0 ? (completed - lastCompleted) / seconds : 0;
        lastNanos = now;
        lastCompleted = completed;
        String counts = String.format(Locale.ROOT, "%5.1fs %,10d ops %,9.0f ops/s   pool: total=%d active=%d idle=%d waiting=%d",
                workload.elapsed().toMillis() / 1000.0, completed, rate, stats.total(), stats.active(), stats.idle(),
                stats.waiting());
        if (terminal) {
            String line = bar(workload.progress()) + " " + counts;
            // Pad over what the previous, possibly longer, line left on screen.
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(String.format(Locale.ROOT, "%3.0f%% ", workload.progress() * 100) + counts);
        }
        out.flush();
    }

    /** Ends the rewritten line, so that what follows starts on its own. */
    void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            out.flush();
        }
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]"
                + String.format(Locale.ROOT, " %3.0f%%", fraction * 100);
    }
}
