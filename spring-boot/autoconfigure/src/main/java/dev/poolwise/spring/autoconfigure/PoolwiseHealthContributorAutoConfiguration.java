package dev.poolwise.spring.autoconfigure;

import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.spring.PoolHealthReport;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A {@code poolwise} health contributor beside Boot's {@code db} indicator: the pool's own
 * {@link PoolwiseDataSource#health() health()} (UP, DEGRADED or DOWN with its reason, and the pool's counts),
 * which opens no connection. One indicator for one pool; one entry per pool bean when there are several.
 * {@code management.health.poolwise.enabled=false} turns it off.
 */
@AutoConfiguration(after = { PoolwiseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, PoolwiseDataSource.class })
@ConditionalOnBean(PoolwiseDataSource.class)
@ConditionalOnEnabledHealthIndicator("poolwise")
public class PoolwiseHealthContributorAutoConfiguration {

    /**
     * @param pools the Poolwise pool beans by name
     * @return the contributor, named {@code poolwise} after this bean
     */
    @Bean
    @ConditionalOnMissingBean(name = { "poolwiseHealthIndicator", "poolwiseHealthContributor" })
    HealthContributor poolwiseHealthContributor(Map<String, PoolwiseDataSource> pools) {
        if (pools.size() == 1) {
            return indicator(pools.values().iterator().next());
        }
        return CompositeHealthContributor.fromMap(pools, PoolwiseHealthContributorAutoConfiguration::indicator);
    }

    private static HealthIndicator indicator(PoolwiseDataSource pool) {
        return () -> {
            PoolHealthReport report = PoolHealthReport.of(pool);
            Status status = switch (report.status()) {
                case "UP" -> Status.UP;
                case "DOWN" -> Status.DOWN;
                default -> new Status(report.status(), String.valueOf(report.details().get("reason")));
            };
            return Health.status(status).withDetails(report.details()).build();
        };
    }
}
