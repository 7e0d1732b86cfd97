package dev.poolwise.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One Prometheus registry holding a real HikariCP pool (its own {@code MicrometerMetricsTracker}) and a Poolwise
 * pool under the HikariCP naming, as in an application halfway through a migration: every meter name they share
 * has the same meter type, base unit, tag keys and distribution (summary or histogram), so the scrape works and
 * shows both pools in one family.
 */
class HikariCoexistenceTest {

    private final FakeDataSource database = new FakeDataSource();
    private final List<AutoCloseable> pools = new ArrayList<>();

    @AfterEach
    void closePools() throws Exception {
        for (AutoCloseable pool : pools) {
            pool.close();
        }
    }

    @Test
    void oneRegistryScrapesAHikariCpPoolAndAPoolwisePoolUnderHikariCpsNames() throws SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HikariDataSource hikari = hikariPool(registry, "hikari-side");
        PoolwiseDataSource poolwise = poolwisePool(registry, "poolwise-side");
        borrowOnce(hikari);
        borrowOnce(poolwise);

        String scrape = registry.scrape();

        // HikariCP publishes its timers as summaries unless a MeterFilter asks for histograms.
        assertThat(scrape).contains(
                "# TYPE hikaricp_connections_acquire_seconds summary",
                "# TYPE hikaricp_connections_usage_seconds summary",
                "# TYPE hikaricp_connections_creation_seconds summary",
                "hikaricp_connections_acquire_seconds_count{pool=\"hikari-side\"} 1",
                "hikaricp_connections_acquire_seconds_count{pool=\"poolwise-side\"} 1",
                "hikaricp_connections_usage_seconds_count{pool=\"hikari-side\"} 1",
                "hikaricp_connections_usage_seconds_count{pool=\"poolwise-side\"} 1",
                "hikaricp_connections_max{pool=\"hikari-side\"} 2",
                "hikaricp_connections_max{pool=\"poolwise-side\"} 2",
                "hikaricp_connections_timeout_total{pool=\"hikari-side\"} 0",
                "hikaricp_connections_timeout_total{pool=\"poolwise-side\"} 0");
        assertThat(scrape).doesNotContain("hikaricp_connections_acquire_seconds_bucket");
        // One family, one type: both pools' series sit under a single TYPE line per name.
        List<String> types = scrape.lines().filter(line -> line.startsWith("# TYPE hikaricp_")).toList();
        assertThat(types).doesNotHaveDuplicates()
                .contains("# TYPE hikaricp_connections_active gauge", "# TYPE hikaricp_connections_timeout_total counter");
    }

    @Test
    void everySharedNameHasHikariCpsMeterTypeUnitTagsAndDescription() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        hikariPool(registry, "hikari-side");
        poolwisePool(registry, "poolwise-side");

        Map<String, Meter.Id> hikariMeters = metersOf(registry, "hikari-side");
        Map<String, Meter.Id> poolwiseMeters = metersOf(registry, "poolwise-side");

        assertThat(hikariMeters).hasSize(10);
        for (Map.Entry<String, Meter.Id> entry : hikariMeters.entrySet()) {
            Meter.Id hikariId = entry.getValue();
            Meter.Id poolwiseId = poolwiseMeters.get(entry.getKey());
            assertThat(poolwiseId).as("Poolwise publishes %s", entry.getKey()).isNotNull();
            assertThat(poolwiseId.getType()).as("type of %s", entry.getKey()).isEqualTo(hikariId.getType());
            assertThat(poolwiseId.getBaseUnit()).as("base unit of %s", entry.getKey())
                    .isEqualTo(hikariId.getBaseUnit());
            assertThat(tagKeys(poolwiseId)).as("tag keys of %s", entry.getKey()).isEqualTo(tagKeys(hikariId));
            assertThat(poolwiseId.getDescription()).as("description of %s", entry.getKey())
                    .isEqualTo(hikariId.getDescription());
        }
    }

    @Test
    void aFilterThatTurnsOnHistogramsForHikariCpsNamesTurnsThemOnForBothPools() throws SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().startsWith("hikaricp.")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        });
        // Poolwise registers first here (HikariCP first in the test above): the order does not matter.
        PoolwiseDataSource poolwise = poolwisePool(registry, "poolwise-side");
        HikariDataSource hikari = hikariPool(registry, "hikari-side");
        borrowOnce(hikari);
        borrowOnce(poolwise);

        String scrape = registry.scrape();

        assertThat(scrape).contains(
                "# TYPE hikaricp_connections_acquire_seconds histogram",
                "hikaricp_connections_acquire_seconds_bucket{pool=\"hikari-side\",le=\"+Inf\"} 1",
                "hikaricp_connections_acquire_seconds_bucket{pool=\"poolwise-side\",le=\"+Inf\"} 1");
    }

    private HikariDataSource hikariPool(PrometheusMeterRegistry registry, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setPoolName(name);
        config.setMaximumPoolSize(2);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private PoolwiseDataSource poolwisePool(PrometheusMeterRegistry registry, String name) {
        PoolwiseMetrics metrics = PoolwiseMetrics.hikari();
        PoolwiseDataSource pool = new PoolwiseDataSource(PoolConfig.builder()
                .dataSource(database)
                .poolName(name)
                .maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(5))
                .listener(metrics.listener())
                .build());
        pools.add(pool);
        metrics.binderFor(pool).bindTo(registry);
        return pool;
    }

    private static void borrowOnce(javax.sql.DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    /** The meters tagged with the pool's name, by meter name. */
    private static Map<String, Meter.Id> metersOf(PrometheusMeterRegistry registry, String pool) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> Objects.equals(id.getTag("pool"), pool))
                .collect(Collectors.toMap(Meter.Id::getName, id -> id, (a, b) -> a, TreeMap::new));
    }

    private static List<String> tagKeys(Meter.Id id) {
        return id.getTags().stream().map(tag -> tag.getKey()).sorted().toList();
    }
}
