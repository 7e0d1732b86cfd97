package dev.poolwise.spring.autoconfigure;

import dev.poolwise.micrometer.PoolwiseMetrics;
import dev.poolwise.spring.MeterNaming;
import dev.poolwise.spring.PoolwiseMeterBinding;
import dev.poolwise.spring.PoolwiseProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * When Micrometer and {@code poolwise-micrometer} are on the classpath, binds every Poolwise pool's meters
 * (OpenTelemetry's names, or HikariCP's with {@code spring.datasource.poolwise.metrics-naming=hikaricp}) to the
 * application's {@link MeterRegistry} before the pool opens its first connection. Boot's own
 * {@code jdbc.connections.*} meters come from {@link PoolwiseDataSourceAutoConfiguration}'s pool metadata.
 */
@AutoConfiguration
@ConditionalOnClass({ MeterRegistry.class, PoolwiseMetrics.class })
public class PoolwiseMetricsAutoConfiguration {

    /**
     * Static, as a post-processor must be, and reading the naming straight from the environment so that it
     * initialises no other bean early.
     *
     * @return the post-processor that binds each pool as it is made
     */
    @Bean
    static PoolwiseMeterBinding poolwiseMeterBinding(ObjectProvider<MeterRegistry> registry, Environment environment) {
        MeterNaming naming = Binder.get(environment)
                .bind(PoolwiseProperties.PREFIX + ".metrics-naming", MeterNaming.class)
                .orElse(MeterNaming.OPENTELEMETRY);
        return new PoolwiseMeterBinding(registry, naming);
    }
}
