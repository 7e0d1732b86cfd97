package dev.poolwise.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Both namings through Micrometer's Prometheus registry: the scrape has the families dashboards query, and the
 * real {@code promtool check metrics} accepts it. Outside CI the promtool check is skipped when promtool is not
 * installed (Debian package {@code prometheus}); under {@code CI=true} it must run.
 */
class PrometheusScrapeTest {

    /**
     * promtool's linter dislikes a gauge whose name ends in {@code _count}, but that is OpenTelemetry's own name
     * ({@code db.client.connection.count}), which the OpenTelemetry Collector exports to Prometheus the same
     * way. It is a style hint, not a format error: Prometheus ingests the series.
     */
    private static final String KNOWN_FINDING =
            "db_client_connection_count non-histogram and non-summary metrics should not have \"_count\" suffix";

    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private static final FakeDataSource DATABASE = new FakeDataSource();
    private static PoolwiseDataSource otelPool;
    private static PoolwiseDataSource hikariPool;
    private static PoolwiseDataSource adaptivePool;
    private static String scrape;

    @BeforeAll
    static void exercisePoolsAndScrape() throws SQLException {
        otelPool = exercised("orders", PoolwiseMetrics.otel());
        hikariPool = exercised("legacy", PoolwiseMetrics.hikari());
        adaptivePool = adaptive("elastic", PoolwiseMetrics.otel());
        scrape = REGISTRY.scrape();
    }

    @AfterAll
    static void closePools() {
        otelPool.close();
        hikariPool.close();
        adaptivePool.close();
    }

