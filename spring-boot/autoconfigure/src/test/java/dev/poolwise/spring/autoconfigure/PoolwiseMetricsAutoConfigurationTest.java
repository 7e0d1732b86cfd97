package dev.poolwise.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.jdbc.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Boot's {@code jdbc.connections.*} meters read the pool through its metadata, and the Poolwise meters are bound
 * before the pool opens its first connection, so the create timer counts the first connections.
 */
class PoolwiseMetricsAutoConfigurationTest {

    private static ApplicationContextRunner withMetrics(String database) {
        return AutoConfigurationRunners.poolwise(database)
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class,
                        PoolwiseMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.poolwise.maximum-pool-size=4",
                        "spring.datasource.poolwise.minimum-idle=1");
    }

    @Test
    void bootsJdbcConnectionsMetersReadThePool() {
        withMetrics("boot_meters").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            assertThat(registry.get("jdbc.connections.max").tag("name", "dataSource").gauge().value()).isEqualTo(4.0);
            assertThat(registry.get("jdbc.connections.min").tag("name", "dataSource").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("jdbc.connections.active").gauge().value()).isZero();
        });
    }

    @Test
    void poolwiseMetersAreBoundBeforeTheFirstConnectionOpens() {
        withMetrics("otel_meters").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Meter createTime = registry.find("db.client.connection.create_time").meter();
            assertThat(createTime).as("bound when the pool bean was made").isNotNull();
            assertThat(count(createTime)).as("no connection opened yet").isZero();

            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);

            assertThat(count(createTime)).as("the first connection was timed").isGreaterThanOrEqualTo(1.0);
        });
    }

    @Test
    void hikariCpNamingIsAProperty() {
        withMetrics("hikari_meters").withPropertyValues("spring.datasource.poolwise.metrics-naming=hikaricp")
                .run(context -> {
                    context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(registry.find("hikaricp.connections.max").meter()).isNotNull();
                    assertThat(count(registry.get("hikaricp.connections.creation").meter())).isGreaterThanOrEqualTo(1.0);
                    assertThat(registry.find("db.client.connection.create_time").meter()).isNull();
                });
    }

    private static double count(Meter meter) {
        for (Measurement measurement : meter.measure()) {
            if (measurement.getStatistic() == Statistic.COUNT) {
                return measurement.getValue();
            }
        }
        throw new AssertionError(meter.getId() + " has no count");
    }
}
