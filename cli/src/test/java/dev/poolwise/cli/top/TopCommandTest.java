package dev.poolwise.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.poolwise.cli.CommandLineRun;
import dev.poolwise.cli.Main;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code poolwise top} against a real JVM: a child process ({@link PoolHoldingProcess}) holding a Poolwise
 * pool and a HikariCP pool on embedded PostgreSQL, attached to through the Attach API as a user would.
 */
class TopCommandTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static EmbeddedPostgres postgres;
    private static ChildProcess holder;

    @BeforeAll
    static void startPoolsInAChildJvm() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        holder = ChildProcess.java(PoolHoldingProcess.class, List.of(),
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        holder.awaitLine(PoolHoldingProcess.READY::equals, START_TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (holder != null) {
                holder.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void onceShowsEveryPoolWithItsCounts() {
        CommandLineRun run = CommandLineRun.of("top", "--once", String.valueOf(holder.pid()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("poolwise top - PID " + holder.pid() + " ")
                .contains(PoolHoldingProcess.class.getName()).contains(" - 3 pools - ")
                .doesNotContain("Ctrl-C");
        assertThat(row(lines, PoolHoldingProcess.POOLWISE_POOL)).containsExactly(
                PoolHoldingProcess.POOLWISE_POOL, "poolwise", "static", "5", "3", "2", "0", "0", "5", "5",
                "[############........]", "60%", "0", "0", "UP");
        assertThat(row(lines, PoolHoldingProcess.HIKARI_POOL)).containsExactly(
                PoolHoldingProcess.HIKARI_POOL, "hikari", "-", "4", "2", "2", "-", "0", "-", "4",
                "[##########..........]", "50%", "-", "-", "-");
        // Nobody borrows from the adaptive pool: its target stays at its floor, well below its maximum.
        assertThat(row(lines, PoolHoldingProcess.ADAPTIVE_POOL)).containsExactly(
                PoolHoldingProcess.ADAPTIVE_POOL, "poolwise", "adaptive", "2", "0", "2", "0", "0", "2", "6",
                "[....................]", "0%", "0", "0", "UP");
        assertThat(run.out()).doesNotContain("\u001b");
    }

    @Test
    void withoutPidListsTheLocalJvms() {
        CommandLineRun run = CommandLineRun.of("top");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Local JVMs (`poolwise top PID` shows one's pools):")
                .containsPattern("(?m)^\\s+" + holder.pid() + "  "
                        + Pattern.quote(PoolHoldingProcess.class.getName()) + " jdbc:postgresql:")
                // This JVM is not offered: attaching to oneself is refused.
                .doesNotContainPattern("(?m)^\\s+" + ProcessHandle.current().pid() + "  ");
    }

    @Test
    void liveViewPrintsSnapshotAfterSnapshotWhenPipedAndStopsOnSigterm() throws Exception {
        try (ChildProcess top = ChildProcess.java(Main.class, List.of(), "top", "--interval", "200ms",
                String.valueOf(holder.pid()))) {
            List<String> lines = top.awaitLines(printed -> titles(printed).size() >= 3, START_TIMEOUT);

            assertThat(titles(lines)).allSatisfy(title -> assertThat(title)
                    .startsWith("poolwise top - PID " + holder.pid() + " ")
                    .endsWith(" - every 200ms, Ctrl-C to quit"));
            assertThat(lines.stream().filter(line -> line.startsWith(PoolHoldingProcess.POOLWISE_POOL + " ")))
                    .hasSizeGreaterThanOrEqualTo(2);
            // Piped, not a terminal: no cursor movement, frames separated by a blank line.
            assertThat(lines).noneMatch(line -> line.contains("\u001b")).contains("");

            top.process().destroy();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
            assertThat(top.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(top.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void liveViewFailsWhenTheJvmItWatchesExits() throws Exception {
        try (ChildProcess watched = ChildProcess.java(PoolHoldingProcess.class, List.of(),
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres")) {
            watched.awaitLine(PoolHoldingProcess.READY::equals, START_TIMEOUT);
            try (ChildProcess top = ChildProcess.java(Main.class, List.of(), "top", "--interval", "200ms",
                    String.valueOf(watched.pid()))) {
                top.awaitLine(line -> line.startsWith(PoolHoldingProcess.HIKARI_POOL + " "), START_TIMEOUT);

                watched.process().destroy();

                assertThat(top.awaitExit(Duration.ofSeconds(30))).as(top.stderr()).isEqualTo(1);
                assertThat(top.stderr())
                        .contains("poolwise top: lost the connection to PID " + watched.pid() + ": it has exited");
            }
        }
    }

    @Test
    void aJvmWithoutPoolsIsAFailure() throws Exception {
        try (ChildProcess empty = ChildProcess.java(PoolHoldingProcess.class, List.of(), "--no-pools")) {
            empty.awaitLine(PoolHoldingProcess.READY::equals, START_TIMEOUT);

            CommandLineRun run = CommandLineRun.of("top", "--once", String.valueOf(empty.pid()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .contains("poolwise top: PID " + empty.pid() + " (" + PoolHoldingProcess.class.getName() + ")")
                    .contains("has no Poolwise or HikariCP pools registered over JMX")
                    .contains("registerMbeans=true");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedAndLeftAlone() throws Exception {
        try (ChildProcess sleep = ChildProcess.start(List.of("sleep", "60"))) {
            CommandLineRun run = CommandLineRun.of("top", "--once", String.valueOf(sleep.pid()));

            assertThat(run.exitCode()).isEqualTo(1);
            // Refused before any attach attempt: on JDK 17 to 23 that attempt sends SIGQUIT, which stops a process
            // that is not a JVM (a child of this JVM has SIGQUIT blocked, so its survival alone proves less).
            assertThat(run.err()).contains("PID " + sleep.pid() + " (").contains("is not a JVM poolwise can attach to")
                    .doesNotContain("cannot attach");
            assertThat(sleep.process().waitFor(500, TimeUnit.MILLISECONDS)).as("sleep stopped").isFalse();
            assertThat(sleep.process().isAlive()).isTrue();
            sleep.process().destroy();
        }
    }

    @Test
    void aPidWithNoProcessIsAFailure() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(30, TimeUnit.SECONDS)).isTrue();

        CommandLineRun run = CommandLineRun.of("top", "--once", String.valueOf(exited.pid()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no process with PID " + exited.pid());
    }

    @Test
    void thisVeryProcessIsRefused() {
        long self = ProcessHandle.current().pid();

        CommandLineRun run = CommandLineRun.of("top", "--once", String.valueOf(self));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("PID " + self + " is this poolwise process");
    }

    @Test
    void aMalformedPidIsAUsageError() {
        for (String pid : List.of("abc", "0", "12x", "99999999999999999999")) {
            CommandLineRun run = CommandLineRun.of("top", "--once", pid);

            assertThat(run.exitCode()).as(pid).isEqualTo(2);
            assertThat(run.err()).as(pid).contains("PID '" + pid + "' is not a process id")
                    .contains("poolwise top --help");
        }
    }

    @Test
    void anIntervalBelowTheMinimumIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("top", "--interval", "10ms", String.valueOf(holder.pid()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--interval 10ms: must be at least 100ms");
    }

    @Test
    void aRuntimeWithoutTheAttachApiSaysSo() throws Exception {
        try (ChildProcess top = ChildProcess.java(Main.class, List.of("--limit-modules", "java.se"), "top", "1")) {
            assertThat(top.awaitExit(START_TIMEOUT)).as(top.stderr()).isEqualTo(1);
            assertThat(top.stderr()).contains("poolwise top: the Attach API (module jdk.attach) is not in this Java"
                    + " runtime").contains("run poolwise with a JDK 17 or newer");
        }
    }

    @Test
    void onATerminalAFrameOverwritesThePreviousOneInPlace() {
        assertThat(TopCommand.redraw("title\nrow\n"))
                .isEqualTo("\u001b[Htitle\u001b[K\nrow\u001b[K\n\u001b[J");
    }

    @Test
    void helpListsTop() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertThat(run.out()).containsPattern("(?m)^\\s+top\\s+Shows the connection pools of a running JVM");
    }

    /** @return the cells of the table row of that pool, split on blanks */
    private static List<String> row(List<String> lines, String pool) {
        return lines.stream().filter(line -> line.startsWith(pool + " ")).findFirst()
                .map(line -> Arrays.asList(line.split("\\s+")))
                .orElseThrow(() -> new AssertionError("no row for " + pool + " in " + lines));
    }

    private static List<String> titles(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("poolwise top - PID ")).toList();
    }
}
