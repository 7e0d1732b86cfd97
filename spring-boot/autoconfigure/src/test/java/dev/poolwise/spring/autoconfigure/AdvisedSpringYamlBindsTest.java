package dev.poolwise.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The YAML that {@code poolwise advise --format spring} renders for Poolwise binds, key by key, onto the pool in
 * a real context. The URL is the test's H2 database (test properties outrank the file), the rest is the file's.
 */
class AdvisedSpringYamlBindsTest {

    /** The rendered file; point this at the advisor's output to check the renderer itself. */
    static final String RENDERED = "advised/application-poolwise.yml";

    @Test
    void everyRenderedSettingReachesThePool() {
        AutoConfigurationRunners.poolwise("advised").withInitializer(yaml(RENDERED)).run(context -> {
            assertThat(context).hasNotFailed();
            PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
            assertThat(pool.getPoolName()).isEqualTo("app");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(12);
            assertThat(pool.getMinimumIdle()).isEqualTo(4);
            assertThat(pool.getConnectionTimeout()).isEqualTo(10_000);
            assertThat(pool.getIdleTimeout()).isEqualTo(600_000);
            assertThat(pool.getMaxLifetime()).isEqualTo(1_500_000);
            assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
            assertThat(pool.getValidationTimeout()).isEqualTo(3_000);
            assertThat(pool.getValidationBypassWindow()).isEqualTo("500ms");
            assertThat(pool.getLeakDetectionThreshold()).isEqualTo(60_000);
            assertThat(pool.getDataSourceProperties()).containsEntry("prepareThreshold", "0");
        });
    }

    static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String resource) {
        return context -> {
            try {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource))) {
                    context.getEnvironment().getPropertySources().addLast(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
