package dev.poolwise.advisor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.OutputFormat;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.it.EmbeddedPostgresExtension;
import dev.poolwise.it.RequiredService;
import dev.poolwise.reliability.PgBouncerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6, scenario 6, driven by the advisor: the deployment "PostgreSQL behind the PgBouncer installed here
 * (Debian's, 1.18 on Debian 12), transaction mode" goes through {@link SizingRules}; its {@code poolwise}
 * rendering, read back with {@link java.util.Properties} and {@code PoolConfig.fromProperties} exactly as a
 * user would, configures a pool in front of a real PgBouncer and embedded PostgreSQL.
 *
 * <p>With the advisor's driver settings ({@code dataSource.prepareThreshold=0}), clients sharing PgBouncer's
 * single server connection all run prepared statements. With the same rendering minus the driver settings,
 * the second client's server-side prepared statement collides with the first one's, the known failure that
 * the advisor's rule exists to prevent. The PgBouncer version fed to the advisor is read from the installed
 * binary, so the test follows whatever version the machine has.
 */
class AdvisedPgBouncerTransactionModeTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    /** The first version that keeps prepared statements in transaction mode (catalog: poolers.pgbouncer). */
    private static final int[] PREPARED_STATEMENTS_SINCE = {1, 21};

    private Path binary;
    private String version;

    @BeforeEach
    void requirePgBouncer() throws IOException, InterruptedException {
        binary = PgBouncerProcess.binary();
        if (binary == null) {
            RequiredService.missing("PgBouncer not installed (looked for /usr/sbin/pgbouncer); install it with "
                    + "`apt-get install -y pgbouncer`", null);
        }
        version = installedVersion(binary);
    }

    @Test
    void theAdvisedSettingsLetClientsSharingOneServerConnectionRunPreparedStatements() throws Exception {
        Recommendation advice = advise();
        assertThat(advice.isFeasible()).as("advice for %s", advice.deployment()).isTrue();
        if (!versionBefore(PREPARED_STATEMENTS_SINCE)) {
            // A PgBouncer that keeps prepared statements needs no driver setting; the advisor must not add one.
            assertThat(advice.driverSetting("prepareThreshold")).as("PgBouncer %s", version).isEmpty();
            return;
        }
        assertThat(advice.driverSetting("prepareThreshold")).as("the advisor's rule for PgBouncer %s", version)
                .hasValueSatisfying(s -> assertThat(s.text()).isEqualTo("0"));
        Properties advised = poolwiseProperties(advice);
        assertThat(advised).containsEntry("dataSource.prepareThreshold", "0");

        try (PgBouncerProcess bouncer = PgBouncerProcess.start(binary, port(), "transaction", 1);
             PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.fromProperties(
                     pointedAt(advised, bouncer, "advised-bouncer-ok")))) {
            try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
                runPreparedSixTimes(first);
                runPreparedSixTimes(second);
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try (Connection c = ds.getConnection()) {
                            runPreparedSixTimes(c);
                        }
                    }
                    return null;
                }));
            }
            threads.shutdown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(ds.stats().connectFailures()).isZero();
        }
    }

    @Test
    void withoutTheAdvisedDriverSettingsASecondClientsPreparedStatementCollides() throws Exception {
        if (!versionBefore(PREPARED_STATEMENTS_SINCE)) {
            RequiredService.missing("PgBouncer " + version + " keeps prepared statements in transaction mode;"
                    + " the failure this test proves needs a version before 1.21 (Debian 12 ships 1.18)", null);
        }
        Properties advised = poolwiseProperties(advise());
        Properties withoutDriverSettings = new Properties();
        advised.stringPropertyNames().stream().filter(key -> !key.startsWith("dataSource."))
                .forEach(key -> withoutDriverSettings.setProperty(key, advised.getProperty(key)));

        try (PgBouncerProcess bouncer = PgBouncerProcess.start(binary, port(), "transaction", 1);
             PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.fromProperties(
                     pointedAt(withoutDriverSettings, bouncer, "advised-bouncer-s1")))) {
            try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
                runPreparedSixTimes(first); // the 5th execution prepares "S_1" on the only server connection
                SQLException collision = catchThrowableOfType(SQLException.class, () -> runPreparedSixTimes(second));
                assertThat((Throwable) collision).as("the second client's server-side prepare").isNotNull();
                assertThat(collision.getMessage())
                        .containsPattern("prepared statement \"S_\\d+\" (already exists|does not exist)");
            }
        }
    }

    /** The deployment as a user would describe it: this PgBouncer, in transaction mode, and a small service. */
    private Recommendation advise() {
        return SizingRules.withBundledCatalog().recommend(DeploymentReader.read("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-transaction, version: "%s"}
                application: {instances: 1, processes: 1, threads: 4}
                """.formatted(version)));
    }

    /** The {@code poolwise} rendering, parsed as {@code PoolConfig.fromProperties}' callers would. */
    private static Properties poolwiseProperties(Recommendation advice) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(OutputFormat.POOLWISE.renderer().render(advice)));
        return properties;
    }

    /** Adds what the rendering leaves to the user: where the database is, who connects, and a name. */
    private static Properties pointedAt(Properties advised, PgBouncerProcess bouncer, String name) {
        Properties properties = new Properties();
        properties.putAll(advised);
        properties.setProperty("jdbcUrl", EmbeddedPostgresExtension.jdbcUrl(bouncer.port())
                + "?ApplicationName=" + name + "&connectTimeout=5&socketTimeout=10");
        properties.setProperty("username", EmbeddedPostgresExtension.USER);
        properties.setProperty("poolName", name);
        return properties;
    }

    private static int port() {
        Matcher m = Pattern.compile(":(\\d+)/").matcher(PG.jdbcUrl());
        assertThat(m.find()).as("port in %s", PG.jdbcUrl()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** @return e.g. {@code 1.18.0}, from {@code pgbouncer --version} ("PgBouncer 1.18.0 ...") */
    private static String installedVersion(Path binary) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("pgbouncer --version finishes").isTrue();
        Matcher m = Pattern.compile("PgBouncer (\\d+\\.\\d+(?:\\.\\d+)?)").matcher(output);
        assertThat(m.find()).as("a version in: %s", output).isTrue();
        return m.group(1);
    }

    private boolean versionBefore(int[] than) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major < than[0] || (major == than[0] && minor < than[1]);
    }

    private static void runPreparedSixTimes(Connection c) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT ?::int + 1")) {
            for (int i = 0; i < 6; i++) {
                statement.setInt(1, i);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(i + 1);
                }
            }
        }
    }
}
