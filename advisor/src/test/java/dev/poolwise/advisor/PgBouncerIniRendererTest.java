package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --format pgbouncer}: the file parses as INI with Python's {@code configparser}, its numbers are the
 * recommendation's and fit the database's budget, and the real PgBouncer (the Debian package, 1.18) loads it.
 */
class PgBouncerIniRendererTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("1.18 transaction, default limits", """
                        database: {engine: postgresql, max_connections: 100}
                        between: {pooler: pgbouncer-transaction, version: "1.18"}
                        application: {instances: 3, threads: 40}
                        """),
                Arguments.of("1.22 transaction, cores known", """
                        database: {engine: postgresql, max_connections: 200, cores: 8}
                        between: {pooler: pgbouncer-transaction, version: "1.22", max_client_connections: 1000}
                        application: {min_instances: 2, max_instances: 10, processes: 2, threads: 16}
                        """),
                Arguments.of("session mode, pool over the database budget", """
                        database: {engine: postgresql, max_connections: 50}
                        between: {pooler: pgbouncer-session, version: "1.18", pool_size: 80}
                        application: {instances: 2, threads: 10}
                        """),
                Arguments.of("own PgBouncer in front of Neon, scale to zero", """
                        database: {provider: neon, compute: 0.5}
                        between: {pooler: pgbouncer-transaction, version: "1.18"}
                        application: {instances: 2, threads: 8}
                        """));
    }

    private static Recommendation recommend(String yaml) {
        Recommendation r = RULES.recommend(DeploymentReader.read(yaml));
        assertThat(r.isFeasible()).as(new TextRenderer().render(r)).isTrue();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void parsesAsIniAndCarriesTheRecommendedNumbers(String name, String yaml) throws Exception {
        Recommendation r = recommend(yaml);
        String ini = new PgBouncerIniRenderer().render(r);

        JsonNode parsed = parseIni(ini);
        JsonNode bouncer = parsed.path("pgbouncer");
        assertThat(parsed.path("databases").path("DATABASE").asText()).as(ini).contains("dbname=DATABASE");
        for (Setting s : r.poolerSettings()) {
            assertThat(bouncer.path(s.name()).asText()).as(s.name() + " in\n" + ini).isEqualTo(s.text());
        }
        int clients = bouncer.path("max_client_conn").asInt();
        int pool = bouncer.path("default_pool_size").asInt();
        int reserve = bouncer.path("reserve_pool_size").asInt();
        int maxDb = bouncer.path("max_db_connections").asInt();
        boolean transaction = r.deployment().between().kind() == PoolerKind.PGBOUNCER_TRANSACTION;

        assertThat(bouncer.path("pool_mode").asText()).isEqualTo(transaction ? "transaction" : "session");
        assertThat(r.budget().fleetTotalAtMax()).as("the fleet's client connections fit max_client_conn")
                .isLessThanOrEqualTo(clients);
        assertThat(pool + reserve).as("server connections fit max_db_connections").isLessThanOrEqualTo(maxDb);
        Database db = r.deployment().database();
        int maxConnections = db.maxConnections() != null ? db.maxConnections()
                : ProviderCatalog.bundled().byComputeSize("database.compute", db.compute(), "providers", "neon",
                        "max_connections").asInt();
        assertThat(maxDb).as("max_db_connections leaves reserved slots and headroom").isLessThan(maxConnections);
        if (!transaction) {
            assertThat(r.budget().fleetTotalAtMax()).as("session mode: each client holds a server connection")
                    .isLessThanOrEqualTo(pool);
        }
        assertThat(bouncer.has("max_prepared_statements"))
                .as("max_prepared_statements only where PgBouncer knows it (1.21+), in transaction mode")
                .isEqualTo(transaction && r.deployment().between().versionAtLeast("1.21"));
        if (transaction) {
            assertThat(bouncer.has("max_prepared_statements")).as("PgBouncer keeps prepared statements, or pgjdbc"
                    + " does not prepare").isNotEqualTo(r.driverSetting("prepareThreshold").isPresent());
        }
        if (db.provider() == Provider.NEON) {
            assertThat(bouncer.path("server_idle_timeout").asLong()).as("below Neon's 5 min suspend")
                    .isEqualTo(240);
            assertThat(bouncer.path("server_tls_sslmode").asText()).isEqualTo("require");
        } else {
            assertThat(bouncer.path("server_idle_timeout").asLong()).isEqualTo(600);
        }
        assertThat(bouncer.path("ignore_startup_parameters").asText()).isEqualTo("extra_float_digits");
    }

    @Test
    void sessionModeKeepsTheServerPoolWithinTheDatabaseBudgetAndSaysSo() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 50}
                between: {pooler: pgbouncer-session, version: "1.18", pool_size: 80}
                application: {instances: 2, threads: 30}
                """);

        // 50 − 3 − 5 = 42 server connections at most; 2 pools of 21.
        assertThat(r.poolerSetting("default_pool_size").orElseThrow().intValue()).isEqualTo(42);
        assertThat(r.poolerSetting("reserve_pool_size").orElseThrow().intValue()).isZero();
        assertThat(r.budget().budget()).isEqualTo(42);
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(21);
        assertThat(r.hasWarning("PGBOUNCER_POOL_OVER_DATABASE")).isTrue();
    }

    @Test
    void transactionModeSizesTheServerPoolFromTheCores() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 200, cores: 8}
                between: {pooler: pgbouncer-transaction, version: "1.24"}
                application: {instances: 2, threads: 10}
                """);

        assertThat(r.poolerSetting("default_pool_size").orElseThrow().intValue()).isEqualTo(16);
        assertThat(r.poolerSetting("reserve_pool_size").orElseThrow().intValue()).isEqualTo(2);
        assertThat(r.poolerSetting("max_db_connections").orElseThrow().intValue()).isEqualTo(200 - 3 - 20);
        assertThat(r.poolerSetting("max_prepared_statements").orElseThrow().intValue()).isEqualTo(200);
        assertThat(r.budget().busyLimit()).isEqualTo(16);
    }

    @Test
    void jsonAndTextCarryThePgBouncerSettingsToo() throws Exception {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-session, version: "1.18"}
                application: {instances: 2, threads: 5}
                """);

        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));
        assertThat(json.path("pgbouncer").path("pool_mode").path("value").asText()).isEqualTo("session");
        assertThat(json.path("pgbouncer").path("max_db_connections").path("value").asInt()).isEqualTo(87);
        assertThat(new TextRenderer().render(r)).contains("PgBouncer settings (pgbouncer.ini, --format pgbouncer):")
                .contains("server_idle_timeout        600 s");
        assertThat(new JsonRenderer().render(RULES.recommend(DeploymentReader.read("""
                database: {engine: postgresql}
                application: {instances: 2, threads: 5}
                """)))).doesNotContain("\"pgbouncer\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "database: {provider: neon, compute: 0.25}\nbetween: {pooler: neon-pooler}\n",
        "database: {engine: postgresql}\n",
        "database: {provider: planetscale, engine: postgresql, max_connections: 100}\n"
                + "between: {pooler: pgbouncer-transaction}\n",
        "database: {provider: aurora-serverless-v2, engine: postgresql, compute: 4}\nbetween: {pooler: rds-proxy}\n",
        "database: {provider: supabase, compute: small}\nbetween: {pooler: supavisor-transaction}\n"})
    void isRefusedWithAReasonWhenNoPgBouncerTheUserRunsIsInTheDeployment(String database) {
        Deployment d = DeploymentReader.read(database + "application: {instances: 1, threads: 4}\n");

        assertThatThrownBy(() -> OutputFormat.PGBOUNCER.requireApplicable(d))
                .isInstanceOf(FormatNotApplicableException.class)
                .hasMessageContaining("--format pgbouncer writes pgbouncer.ini for a PgBouncer you run, but")
                .hasMessageContaining("--pooler pgbouncer-transaction");
        assertThatThrownBy(() -> new PgBouncerIniRenderer().render(RULES.recommend(d)))
                .isInstanceOf(FormatNotApplicableException.class);
    }

    /** The installed PgBouncer is Debian 12's 1.18, which refuses settings of later versions, as it should. */
    static Stream<Arguments> deploymentsFor118() {
        return deployments().filter(a -> ((String) a.get()[1]).contains("version: \"1.18\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentsFor118")
    void theInstalledPgBouncerLoadsTheFile(String name, String yaml) throws Exception {
        Recommendation r = recommend(yaml);
        Path binary = pgBouncerBinary();
        String ini = new PgBouncerIniRenderer().render(r);
        Path directory = Files.createTempDirectory("poolwise-pgbouncer-ini");
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path users = directory.resolve("userlist.txt");
            Files.writeString(users, "\"app\" \"\"\n", StandardCharsets.UTF_8);
            int port = freePort();
            // Only what a deployer fills in changes: the port, a socket-free listener and trust auth for the test.
            String runnable = ini.replace("listen_port = 6432", "listen_port = " + port + "\nunix_socket_dir =")
                    .replace("auth_type = scram-sha-256", "auth_type = trust")
                    .replace("auth_file = /etc/pgbouncer/userlist.txt", "auth_file = " + users)
                    .replaceAll("host=\\S+", "host=127.0.0.1");
            Path file = directory.resolve("pgbouncer.ini");
            Files.writeString(file, runnable, StandardCharsets.UTF_8);
            for (Path f : List.of(users, file)) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "postgres")); // PgBouncer refuses to run as root
            }
            command.add(file.toString());
            Path log = directory.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(listens(process, port)).as(() -> read(log) + "\n" + runnable).isTrue();
                assertThat(read(log)).doesNotContain("unknown parameter").doesNotContain("invalid value");
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static boolean listens(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path pgBouncerBinary() {
        for (String candidate : new String[] {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"}) {
            Path path = Paths.get(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        ExternalTool.missing("PgBouncer is not installed (looked for /usr/sbin/pgbouncer); apt-get install pgbouncer");
        return null;
    }

    /** Parses INI text with Python's configparser, the way a deployment tool would read it, into JSON. */
    static JsonNode parseIni(String ini) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", "import configparser, json, sys\n"
                    + "parser = configparser.ConfigParser(interpolation=None, strict=True)\n"
                    + "parser.optionxform = str\n"
                    + "parser.read_string(sys.stdin.read())\n"
                    + "print(json.dumps({s: dict(parser[s]) for s in parser.sections()}))\n").start();
        } catch (IOException noPython) {
            ExternalTool.missing("python3 is not installed");
            throw noPython;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(ini.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err + "\n" + ini).isZero();
        return new ObjectMapper().readTree(out);
    }

    /** What a test does when an external tool is missing: skip on a developer's machine, fail under CI. */
    static final class ExternalTool {

        private ExternalTool() {
        }

        static void missing(String what) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(what + " (CI=true, so this test may not be skipped)");
            }
            Assumptions.abort(what + " (skipped outside CI; under CI=true this fails)");
        }
    }
}