    /** A pool of 2 that has served borrows, timed one out, and evicted its idle connections. */
    private static PoolwiseDataSource exercised(String name, PoolwiseMetrics metrics) throws SQLException {
        PoolwiseDataSource pool = new PoolwiseDataSource(PoolConfig.builder()
                .dataSource(DATABASE)
                .poolName(name)
                .maximumPoolSize(2)
                .connectionTimeout(Duration.ofMillis(250))
                .listener(metrics.listener())
                .build());
        metrics.binderFor(pool).bindTo(REGISTRY);
        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            assertThat(first).isNotSameAs(second);
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        }
        pool.evictIdle();
        return pool;
    }

    /**
     * An adaptive pool of at most 2 that has served one borrow (one at a time: its target, not its maximum, bounds
     * what it opens, and only its controller moves that).
     */
    private static PoolwiseDataSource adaptive(String name, PoolwiseMetrics metrics) throws SQLException {
        PoolwiseDataSource pool = new PoolwiseDataSource(PoolConfig.builder()
                .dataSource(DATABASE)
                .poolName(name)
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(5))
                .listener(metrics.listener())
                .build());
        metrics.binderFor(pool).bindTo(REGISTRY);
        pool.getConnection().close();
        return pool;
    }

    @Test
    void theScrapeHasOpenTelemetrysFamilies() {
        String pool = "db_client_connection_pool_name=\"orders\"";
        assertThat(scrape).contains(
                "# TYPE db_client_connection_count gauge",
                "db_client_connection_count{" + pool + ",db_client_connection_state=\"idle\"}",
                "db_client_connection_count{" + pool + ",db_client_connection_state=\"used\"}",
                "db_client_connection_max{" + pool + "} 2",
                "db_client_connection_idle_max{" + pool + "} 2",
                "db_client_connection_idle_min{" + pool + "} 2",
                "db_client_connection_pending_requests{" + pool + "} 0",
                "db_client_connection_timeouts_total{" + pool + "} 1",
                "# TYPE db_client_connection_wait_time_seconds histogram",
                "db_client_connection_wait_time_seconds_count{" + pool + "} 2",
                "db_client_connection_use_time_seconds_count{" + pool + "} 2",
                "db_client_connection_create_time_seconds_bucket{",
                "db_client_connection_closed_total{" + pool + ",reason=\"evicted\"}",
                "db_client_connection_closed_total{" + pool + ",reason=\"lifetime\"} 0",
                "db_client_connection_suspected_leaks_total{" + pool + "} 0",
                "db_client_connection_validation_failures_total{" + pool + "} 0",
                "db_client_connection_create_failures_total{" + pool + "} 0",
                // DEGRADED: a borrow timed out less than a minute ago.
                "db_client_connection_health{" + pool + ",status=\"degraded\"} 1",
                "db_client_connection_health{" + pool + ",status=\"down\"} 0",
                "db_client_connection_health{" + pool + ",status=\"up\"} 0",
                // A static pool works to its maximum.
                "# TYPE db_client_connection_target gauge",
                "db_client_connection_target{" + pool + "} 2",
                // A static pool holds nothing in reserve.
                "# TYPE db_client_connection_reserved gauge",
                "db_client_connection_reserved{" + pool + "} 0");
        assertThat(scrape).as("a static pool never changes its target, so it has no counter of changes")
                .doesNotContain("db_client_connection_target_changes_total{" + pool);
    }

    @Test
    void theScrapeHasTheAdaptivePoolsTargetAndItsChangesFromZero() {
        String pool = "db_client_connection_pool_name=\"elastic\"";
        assertThat(scrape).contains(
                "db_client_connection_target{" + pool + "} ",
                "# TYPE db_client_connection_target_changes_total counter",
                "db_client_connection_target_changes_total{" + pool
                        + ",direction=\"up\",reason=\"grow_queueing\"}",
                "db_client_connection_target_changes_total{" + pool + ",direction=\"down\",reason=\"bounds\"}",
                "db_client_connection_target_changes_total{" + pool
                        + ",direction=\"down\",reason=\"shrink_saturated\"}");
    }

    @Test
    void theScrapeHasHikariCpsFamilies() {
        String pool = "{pool=\"legacy\"}";
        assertThat(scrape).contains(
                "hikaricp_connections" + pool,
                "hikaricp_connections_active" + pool + " 0",
                "hikaricp_connections_idle" + pool,
                "hikaricp_connections_pending" + pool + " 0",
                "hikaricp_connections_max" + pool + " 2",
                "hikaricp_connections_min" + pool + " 2",
                "hikaricp_connections_timeout_total" + pool + " 1",
                "hikaricp_connections_acquire_seconds_count" + pool + " 2",
                "hikaricp_connections_usage_seconds_count" + pool + " 2",
                "hikaricp_connections_creation_seconds_count" + pool,
                "hikaricp_connections_closed_total{pool=\"legacy\",reason=\"evicted\"}",
                "hikaricp_connections_suspected_leaks_total" + pool + " 0",
                "hikaricp_connections_validation_failures_total" + pool + " 0",
                "hikaricp_connections_create_failures_total" + pool + " 0",
                "hikaricp_connections_health{pool=\"legacy\",status=\"degraded\"} 1",
                "hikaricp_connections_target" + pool + " 2",
                "hikaricp_connections_reserved" + pool + " 0");
    }

    @Test
    void waitTimeHistogramsResolveSubMillisecondWaits() {
        Matcher bucket = Pattern.compile(
                "db_client_connection_wait_time_seconds_bucket\\{[^}]*le=\"([0-9.E-]+)\"").matcher(scrape);
        double smallest = Double.MAX_VALUE;
        while (bucket.find()) {
            smallest = Math.min(smallest, Double.parseDouble(bucket.group(1)));
        }
        assertThat(smallest).as("smallest wait_time bucket, in seconds").isLessThan(0.000_1);
    }

    @Test
    void promtoolAcceptsTheScrape() throws IOException, InterruptedException {
        Path promtool = promtool();
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not installed but CI=true: install it with "
                        + "'apt-get install -y --no-install-recommends prometheus'");
            }
            Assumptions.abort("promtool not installed (Debian package prometheus); skipping outside CI");
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = check.getOutputStream()) {
            stdin.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            fail("promtool check metrics did not finish in 30 s");
        }
        List<String> findings = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        assertThat(findings).as("promtool findings besides OpenTelemetry's own name (scrape:%n%s)", scrape)
                .allMatch(KNOWN_FINDING::equals);
        // 0 = clean, 3 = lint findings only (here the known one); anything else is a format error.
        assertThat(check.exitValue()).as("promtool check metrics exit code; it said:%n%s", output)
                .isEqualTo(findings.isEmpty() ? 0 : 3);
    }

    private static Path promtool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
