package dev.poolwise.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Hibernate's settings into a pool configuration, without a database: precedence, typed values, errors. */
class HibernatePoolSettingsTest {

    private static PoolConfig read(Map<String, Object> settings) {
        return HibernatePoolSettings.toPoolConfig(settings, builder -> { });
    }

    @Test
    void jakartaKeysWinOverHibernatesAndLegacyOnes() {
        PoolConfig config = read(Map.of(
                "javax.persistence.jdbc.url", "jdbc:postgresql://legacy:5432/app",
                "hibernate.connection.url", "jdbc:postgresql://hibernate:5432/app",
                "jakarta.persistence.jdbc.url", "jdbc:postgresql://jakarta:5432/app",
                "hibernate.connection.username", "from-hibernate",
                "javax.persistence.jdbc.user", "from-javax"));

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://jakarta:5432/app");
        assertThat(config.getUsername()).isEqualTo("from-hibernate");
    }

    @Test
    void poolwiseKeysWinOverHibernatesStandardOnes() {
        PoolConfig config = read(Map.of(
                "hibernate.connection.url", "jdbc:postgresql://hibernate:5432/app",
                "hibernate.poolwise.jdbcUrl", "jdbc:postgresql://poolwise:5432/app",
                "hibernate.connection.pool_size", "7",
                "hibernate.poolwise.maximumPoolSize", "3",
                "hibernate.connection.isolation", "2"));

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://poolwise:5432/app");
        assertThat(config.getMaximumPoolSize()).isEqualTo(3);
        assertThat(config.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void typedValuesAndDriverPropertiesPassThrough() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.url", "jdbc:postgresql://db:5432/app");
        settings.put("hibernate.connection.pool_size", 4);
        settings.put("hibernate.poolwise.idleTimeout", Duration.ofMinutes(2));
        settings.put("hibernate.poolwise.dataSource.sslmode", "require");
        settings.put("hibernate.show_sql", "true");   // not a pool setting: left to Hibernate

        PoolConfig config = read(settings);

        assertThat(config.getMaximumPoolSize()).isEqualTo(4);
        assertThat(config.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getDataSourceProperties().getProperty("sslmode")).isEqualTo("require");
    }

    @Test
    void aBadStandardSettingIsReportedUnderItsHibernateKey() {
        assertThatThrownBy(() -> read(Map.of("hibernate.connection.url", "jdbc:postgresql://db:5432/app",
                "hibernate.connection.pool_size", "0")))
                .isInstanceOf(PoolConfigException.class)
                .satisfies(e -> assertThat(((PoolConfigException) e).problems())
                        .anyMatch(problem -> problem.startsWith("hibernate.connection.pool_size")));
    }

    @Test
    void theCustomizerRunsBeforeValidation() {
        PoolConfig config = HibernatePoolSettings.toPoolConfig(
                Map.of("hibernate.connection.url", "jdbc:postgresql://db:5432/app"),
                builder -> builder.poolName("customized"));

        assertThat(config.getPoolName()).isEqualTo("customized");
    }
}
