package dev.poolwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolwiseCommandTest {

    @Test
    void helpExitsZeroAndListsDemo() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: poolwise").containsPattern("(?m)^\\s+demo\\s+")
                .contains("With no command, runs `poolwise demo`");
    }

    @Test
    void versionNamesTheProjectVersion() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Poolwise ").doesNotContain("unknown");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("Run 'poolwise --help'")
                .as("one line points to --help instead of the whole help").doesNotContain("Usage:");
    }

    @Test
    void durationWithoutUnitIsAUsageErrorThatSuggestsOne() {
        CommandLineRun run = CommandLineRun.of("demo", "--duration", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'10' has no unit; write 10s for seconds or 10ms for milliseconds");
    }

    @Test
    void durationAndOperationsTogetherAreAUsageError() {
        CommandLineRun run = CommandLineRun.of("demo", "--duration", "5s", "--operations", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void poolSizeBelowOneIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("demo", "--pool-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--pool-size 0: must be at least 1");
    }

    @Test
    void passwordWithoutUrlIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("demo", "--password", "hunter2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--user and --password apply only with --url");
    }

    @Test
    void unreachableDatabaseFailsWithOneLineAndNoPassword() {
        CommandLineRun run = CommandLineRun.of("demo", "--url",
                "jdbc:postgresql://127.0.0.1:1/app?password=hunter2", "--user", "app", "--password", "hunter3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("poolwise demo: ").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(run.out() + run.err()).doesNotContain("hunter2").doesNotContain("hunter3");
    }
}
