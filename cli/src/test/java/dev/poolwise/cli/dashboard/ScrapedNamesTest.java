package dev.poolwise.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.micrometer.PoolMetric;
import dev.poolwise.micrometer.PoolwiseMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every metric and label the dashboard and the alert rules name exists in a real scrape: a static and an adaptive
 * Poolwise pool on embedded PostgreSQL, bound under each naming to Micrometer's Prometheus registry, and scraped
 * (the counter of target changes is an adaptive pool's only; the target gauge is both sizings'). So the
 * generated files and the binder cannot drift apart. For the HikariCP naming, a real HikariCP pool with its own
 * Micrometer tracker shows that everything but Poolwise's additions works for teams that keep HikariCP.
 */
class ScrapedNamesTest {

    /** An identifier in PromQL: a metric or label name, a function, a keyword. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** A label in a selector ({@code name="..."}) or a grouping ({@code by (a, b)}). */
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");

    /**
     * Timers under HikariCP's names (HikariCP's own and Poolwise's alike) publish buckets only when asked, as
     * docs/monitoring.md tells their users to; the dashboard's quantiles need them.
     */
    private static final MeterFilter HIKARICP_HISTOGRAMS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            return id.getName().startsWith("hikaricp.")
                    ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                    : config;
        }
    };

    private static EmbeddedPostgres postgres;
    private static final List<AutoCloseable> POOLS = new ArrayList<>();
    private static Scrape poolwiseScrape;
    private static Scrape hikariScrape;

    @BeforeAll
    static void scrapeRealPools() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";

        PrometheusMeterRegistry poolwiseRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Under HikariCP's names Poolwise's timers are summaries, as HikariCP's are, until the same filter asks.
        poolwiseRegistry.config().meterFilter(HIKARICP_HISTOGRAMS);
        for (DashboardNaming naming : DashboardNaming.values()) {
            PoolwiseMetrics metrics = PoolwiseMetrics.named(naming.naming());
            for (SizingMode sizing : SizingMode.values()) {
                PoolwiseDataSource pool = new PoolwiseDataSource(PoolConfig.builder()
                        .jdbcUrl(url).username("postgres")
                        .poolName("scraped-" + naming.id() + "-" + sizing.name().toLowerCase(Locale.ROOT))
                        .sizing(sizing)
                        .maximumPoolSize(2)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .listener(metrics.listener())
                        .build());
                POOLS.add(pool);
                metrics.binderFor(pool).bindTo(poolwiseRegistry);
                use(pool.getConnection());
            }
        }
        poolwiseScrape = new Scrape(poolwiseRegistry.scrape());

        PrometheusMeterRegistry hikariRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        hikariRegistry.config().meterFilter(HIKARICP_HISTOGRAMS);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPoolName("hikari-itself");
        config.setMaximumPoolSize(2);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(hikariRegistry));
        HikariDataSource hikari = new HikariDataSource(config);
        POOLS.add(hikari);
        use(hikari.getConnection());
        hikariScrape = new Scrape(hikariRegistry.scrape());
    }

    private static void use(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable pool : POOLS) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static List<String> generatedQueries(DashboardNaming naming) {
        MonitoringFiles files = new MonitoringFiles(naming, AlertRules.DEFAULT_RUNBOOK_BASE, "test");
        List<String> queries = new ArrayList<>(DashboardQueries.of(files.dashboardJson()));
        files.alerts().rules().forEach(rule -> queries.add(rule.expr()));
        return queries;
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void everyMetricTheFilesNameIsInTheScrape(DashboardNaming naming) {
        PrometheusSeries series = new PrometheusSeries(naming.naming());
        String family = PrometheusSeries.underscores(naming.naming().prefix()).replaceAll("_$", "");
        Set<String> referenced = new TreeSet<>();
        for (String query : generatedQueries(naming)) {
            Set<String> metrics = metricsIn(query, family);
            assertThat(metrics).as("metrics in %s", query).isNotEmpty();
            referenced.addAll(metrics);
        }

        assertThat(poolwiseScrape.metrics()).as("scrape:%n%s", poolwiseScrape.text()).containsAll(referenced);
        // Every family is watched but the idle limits, the total (used + idle says it) and validation failures
        // (closes by reason show them as validation_failed).
        Set<PoolMetric> unwatched = Set.of(PoolMetric.MINIMUM_IDLE, PoolMetric.MAXIMUM_IDLE,
                PoolMetric.CONNECTIONS_TOTAL, PoolMetric.VALIDATION_FAILURES);
        for (PoolMetric metric : PoolMetric.values()) {
            if (naming.naming().publishes(metric) && !unwatched.contains(metric)) {
                assertThat(referenced).as("%s is charted or alerted on", metric)
                        .anyMatch(name -> name.startsWith(series.name(metric)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void everyLabelTheFilesNameIsInTheScrape(DashboardNaming naming) {
        Set<String> labels = new TreeSet<>();
        for (String query : generatedQueries(naming)) {
            labels.addAll(labelsIn(query));
        }
        labels.remove("job");
        labels.remove("instance");

        assertThat(labels).contains(new PrometheusSeries(naming.naming()).poolLabel(), "le", "reason", "status",
                "direction");
        assertThat(poolwiseScrape.labels()).as("scrape:%n%s", poolwiseScrape.text()).containsAll(labels);
    }

    @Test
    void hikariCpItselfPublishesEverythingButPoolwisesAdditions() {
        PrometheusSeries series = new PrometheusSeries(DashboardNaming.HIKARICP.naming());
        Set<String> referenced = new TreeSet<>();
        generatedQueries(DashboardNaming.HIKARICP).forEach(query -> referenced.addAll(metricsIn(query,
                "hikaricp_connections")));
        Set<String> poolwiseOnly = new TreeSet<>();
        for (PoolMetric metric : PoolMetric.values()) {
            if (series.naming().publishes(metric) && !series.naming().definedByConvention(metric)) {
                poolwiseOnly.add(series.name(metric));
            }
        }

        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(hikariScrape.metrics());
        assertThat(missing).as("names HikariCP does not publish (scrape:%n%s)", hikariScrape.text())
                .isEqualTo(poolwiseOnly.stream().filter(referenced::contains)
                        .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(missing).contains(series.name(PoolMetric.SUSPECTED_LEAKS), series.name(PoolMetric.CLOSED),
                series.name(PoolMetric.HEALTH));
    }

    /** The metric names in a query: identifiers in the naming's family that are not labels. */
    private static Set<String> metricsIn(String query, String family) {
        String code = STRING.matcher(query).replaceAll("\"\"");
        Set<String> labels = labelsIn(query);
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            String name = identifier.group();
            if (name.startsWith(family) && !labels.contains(name)) {
                metrics.add(name);
            }
        }
        return metrics;
    }

    private static Set<String> labelsIn(String query) {
        Set<String> labels = new TreeSet<>();
        Matcher matcher = MATCHER.matcher(query);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        Matcher grouping = GROUPING.matcher(query);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    /** A Prometheus text scrape: its series' metric names and label names. */
    private record Scrape(String text) {
        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s",
                Pattern.MULTILINE);
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

        Set<String> metrics() {
            Set<String> names = new TreeSet<>();
            Matcher sample = SAMPLE.matcher(text);
            while (sample.find()) {
                names.add(sample.group(1));
            }
            return names;
        }

        Set<String> labels() {
            Set<String> names = new TreeSet<>();
            Matcher sample = SAMPLE.matcher(text);
            while (sample.find()) {
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        names.add(label.group(1));
                    }
                }
            }
            return names;
        }
    }
}
