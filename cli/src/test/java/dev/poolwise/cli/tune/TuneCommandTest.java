package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolwise.cli.CommandLineRun;
import dev.poolwise.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code poolwise tune} end to end: the real {@code --quick} on embedded PostgreSQL (run once, checked by
 * several tests), a shortened run on MariaDB with HikariCP beside it, the report in headless Chromium, Ctrl-C,
 * and the usage errors.
 */
class TuneCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    @TempDir
    static Path dir;

    private static CommandLineRun quickOnPostgres;
    private static Path quickOut;

    @BeforeAll
    static void runQuickOnEmbeddedPostgres() {
        quickOut = dir.resolve("quick-postgres");
        quickOnPostgres = CommandLineRun.of("tune", "--quick", "--out", quickOut.toString());
    }

    @Test
    void quickRunOnEmbeddedPostgresMeasuresEverySizeAndObeysItsRule() throws IOException {
        assertThat(quickOnPostgres.exitCode()).as(quickOnPostgres.out() + quickOnPostgres.err()).isZero();
        JsonNode json = JSON.readTree(quickOut.resolve("results.json").toFile());

        assertThat(json.path("database").path("engine").asText()).isEqualTo("PostgreSQL");
        assertThat(json.path("database").path("embedded").asBoolean()).isTrue();
        assertThat(json.path("settings").path("quick").asBoolean()).isTrue();
        assertThat(json.path("settings").path("settleSeconds").asDouble()).as("--quick does not settle").isZero();
        assertThat(quickOnPostgres.err()).doesNotContain("settling after the load");
        checkSteps(json, "poolwise", SweepPlan.QUICK_SIZES, 2, true);
        checkRule(json, "poolwise");
        assertThat(json.path("recommendation").path("size").asInt())
                .isEqualTo(pool(json, "poolwise").path("recommendation").path("size").asInt());
        assertThat(json.path("advisor").path("maximumPoolSize").asInt()).isPositive();
        assertThat(json.path("interrupted").asBoolean()).isFalse();

        assertThat(quickOnPostgres.out())
                .contains("Recommended maximumPoolSize: " + json.path("recommendation").path("size").asInt())
                .contains(RecommendationRule.TEXT)
                .containsPattern("How firm: (firm|soft)\\. ")
                .contains("Report:  " + quickOut.resolve("report.html").toAbsolutePath())
                .contains("Results: " + quickOut.resolve("results.json").toAbsolutePath());
        // Not a terminal here: plain progress lines, one per step, on standard error.
        assertThat(quickOnPostgres.err()).contains("step 1/").doesNotContain("\r");
    }

    @Test
    void quickRunsReportIsWellFormedWithOnePointPerSizeInEveryChart() throws IOException {
        assumeTrue(quickOnPostgres.exitCode() == 0, "the quick run failed; see the test above");
        JsonNode json = JSON.readTree(quickOut.resolve("results.json").toFile());
        ReportDocument report = ReportDocument.parse(
                Files.readString(quickOut.resolve("report.html"), StandardCharsets.UTF_8));

        checkCharts(report, json, "poolwise");
    }

    @Test
    void reportRendersItsChartsInHeadlessChromium() throws Exception {
        // The issue asks for this test where Chromium is installed. .ci/run installs it, so under CI=true a
        // missing Chromium fails the test instead of passing it over; elsewhere the test skips.
        String missing = "Chromium is not installed (/usr/bin/chromium; Debian package chromium)";
        assertThat(CI && !Files.isExecutable(CHROMIUM)).as(missing + " (CI=true: this test may not be skipped)")
                .isFalse();
        assumeTrue(Files.isExecutable(CHROMIUM), missing);
        assumeTrue(quickOnPostgres.exitCode() == 0, "the quick run failed; see the test above");
        JsonNode json = JSON.readTree(quickOut.resolve("results.json").toFile());
        int points = pool(json, "poolwise").path("sizes").size();
        Path report = quickOut.resolve("report.html").toAbsolutePath();

        String dom = chromium(report, "--dump-dom");
        // Three charts; per size a point for p99 and p50 on the latency and wait charts, one on throughput.
        assertThat(count(dom, "<svg ")).isEqualTo(3);
        assertThat(count(dom, "class=\"point\"")).isEqualTo(points * 5);

        Path screenshot = dir.resolve("report.png");
        chromium(report, "--screenshot=" + screenshot);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("screenshot").isNotNull();
        // Poolwise's lines and points are drawn in #1c7ed6: the charts are on screen, not just in the DOM.
        assertThat(pixelsNear(image, 0x1c, 0x7e, 0xd6)).isGreaterThan(200);
    }

    @Test
    void runsOnMariaDbInADatabaseOfItsOwnBesideHikariAndDropsIt() throws Exception {
        assumeTrue(CI || reachable("127.0.0.1", 3306), "no MariaDB on 127.0.0.1:3306");
        Set<String> tablesBefore = tablesOf("test");
        Path out = dir.resolve("mariadb");

        CommandLineRun run = CommandLineRun.of("tune", "--url", MARIADB_URL, "--user", "root", "--quick",
                "--sizes", "1,2,4", "--refine", "1", "--warmup", "500ms", "--measure", "1s", "--compare", "hikari",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(json.path("database").path("engine").asText()).isEqualTo("MariaDB");
        checkSteps(json, "poolwise", List.of(1, 2, 4), 1, true);
        checkSteps(json, "hikari", List.of(1, 2, 4), 1, true);
        checkRule(json, "poolwise");
        checkRule(json, "hikari");
        checkCharts(ReportDocument.parse(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)),
                json, "poolwise");
        String schema = json.path("database").path("schema").asText();
        assertThat(schema).startsWith("poolwise_tune_");
        assertThat(databases()).doesNotContain(schema);
        assertThat(tablesOf("test")).isEqualTo(tablesBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "tpcb", "hot-row", "sleep", "mixed", "sql"})
    void runsEveryWorkloadAndTheUsersOwnStatementsOnMariaDb(String workload) throws Exception {
        assumeTrue(CI || reachable("127.0.0.1", 3306), "no MariaDB on 127.0.0.1:3306");
        Path out = dir.resolve("mariadb-" + workload);
        List<String> args = new ArrayList<>(List.of("tune", "--url", MARIADB_URL, "--user", "root", "--sizes", "1,4",
                "--clients", "8", "--refine", "0", "--remeasure", "0s", "--warmup", "200ms", "--measure", "500ms",
                "--scale", "1", "--settle", "0s", "--out", out.toString()));
        if (workload.equals("sql")) {
            Path sql = dir.resolve("transfer.sql");
            Files.writeString(sql, "-- a transfer of :delta\n"
                    + "UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;\n"
                    + "SELECT abalance FROM pgbench_accounts WHERE aid = :aid;\n");
            args.addAll(List.of("--sql", sql.toString()));
        } else {
            args.addAll(List.of("--workload", workload));
        }

        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(json.path("settings").path("workload").asText()).isEqualTo(workload);
        checkSteps(json, "poolwise", List.of(1, 4), 0);
        checkRule(json, "poolwise");
        if (workload.equals("tpcb")) {
            // Four connections over one branch row: tune says that this measures the row's lock.
            assertThat(run.err()).contains("tpcb at --scale 1 has 1 branch rows").contains("use --scale 4");
        }
        if (workload.equals("sleep")) {
            // Every unit of work holds its connection through a 10 ms sleep in the database.
            pool(json, "poolwise").path("sizes").forEach(step ->
                    assertThat(step.path("holdMeanMs").asDouble()).isGreaterThanOrEqualTo(10));
        }
    }

    @Test
    void ctrlCStopsTheSweepWritesTheFinishedStepsAndLeavesNoPostgresBehind() throws Exception {
        Path out = dir.resolve("interrupted");
        Path stderr = dir.resolve("interrupted-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Main.class.getName(), "tune", "--quick",
                "--warmup", "500ms", "--measure", "2s", "--out", out.toString())
                .redirectOutput(dir.resolve("interrupted-stdout.txt").toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!read(stderr).contains("step 2/") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(read(stderr)).as("tune reached its second step").contains("step 2/");
            // pg_ctl starts the server detached from the JVM, so find it by its port rather than as a child.
            Matcher port = Pattern.compile("localhost:(\\d+)/postgres").matcher(read(stderr));
            assertThat(port.find()).as("the embedded server's port in: %s", read(stderr)).isTrue();
            List<ProcessHandle> postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("-p " + port.group(1)))
                    .toList();
            assertThat(postgres).as("embedded PostgreSQL's processes").isNotEmpty();

            process.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)

            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("tune exited").isTrue();
            JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
            assertThat(json.path("interrupted").asBoolean()).isTrue();
            JsonNode steps = pool(json, "poolwise").path("sizes");
            assertThat(steps.size()).isBetween(1, SweepPlan.QUICK_SIZES.size() - 1);
            steps.forEach(step -> assertThat(step.path("throughput").asDouble()).isPositive());
            ReportDocument.parse(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8));
            for (ProcessHandle server : postgres) {
                server.onExit().get(20, TimeUnit.SECONDS);
                assertThat(server.isAlive()).as("postgres process %d", server.pid()).isFalse();
            }
            assertThat(reachable("127.0.0.1", Integer.parseInt(port.group(1)))).as("the server's port").isFalse();
        } finally {
            // Even when an assertion failed early: SIGTERM first, so that tune still stops its PostgreSQL.
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void rejectsBadOptionsNamingTheOptionAndWhatIsValid() {
        assertUsage(CommandLineRun.of("tune", "--sizes", "0,4"), "--sizes 0", "at least 1");
        assertUsage(CommandLineRun.of("tune", "--sizes", "128"), "--sizes 128", "--clients 64");
        assertUsage(CommandLineRun.of("tune", "--workload", "bulk"), "--workload bulk",
                "read-write, tpcb, hot-row, read, sleep, mixed");
        assertUsage(CommandLineRun.of("tune", "--workload", "oltp"), "--workload oltp", "tpcb", "hot-row");
        assertUsage(CommandLineRun.of("tune", "--rounds", "0"), "--rounds 0", "at least 1");
        assertUsage(CommandLineRun.of("tune", "--compare", "dbcp"), "--compare dbcp", "hikari");
        assertUsage(CommandLineRun.of("tune", "--scale", "0"), "--scale 0", "between 1 and");
        assertUsage(CommandLineRun.of("tune", "--user", "app"), "--user and --password apply only with --url");
        assertUsage(CommandLineRun.of("tune", "--url", "jdbc:h2:mem:x"), "--url jdbc:h2:mem:x", "MariaDB");
        assertUsage(CommandLineRun.of("tune", "--sql", "no-such-file.sql"), "--sql no-such-file.sql", "no such file");
        assertUsage(CommandLineRun.of("tune", "--measure", "10ms"), "--measure 10ms", "at least 100ms");
        assertUsage(CommandLineRun.of("tune", "--settle", "-5s"), "--settle");
    }

    @Test
    void neverPrintsThePassword() {
        CommandLineRun wrongEngine = CommandLineRun.of("tune", "--url", "jdbc:h2:tcp://u:hunter2@127.0.0.1/x;password=hunter2");
        assertThat(wrongEngine.exitCode()).isEqualTo(2);
        // Nothing listens on port 1: the connection is refused, and the error must not carry the password.
        CommandLineRun refused = CommandLineRun.of("tune", "--url",
                "jdbc:postgresql://127.0.0.1:1/app?password=hunter2", "--user", "app", "--password", "hunter2");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(wrongEngine.out() + wrongEngine.err() + refused.out() + refused.err()).doesNotContain("hunter2");
    }

    private static void assertUsage(CommandLineRun run, String... parts) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(parts);
    }

    /** Every coarse size measured, at most {@code refine} more, all clean, within what the database saw. */
    private static void checkSteps(JsonNode json, String poolId, List<Integer> coarse, int refine) {
        checkSteps(json, poolId, coarse, refine, false);
    }

    /**
     * @param activitySeen whether the sweep is long enough that the database must have been seen running the
     *                     pool's statements at least once
     */
    private static void checkSteps(JsonNode json, String poolId, List<Integer> coarse, int refine,
                                   boolean activitySeen) {
        JsonNode steps = pool(json, poolId).path("sizes");
        int rounds = json.path("settings").path("rounds").asInt();
        assertThat(rounds).as("rounds per size").isPositive();
        Set<Integer> sizes = new TreeSet<>();
        for (JsonNode step : steps) {
            int size = step.path("size").asInt();
            sizes.add(size);
            assertThat(step.path("throughput").asDouble()).as("%s size %d throughput", poolId, size).isPositive();
            assertThat(step.path("failures").asLong()).as("%s size %d failures: %s", poolId, size,
                    step.path("firstFailure").asText()).isZero();
            assertThat(step.path("spread").isNumber()).as("spread at size %d", size).isTrue();
            assertThat(step.path("spread").asDouble()).isNotNegative();
            // Every size ran its rounds (more when re-measured), and its interval holds its throughput.
            assertThat(step.path("rounds").size()).as("rounds at size %d", size).isGreaterThanOrEqualTo(rounds);
            assertThat(step.path("interval").path("low").asDouble())
                    .isLessThanOrEqualTo(step.path("throughput").asDouble());
            assertThat(step.path("interval").path("high").asDouble())
                    .isGreaterThanOrEqualTo(step.path("throughput").asDouble());
            assertThat(step.path("latencyMs").path("p99").asDouble()).isPositive()
                    .isGreaterThanOrEqualTo(step.path("latencyMs").path("p50").asDouble());
            JsonNode db = step.path("databaseConnections");
            assertThat(db.path("samples").asInt()).as("activity samples at size %d", size).isPositive();
            // The database never sees more of the pool's connections than the pool's size. (Active ones may
            // be 0 in a short window: a sample catches a connection only while a statement runs.)
            assertThat(db.path("openMax").asInt()).as("open at size %d", size).isBetween(1, size);
            assertThat(db.path("activeMax").asInt()).as("active at size %d", size).isBetween(0, size);
        }
        assertThat(sizes).as("%s sizes", poolId).containsAll(coarse);
        if (activitySeen) {
            int seen = 0;
            for (JsonNode step : steps) {
                seen += step.path("databaseConnections").path("activeMax").asInt();
            }
            assertThat(seen).as("active connections seen by the database over the whole sweep").isPositive();
        }
        assertThat(sizes.size()).isEqualTo(steps.size()).isBetween(coarse.size(), coarse.size() + refine);
    }

    /** The stated rule, applied afresh to the JSON's own figures, gives the JSON's recommendation. */
    private static void checkRule(JsonNode json, String poolId) {
        JsonNode pool = pool(json, poolId);
        List<SizeResult> steps = new ArrayList<>();
        JsonNode best = null;
        JsonNode bestP99Size = null;
        double bestP99 = Double.MAX_VALUE;
        for (JsonNode s : pool.path("sizes")) {
            JsonNode interval = s.path("interval");
            List<SizeResult.Round> rounds = new ArrayList<>();
            for (JsonNode r : s.path("rounds")) {
                List<Double> slices = new ArrayList<>();
                r.path("sliceRates").forEach(rate -> slices.add(rate.asDouble()));
                rounds.add(new SizeResult.Round(r.path("phase").asText(), r.path("transactions").asLong(),
                        r.path("failures").asLong(), r.path("seconds").asDouble(), r.path("throughput").asDouble(),
                        r.path("p99Ms").asDouble(), slices));
            }
            steps.add(new SizeResult(poolId, s.path("size").asInt(), s.path("phase").asText(), rounds,
                    s.path("transactions").asLong(), s.path("failures").asLong(), null, s.path("seconds").asDouble(),
                    s.path("throughput").asDouble(), new ConfidenceInterval(s.path("throughput").asDouble(),
                            interval.path("low").asDouble(), interval.path("high").asDouble(),
                            interval.path("samples").asInt()), s.path("spread").asDouble(),
                    percentiles(s.path("latencyMs")), percentiles(s.path("poolWaitMs")), s.path("holdMeanMs").asDouble(),
                    SizeResult.DatabaseActivity.NONE));
            if (best == null || s.path("throughput").asDouble() > best.path("throughput").asDouble()) {
                best = s;
            }
            if (s.path("latencyMs").path("p99").asDouble() < bestP99) {
                bestP99 = s.path("latencyMs").path("p99").asDouble();
                bestP99Size = s;
            }
        }
        int recommended = pool.path("recommendation").path("size").asInt();
        assertThat(RecommendationRule.choose(steps).orElseThrow().size()).isEqualTo(recommended);
        assertThat(pool.path("recommendation").path("firmness").asText()).isIn("firm", "soft");
        // And by hand, as the rule is worded: ...
        JsonNode chosen = null;
        for (JsonNode s : pool.path("sizes")) {
            boolean overlaps = s.path("interval").path("low").asDouble() <= best.path("interval").path("high").asDouble()
                    && best.path("interval").path("low").asDouble() <= s.path("interval").path("high").asDouble();
            boolean fast = overlaps
                    || s.path("throughput").asDouble() >= 0.95 * best.path("throughput").asDouble() * (1 - 1e-9);
            boolean steady = s.path("latencyMs").path("p99").asDouble() <= 1.10 * bestP99 * (1 + 1e-9)
                    || (s.path("rounds").size() > 1 && bestP99Size.path("rounds").size() > 1
                        && roundP99s(s).min().orElseThrow() <= roundP99s(bestP99Size).max().orElseThrow());
            if (s.path("size").asInt() == recommended) {
                chosen = s;
                assertThat(fast).as("the recommended size is tied with the best throughput").isTrue();
                if (!pool.path("recommendation").path("fallback").asBoolean()) {
                    assertThat(steady).as("the recommended size is within 10%% of the best p99").isTrue();
                }
            } else if (s.path("size").asInt() < recommended && !pool.path("recommendation").path("fallback").asBoolean()) {
                assertThat(fast && steady).as("smaller size %d meets the rule too", s.path("size").asInt()).isFalse();
            }
        }
        assertThat(chosen).as("the recommended size is one that was measured").isNotNull();
    }

    private static DoubleStream roundP99s(JsonNode size) {
        List<Double> p99s = new ArrayList<>();
        size.path("rounds").forEach(r -> p99s.add(r.path("p99Ms").asDouble()));
        return p99s.stream().mapToDouble(Double::doubleValue);
    }

    private static void checkCharts(ReportDocument report, JsonNode json, String poolId) {
        List<Integer> sizes = new ArrayList<>();
        pool(json, poolId).path("sizes").forEach(s -> sizes.add(s.path("size").asInt()));
        assertThat(report.chartIds()).containsExactly("chart-throughput", "chart-latency", "chart-pool-wait");
        for (String chart : report.chartIds()) {
            assertThat(report.pointSizes(chart, poolId)).as(chart).containsExactlyElementsOf(sizes);
            assertThat(report.markerSize(chart, "recommended"))
                    .isEqualTo(json.path("recommendation").path("size").asInt());
            assertThat(report.markerSize(chart, "hikari-default")).isEqualTo(10);
        }
    }

    private static SizeResult.Percentiles percentiles(JsonNode node) {
        return new SizeResult.Percentiles(node.path("p50").asDouble(), node.path("p95").asDouble(),
                node.path("p99").asDouble(), node.path("max").asDouble());
    }

    private static JsonNode pool(JsonNode json, String poolId) {
        for (JsonNode pool : json.path("pools")) {
            if (poolId.equals(pool.path("pool").asText())) {
                return pool;
            }
        }
        throw new AssertionError("no pool " + poolId + " in " + json);
    }

    private String chromium(Path report, String action) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path output = dir.resolve("chromium-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, action, "--window-size=1200,1600",
                report.toUri().toString())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium " + action + " did not finish in 90 s");
        }
        assertThat(process.exitValue()).as("chromium " + action).isZero();
        return read(output);
    }

    private static int pixelsNear(BufferedImage image, int red, int green, int blue) {
        int near = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - red) < 24 && Math.abs(((rgb >> 8) & 0xff) - green) < 24
                        && Math.abs((rgb & 0xff) - blue) < 24) {
                    near++;
                }
            }
        }
        return near;
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static Set<String> databases() throws SQLException {
        return strings("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
    }

    private static Set<String> tablesOf(String database) throws SQLException {
        return strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + database + "'");
    }

    private static Set<String> strings(String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(MARIADB_URL, "root", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
