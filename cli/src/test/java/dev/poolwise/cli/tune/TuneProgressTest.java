package dev.poolwise.cli.tune;

import static dev.poolwise.cli.tune.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class TuneProgressTest {

    @Test
    void onATerminalRewritesOneLineWithABarOverTheWholeSweep() {
        StringWriter text = new StringWriter();
        TuneProgress progress = new TuneProgress(new PrintWriter(text), true);

        progress.stepStarted(3, 4, MeasuredPool.POOLWISE, 8, StepResult.COARSE);
        progress.stepProgress(3, 4, 0.5, 1_000);
        progress.stepFinished(3, 4, step(8, 2_500, 12.5));
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

        progress.stepStarted(1, 2, MeasuredPool.HIKARI, 4, StepResult.REFINE);
        progress.stepProgress(1, 2, 0.5, 1_000);
        progress.stepFinished(1, 2, step("hikari", 4, 900, 20, 2));
        progress.finish();

        assertThat(text.toString()).doesNotContain("\r").doesNotContain("[#")
                .isEqualTo("poolwise tune: step 1/2: HikariCP size 4 (refine): 900/s, p99 20.00 ms, pool wait p99 10.00 ms,"
                        + " 2 failed" + System.lineSeparator());
    }
}
