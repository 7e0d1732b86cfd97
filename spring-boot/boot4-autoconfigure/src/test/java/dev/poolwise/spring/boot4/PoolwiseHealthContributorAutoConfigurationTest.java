package dev.poolwise.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Boot's {@code db} indicator keeps working, and a {@code poolwise} contributor reports the pool's own health. */
class PoolwiseHealthContributorAutoConfigurationTest {

    private static ApplicationContextRunner withHealth(String database) {
        return AutoConfigurationRunners.poolwise(database)
                .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
                        DataSourceHealthContributorAutoConfiguration.class,
                        PoolwiseHealthContributorAutoConfiguration.class));
    }

    @Test
    void bootsDbIndicatorChecksThePool() {
        withHealth("db_health").run(context -> {
            Health db = context.getBean("dbHealthContributor", HealthIndicator.class).health();
            assertThat(db.getStatus()).isEqualTo(Status.UP);
            assertThat(db.getDetails()).containsEntry("database", "H2");
        });
    }

    @Test
    void poolwiseContributorShowsThePoolsHealthAndGoesDownWhenItCloses() {
        withHealth("pool_health").withPropertyValues("spring.datasource.poolwise.pool-name=orders").run(context -> {
            HealthIndicator poolwise = context.getBean("poolwiseHealthContributor", HealthIndicator.class);
            context.getBean(PoolwiseDataSource.class).getConnection().close();

            Health up = poolwise.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("pool", "orders").containsKey("idle")
                    .containsEntry("sizing", "static").containsEntry("reserved", 0);
            assertThat(up.getDetails().get("targetSize")).as("a static pool works to its maximum")
                    .isEqualTo(up.getDetails().get("maximumPoolSize")).isNotNull();

            context.getBean(PoolwiseDataSource.class).close();
            Health down = poolwise.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(down.getDetails().get("reason"))).contains("closed");
        });
    }

    @Test
    void anAdaptivePoolShowsItsSizingAndATargetWithinItsBounds() {
        withHealth("adaptive_health").withPropertyValues("spring.datasource.poolwise.sizing=adaptive",
                "spring.datasource.poolwise.maximum-pool-size=6").run(context -> {
                    HealthIndicator poolwise = context.getBean("poolwiseHealthContributor", HealthIndicator.class);
                    context.getBean(PoolwiseDataSource.class).getConnection().close();

                    Health health = poolwise.health();
                    assertThat(health.getDetails()).containsEntry("sizing", "adaptive")
                            .containsEntry("maximumPoolSize", 6);
                    // minimumIdle defaults to 1 in adaptive sizing: the target's floor.
                    assertThat((Integer) health.getDetails().get("targetSize")).isBetween(1, 6);
                });
    }

    @Test
    void theContributorCanBeTurnedOff() {
        withHealth("no_pool_health").withPropertyValues("management.health.poolwise.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("poolwiseHealthContributor"));
    }
}
