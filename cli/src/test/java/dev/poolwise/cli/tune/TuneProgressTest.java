package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class TuneProgressTest {

    @Test
    void onATerminalRewritesOneLineWithABarOverTheWholeSweep() {
        StringWriter text = new StringWriter();
        TuneProgress progress = new TuneProgress(new PrintWriter(text), true);

        progress.stepStarted(3, 4, MeasuredPool.POOLWISE, 8, SizeResult.COARSE);
        progress.stepProgress(3, 4, 0.5, 1_000);
        progress.stepFinished(3, 4, MeasuredPool.POOLWISE, 8, round(2_500, 12.5, 0));
        progress.finish();

        String out = text.toString();
        assertThat(out).startsWith("\r[############............]  50% step 3/4: Poolwise size 8")
                .contains("\r[###############.........]  63% step 3/4: Poolwise size 8")
                .contains("\r[##################......]  75% step 3/4: Poolwise size 8: 2,500/s, p99 12.50 ms")
                .endsWith(System.lineSeparator());
        assertThat(out.split("\n")).hasSize(1);
    }

    @Test
    void elsewherePrintsOnePlainLinePerFinishedStep() {
        StringWriter text = new StringWriter();
        TuneProgress progress = new TuneProgress(new PrintWriter(text), false);

        progress.stepStarted(1, 2, MeasuredPool.HIKARI, 4, SizeResult.REFINE);
        progress.stepProgress(1, 2, 0.5, 1_000);
        progress.stepFinished(1, 2, MeasuredPool.HIKARI, 4, round(900, 20, 2));
        progress.finish();

        assertThat(text.toString()).doesNotContain("\r").doesNotContain("[#")
                .isEqualTo("poolwise tune: step 1/2: HikariCP size 4 (refine): 900/s, p99 20.00 ms, 2 failed" + System.lineSeparator());
    }

    @Test
    void saysWhyARoundIsReMeasured() {
        StringWriter text = new StringWriter();
        TuneProgress progress = new TuneProgress(new PrintWriter(text), false);

        progress.stepStarted(9, 12, MeasuredPool.POOLWISE, 4, SizeResult.REMEASURE);
        progress.stepFinished(9, 12, MeasuredPool.POOLWISE, 4, round(1_000, 5, 0));

        assertThat(text.toString()).startsWith("poolwise tune: step 9/12: Poolwise size 4 (re-measure: noisy):");
    }

    private static SizeResult.Round round(double throughput, double p99, long failures) {
        return new SizeResult.Round(SizeResult.COARSE, Math.round(throughput * 2), failures, 2, throughput, p99,
                List.of(throughput, throughput));
    }
}
