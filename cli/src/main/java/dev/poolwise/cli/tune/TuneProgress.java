package dev.poolwise.cli.tune;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a running sweep. On a terminal: one line rewritten a few times a second, with a bar over the whole
 * sweep, the step, and the live rate. Elsewhere (a pipe, a file, a CI log): one plain line when each step
 * ends, with its figures.
 */
public final class TuneProgress implements SizeSweep.Listener {

    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private String stepText = "";
    private long lastCompleted;
    private long lastNanos;
    private int lastLength;

    /**
     * @param out      where to print (standard error: standard output carries the results)
     * @param terminal whether {@code out} is a terminal that can rewrite a line
     */
    public TuneProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void stepStarted(int step, int planned, MeasuredPool pool, int size, String phase) {
        String why = switch (phase) {
            case SizeResult.REFINE -> " (refine)";
            case SizeResult.REMEASURE -> " (re-measure: noisy)";
            default -> "";
        };
        stepText = String.format(Locale.ROOT, "step %d/%d: %s size %d%s", step, planned, pool.displayName(), size,
                why);
        lastCompleted = 0;
        lastNanos = System.nanoTime();
        if (terminal) {
            rewrite(bar((step - 1.0) / planned) + " " + stepText);
        }
    }

    @Override
    public void stepProgress(int step, int planned, double fraction, long completed) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        double rate = seconds > 0.1 ? (completed - lastCompleted) / seconds : 0;
        lastNanos = now;
        lastCompleted = completed;
        rewrite(bar((step - 1 + fraction) / planned) + " " + stepText
                + String.format(Locale.ROOT, "  %,8.0f/s", rate));
    }

    @Override
    public void stepFinished(int step, int planned, MeasuredPool pool, int size, SizeResult.Round round) {
        String figures = String.format(Locale.ROOT, "%,.0f/s, p99 %.2f ms%s", round.throughput(), round.p99Ms(),
                round.failures() > 0 ? ", " + round.failures() + " failed" : "");
        if (terminal) {
            rewrite(bar((double) step / planned) + " " + stepText + ": " + figures);
        } else {
            out.println("poolwise tune: " + stepText + ": " + figures);
            out.flush();
        }
    }

    /** Ends the rewritten line, so that what follows starts on its own. */
    public void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * Prints a line of its own between steps (setting up, loading), ending any rewritten line first.
     *
     * @param line what to say
     */
    public void note(String line) {
        finish();
        out.println("poolwise tune: " + line);
        out.flush();
    }

    private void rewrite(String line) {
        // Pad over what the previous, possibly longer, line left on screen.
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        out.flush();
    }

    private static String bar(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]"
                + String.format(Locale.ROOT, " %3.0f%%", clamped * 100);
    }
}
