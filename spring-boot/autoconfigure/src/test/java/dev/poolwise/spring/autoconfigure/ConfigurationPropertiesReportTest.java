package dev.poolwise.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/configprops} on an application's own pool bean bound with {@code @ConfigurationProperties}
 * (the common hand-written setup): the report reads every getter, and that must not start the pool (nor, by
 * Boot's default, show a value).
 */
class ConfigurationPropertiesReportTest {

    @Test
    void theReportReadsThePoolsSettingsWithoutStartingItOrShowingThePassword() {
        new ApplicationContextRunner().withUserConfiguration(OwnPool.class)
                .withPropertyValues("app.pool.jdbc-url=jdbc:h2:mem:configprops;DB_CLOSE_DELAY=-1",
                        "app.pool.username=sa", "app.pool.password=s3cret", "app.pool.maximum-pool-size=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // Boot's default: every value read, then masked (with show-values=always, Boot shows every value,
                    // HikariCP's password included: that is Boot's choice, not the pool's).
                    ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(List.of(),
                            Show.NEVER);
                    endpoint.setApplicationContext(context);

                    ConfigurationPropertiesBeanDescriptor pool = endpoint.configurationProperties().getContexts()
                            .values().iterator().next().getBeans().get("pool");
                    Map<String, Object> shown = pool.getProperties();

                    assertThat(shown).containsKeys("jdbcUrl", "username", "maximumPoolSize", "connectionTimeout",
                            "minimumIdle", "shutdownTimeout", "poolName");
                    assertThat(shown.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain("s3cret"));
                    assertThat(context.getBean(PoolwiseDataSource.class).isStarted()).as("started by the report").isFalse();
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties
    static class OwnPool {
        @Bean
        @ConfigurationProperties("app.pool")
        PoolwiseDataSource pool() {
            return new PoolwiseDataSource();
        }
    }
}
