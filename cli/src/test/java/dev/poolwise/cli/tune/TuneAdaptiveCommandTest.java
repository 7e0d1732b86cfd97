package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolwise.cli.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poolwise tune --adaptive --phases}: a very short real run on embedded PostgreSQL that must produce
 * every section of the report (its structure, not its figures: the machine is noisy), and the usage errors.
 */
class TuneAdaptiveCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERDICTS = Set.of("PASS", "MISS", "n/a");

    @TempDir
    Path dir;

    @Test
    void aShortPhasedRunOnEmbeddedPostgresReportsEachPhaseAndTheAdaptivePoolsTrace() throws IOException {
        Path out = dir.resolve("phased");
        int phaseSeconds = 4;

        // A settling run of 1 s, two sizes, two phases, 0.7 s steps, a warm-up of 1 s, two phases of 4 s: about
        // 17 s after PostgreSQL has started.
        CommandLineRun run = CommandLineRun.of("tune", "--sizes", "1,4", "--clients", "8", "--refine", "0",
                "--rounds", "1", "--remeasure", "0s", "--warmup", "200ms", "--measure", "500ms", "--scale", "1",
                "--adaptive", "--phases", "read,hot-row", "--phase-length", phaseSeconds + "s",
                "--sizing-window", "200ms", "--sizing-tolerance", "0.05", "--adaptive-warmup", "1s", "--settle", "1s",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        JsonNode adaptive = json.path("adaptive");
        assertThat(adaptive.path("completed").asBoolean()).isTrue();
        assertThat(adaptive.path("maximumPoolSize").asInt()).isEqualTo(4);
        assertThat(adaptive.path("sizingWindowMs").asInt()).isEqualTo(200);
        assertThat(adaptive.path("sizingTolerance").asDouble()).isEqualTo(0.05);
        assertThat(adaptive.path("warmupSeconds").asDouble()).isEqualTo(1.0);
        assertThat(json.path("settings").path("settleSeconds").asDouble()).isEqualTo(1.0);
        assertThat(adaptive.path("phaseSeconds").asInt()).isEqualTo(phaseSeconds);

        JsonNode phases = adaptive.path("phases");
        assertThat(phases).hasSize(2);
        assertThat(phases.get(0).path("workload").asText()).isEqualTo("read");
        assertThat(phases.get(1).path("workload").asText()).isEqualTo("hot-row");
        for (JsonNode phase : phases) {
            // Every size of the static sweep measured in every phase, and the adaptive pool judged by four bars.
            assertThat(phase.path("static").path("sizes")).extracting(s -> s.path("size").asInt())
                    .containsExactly(1, 4);
            phase.path("static").path("sizes").forEach(s -> assertThat(s.path("throughput").asDouble()).isPositive());
            assertThat(phase.path("static").path("recommended").asInt()).isIn(1, 4);
            assertThat(phase.path("static").path("bestThroughputP99Ms").asDouble()).isPositive();
            JsonNode bars = phase.path("adaptive").path("bars");
            assertThat(bars).extracting(b -> b.path("name").asText())
                    .containsExactly("throughput", "p99", "connections", "settling");
            bars.forEach(b -> assertThat(b.path("verdict").asText()).isIn(VERDICTS));
            assertThat(phase.path("adaptive").path("throughput").asDouble()).isPositive();
            // Four samples a phase: the last quarter is one sample, so a steady state is always found.
            assertThat(phase.path("adaptive").path("settled").asBoolean()).isTrue();
            assertThat(phase.path("adaptive").path("settleSeconds").asInt()).isBetween(1, phaseSeconds);
            assertThat(phase.path("adaptive").path("staticSizesWithinBothBars")).as("sizes of the sweep, 1 and 4")
                    .allSatisfy(size -> assertThat(size.asInt()).isIn(1, 4));
        }
        // The oracle: each phase's best static size, through the same phases, before and after the adaptive pool,
        // judged over the adaptive pool's steady seconds.
        JsonNode oracleRuns = adaptive.path("oracleRuns");
        assertThat(oracleRuns).as("before and after").hasSize(2);
        for (JsonNode oracleSeries : oracleRuns) {
            assertThat(oracleSeries).hasSize(2 * phaseSeconds);
            for (int i = 0; i < oracleSeries.size(); i++) {
                JsonNode phase = phases.get(i < phaseSeconds ? 0 : 1);
                assertThat(oracleSeries.get(i).path("target").asInt()).as("second %d", i + 1)
                        .isEqualTo(phase.path("static").path("bestThroughputSize").asInt());
            }
        }
        for (JsonNode phase : phases) {
            JsonNode oracle = phase.path("oracle");
            assertThat(oracle.path("size").asInt()).isEqualTo(phase.path("static").path("bestThroughputSize").asInt());
            assertThat(oracle.path("seconds").asInt()).isEqualTo(phase.path("adaptive").path("steadySeconds").asInt());
            assertThat(oracle.path("runThroughputs")).hasSize(2);
            double mean = (oracle.path("runThroughputs").get(0).asDouble()
                    + oracle.path("runThroughputs").get(1).asDouble()) / 2;
            assertThat(oracle.path("throughput").asDouble()).as("both runs over the same seconds").isCloseTo(mean,
                    within(1e-6));
        }

        // The main sweep is the first phase's.
        assertThat(json.path("settings").path("workload").asText()).isEqualTo("read");
        assertThat(json.path("pools").get(0).path("sizes")).hasSize(2);

        // One sample per second, each phase's in turn, every target within [minimumIdle 1, maximumPoolSize 4],
        // and the pool never holding more than its ceiling.
        JsonNode series = adaptive.path("series");
        assertThat(series).hasSize(2 * phaseSeconds);
        for (int i = 0; i < series.size(); i++) {
            JsonNode second = series.get(i);
            assertThat(second.path("second").asInt()).isEqualTo(i + 1);
            assertThat(second.path("phase").asInt()).isEqualTo(i < phaseSeconds ? 1 : 2);
            assertThat(second.path("target").asInt()).isBetween(1, 4);
            assertThat(second.path("open").asInt()).isBetween(0, 4);
            assertThat(second.path("databaseOpen").asInt()).isLessThanOrEqualTo(4);
        }
        adaptive.path("changes").forEach(c -> {
            assertThat(c.path("to").asInt()).isBetween(1, 4);
            assertThat(c.path("reason").asText()).isNotBlank();
            assertThat(c.path("holdMs").isNumber()).as("the window's hold time behind the change").isTrue();
            assertThat(c.path("measured").isArray()).as("the throughput memory behind the change").isTrue();
            c.path("measured").forEach(figure -> {
                assertThat(figure.path("size").asInt()).isBetween(1, 4);
                assertThat(figure.path("throughput").asDouble()).isPositive();
            });
        });

        assertThat(run.out())
                .contains("Static sweep, phase 2 (hot-row), Poolwise:")
                .contains("Adaptive pool (sizing=adaptive, maximumPoolSize 4 (the sweep's largest), sizingWindow"
                        + " 200ms, sizingTolerance 0.05, after a warm-up of 1s, 2 phases of 4 s: read, hot-row):")
                .contains("0s read").contains("4s hot-row")
                .contains("Changes of target: ")
                .containsPattern("Phase 1, read \\(0-4 s\\): (steady for|no steady state; over) the last \\d+ s")
                .containsPattern("Phase 2, hot-row \\(4-8 s\\): (steady for|no steady state; over) the last \\d+ s")
                .containsPattern("throughput +[\\d,]+/s = \\d+% of the oracle's \\([\\d,]+/s at \\d in the same"
                        + " seconds: [\\d,]+/s before the adaptive pool, [\\d,]+/s after\\), \\d+% of the sweep's .*"
                        + " bar >= 90% +(PASS|MISS)")
                .containsPattern("Static sizes within both the throughput and the p99 bar \\(at least [\\d,]+/s, p99 at"
                        + " most [\\d.]+ ms\\): [\\d, ]+\\.")
                .containsPattern("settling +\\d+ s after the phase change .* bar <= 30 s (PASS|MISS)")
                .containsPattern("Throughput and p99 compared with the oracle's: a static pool run through the same"
                        + " phases right before and right after the adaptive pool, .* \\(read at \\d, hot-row at"
                        + " \\d\\), over the same seconds of each phase, its runs pooled\\.");
        assertThat(run.err()).contains("settling after the load: read at 4 connections for 1s, not measured")
                .contains("phase 1/2: read workload").contains("phase 2/2: hot-row workload")
                .contains("adaptive pool: warming up an unjudged adaptive pool on read for 1s")
                .contains("adaptive pool: phase 2/2, hot-row")
                .containsPattern("oracle \\(the best static size of each phase\\): phase 2/2, hot-row, for 4 s at \\d");

        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        ReportDocument.parse(html);
        assertThat(html).contains("id=\"adaptive\"").contains("id=\"target-chart\"")
                .contains("class=\"phase-steps\" data-phase=\"2\"").contains("class=\"verdicts\"");
        assertThat(html.split("class=\"l verdict\"", -1)).hasSize(2 * 4 + 1);
    }

    @Test
    void withNoOracleTheAdaptivePoolIsJudgedAgainstTheSweepAlone() throws IOException {
        Path out = dir.resolve("no-oracle");

        CommandLineRun run = CommandLineRun.of("tune", "--sizes", "2", "--clients", "4", "--refine", "0",
                "--rounds", "1", "--remeasure", "0s", "--warmup", "200ms", "--measure", "500ms", "--scale", "1",
                "--adaptive", "--phases", "read,hot-row", "--phase-length", "3s", "--sizing-window", "200ms",
                "--adaptive-warmup", "0s", "--settle", "0s", "--no-oracle", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode adaptive = JSON.readTree(out.resolve("results.json").toFile()).path("adaptive");
        assertThat(adaptive.path("series")).hasSize(6);
        assertThat(adaptive.has("oracleRuns")).isFalse();
        adaptive.path("phases").forEach(phase -> assertThat(phase.has("oracle")).isFalse());
        assertThat(run.out()).contains("Throughput and p99 compared with the sweep's figures for the best static size"
                + " (no oracle run).").containsPattern("of the best static \\([\\d,]+/s at 2\\)");
        assertThat(run.err()).doesNotContain("oracle (the best static size");
    }

    @Test
    void rejectsBadAdaptiveOptionsNamingTheOptionAndWhatIsValid() {
        assertUsage(CommandLineRun.of("tune", "--phases", "read,bulk"), "--phases read,bulk",
                "bulk is not a workload", "read-write, tpcb, hot-row, read, sleep, mixed");
        assertUsage(CommandLineRun.of("tune", "--phases", "read"), "--phases read", "at least two phases",
                "--adaptive --workload read");
        assertUsage(CommandLineRun.of("tune", "--phases", "read,,hot-row"), "a phase has no name");
        assertUsage(CommandLineRun.of("tune", "--phases", "read,hot-row", "--workload", "tpcb"),
                "--phases read,hot-row and --workload tpcb", "one or the other");
        assertUsage(CommandLineRun.of("tune", "--phases", "read,hot-row", "--sql", "pom.xml"),
                "--phases read,hot-row and --sql pom.xml", "built-in workloads only");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--phase-length", "1s"), "--phase-length 1s",
                "at least 3s");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--phase-length", "4500ms"), "--phase-length 4500ms",
                "whole seconds");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--sizing-window", "50ms"), "--sizing-window 50ms",
                "at least 100ms");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--phase-length", "3s", "--sizing-window", "3s"),
                "--sizing-window 3s", "shorter than --phase-length 3s");
        assertUsage(CommandLineRun.of("tune", "--phase-length", "30s"), "--phase-length 30s",
                "only with --adaptive or --phases");
        assertUsage(CommandLineRun.of("tune", "--sizing-window", "1s"), "--sizing-window 1s",
                "only with --adaptive or --phases");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--sizing-tolerance", "0.5"), "--sizing-tolerance 0.5",
                "must be from 0.02 to 0.3");
        assertUsage(CommandLineRun.of("tune", "--adaptive", "--sizing-tolerance", "ten"), "--sizing-tolerance",
                "ten");
        assertUsage(CommandLineRun.of("tune", "--sizing-tolerance", "0.05"), "--sizing-tolerance 0.05",
                "only with --adaptive or --phases");
        assertUsage(CommandLineRun.of("tune", "--adaptive-warmup", "10s"), "--adaptive-warmup 10s",
                "only with --adaptive or --phases");
        assertUsage(CommandLineRun.of("tune", "--no-oracle"), "--no-oracle", "only with --adaptive or --phases");
    }

    private static void assertUsage(CommandLineRun run, String... parts) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(List.of(parts));
    }
}
