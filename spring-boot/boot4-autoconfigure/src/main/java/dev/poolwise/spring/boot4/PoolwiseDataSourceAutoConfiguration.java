package dev.poolwise.spring.boot4;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.spring.JdbcCoordinates;
import dev.poolwise.spring.PoolwiseDataSourceFactory;
import dev.poolwise.spring.PoolwiseDataSourcePoolMetadata;
import dev.poolwise.spring.PoolwiseProperties;

import javax.sql.DataSource;
import javax.sql.XADataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes a {@link PoolwiseDataSource} the application's {@code dataSource} on Spring Boot 4.0 when it has none
 * and {@code spring.datasource.type} is absent or names Poolwise. It runs before Boot's
 * {@link DataSourceAutoConfiguration}, whose pooled configurations (HikariCP's among them) then find a
 * {@code DataSource} and stand back; Boot's JDBC, Flyway, JPA, health and metrics support use this one.
 *
 * <p>Settings come from {@code spring.datasource.*} and {@code spring.datasource.poolwise.*} (see
 * {@link PoolwiseProperties}); a {@link JdbcConnectionDetails} bean from a service connection overrides the
 * connection, as it does for HikariCP. {@link PoolListener}, {@link CredentialsProvider} and
 * {@link ConnectionErrorClassifier} beans are handed to the pool. JMX registration follows
 * {@code spring.jmx.enabled} unless {@code register-mbeans} is set. The pool starts on the first borrow and
 * closes with the context.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, PoolwiseDataSource.class })
@ConditionalOnMissingBean(type = "io.r2dbc.spi.ConnectionFactory")
@EnableConfigurationProperties({ DataSourceProperties.class, PoolwiseProperties.class })
public class PoolwiseDataSourceAutoConfiguration {

    /** Boot's own details backed by {@code spring.datasource.*}; package-private in Boot, so known by name. */
    private static final String PROPERTIES_DETAILS = "PropertiesJdbcConnectionDetails";

    /**
     * @return the provider through which Boot's {@code jdbc.connections.*} meters and its {@code db} health
     *         indicator read a Poolwise pool
     */
    @Bean
    static DataSourcePoolMetadataProvider poolwiseDataSourcePoolMetadataProvider() {
        return PoolwiseDataSourcePoolMetadata.provider();
    }

    /**
     * @return the application's pool, configured and validated, not yet started
     */
    @Bean
    @ConditionalOnMissingBean({ DataSource.class, XADataSource.class })
    @ConditionalOnProperty(name = "spring.datasource.type", havingValue = "dev.poolwise.PoolwiseDataSource",
            matchIfMissing = true)
    PoolwiseDataSource dataSource(DataSourceProperties dataSourceProperties, PoolwiseProperties poolwiseProperties,
            ObjectProvider<JdbcConnectionDetails> connectionDetails, Environment environment,
            ObjectProvider<PoolListener> listeners, ObjectProvider<CredentialsProvider> credentialsProvider,
            ObjectProvider<ConnectionErrorClassifier> connectionErrorClassifier) {
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        JdbcCoordinates serviceConnection = details == null || details.getClass().getSimpleName().equals(PROPERTIES_DETAILS)
                ? null
                : new JdbcCoordinates(details.getJdbcUrl(), details.getUsername(), details.getPassword(),
                        details.getDriverClassName());
        boolean urlElsewhere = serviceConnection != null || poolwiseProperties.getJdbcUrl() != null
                || poolwiseProperties.getDataSourceClassName() != null;
        JdbcCoordinates fromProperties = new JdbcCoordinates(
                urlElsewhere ? null : dataSourceProperties.determineUrl(),
                urlElsewhere ? dataSourceProperties.getUsername() : dataSourceProperties.determineUsername(),
                urlElsewhere ? dataSourceProperties.getPassword() : dataSourceProperties.determinePassword(),
                dataSourceProperties.getDriverClassName());
        PoolwiseDataSourceFactory factory = new PoolwiseDataSourceFactory(poolwiseProperties, environment)
                .jmxEnabled(environment.getProperty("spring.jmx.enabled", Boolean.class, false))
                .fallbackPoolName(dataSourceProperties.getName())
                .credentialsProvider(credentialsProvider.getIfUnique())
                .connectionErrorClassifier(connectionErrorClassifier.getIfUnique());
        listeners.orderedStream().forEach(factory::listener);
        return factory.create(fromProperties, serviceConnection);
    }
}
