package dev.poolwise.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Which data source the starter makes, how {@code spring.datasource.poolwise.*} binds onto it, and what happens
 * to it at startup and at close, in a real application context (Boot 4.0, H2 in memory).
 */
class PoolwiseDataSourceAutoConfigurationTest {

    @Test
    void poolwiseIsTheDataSourceWhenNoneIsDefinedAndNoTypeIsGivenEvenWithHikariCpOnTheClasspath() {
        AutoConfigurationRunners.poolwise("selection").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DataSource.class)).isInstanceOf(PoolwiseDataSource.class);
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void poolwiseIsTheDataSourceWhenTheTypeNamesIt() {
        AutoConfigurationRunners.poolwise("named_type")
                .withPropertyValues("spring.datasource.type=dev.poolwise.PoolwiseDataSource")
                .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(PoolwiseDataSource.class));
    }

    @Test
    void anotherTypeGetsBootsOwnPool() {
        AutoConfigurationRunners.poolwise("hikari_type")
                .withPropertyValues("spring.datasource.type=com.zaxxer.hikari.HikariDataSource")
                .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
    }

    @Test
    void anApplicationsOwnDataSourceBeanIsLeftAlone() {
        AutoConfigurationRunners.poolwise("own_bean").withUserConfiguration(OwnDataSource.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PoolwiseDataSource.class);
                    assertThat(context.getBean(DataSource.class)).isInstanceOf(SimpleDriverDataSource.class);
                });
    }

    @Test
    void everySettingBindsInKebabCaseWithDurationsInUnits() {
        AutoConfigurationRunners.poolwise("settings").withPropertyValues(
                "spring.datasource.poolwise.pool-name=orders",
                "spring.datasource.poolwise.maximum-pool-size=7",
                "spring.datasource.poolwise.minimum-idle=2",
                "spring.datasource.poolwise.connection-timeout=5s",
                "spring.datasource.poolwise.idle-timeout=2m",
                "spring.datasource.poolwise.max-lifetime=30m",
                "spring.datasource.poolwise.keepalive-time=45s",
                "spring.datasource.poolwise.validation-timeout=750ms",
                "spring.datasource.poolwise.validation-bypass-window=250ms",
                "spring.datasource.poolwise.leak-detection-threshold=1m",
                "spring.datasource.poolwise.shutdown-timeout=3s",
                "spring.datasource.poolwise.initialization-fail-timeout=-1",
                "spring.datasource.poolwise.connection-test-query=SELECT 1",
                "spring.datasource.poolwise.connection-init-sql=SET SCHEMA PUBLIC",
                "spring.datasource.poolwise.auto-commit=false",
                "spring.datasource.poolwise.read-only=true",
                "spring.datasource.poolwise.transaction-isolation=TRANSACTION_REPEATABLE_READ",
                "spring.datasource.poolwise.schema=PUBLIC",
                "spring.datasource.poolwise.allow-pool-suspension=true",
                "spring.datasource.poolwise.mode=unpooled",
                "spring.datasource.poolwise.data-source-properties.prepareThreshold=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
                    assertThat(pool.getPoolName()).isEqualTo("orders");
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
                    assertThat(pool.getMinimumIdle()).isEqualTo(2);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
                    assertThat(pool.getIdleTimeout()).isEqualTo(120_000);
                    assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
                    assertThat(pool.getKeepaliveTime()).isEqualTo(45_000);
                    assertThat(pool.getValidationTimeout()).isEqualTo(750);
                    assertThat(pool.getValidationBypassWindow()).isEqualTo("250ms");
                    assertThat(pool.getLeakDetectionThreshold()).isEqualTo(60_000);
                    assertThat(pool.getShutdownTimeout()).isEqualTo(3_000);
                    assertThat(pool.getInitializationFailTimeout()).isEqualTo(-1);
                    assertThat(pool.getConnectionTestQuery()).isEqualTo("SELECT 1");
                    assertThat(pool.getConnectionInitSql()).isEqualTo("SET SCHEMA PUBLIC");
                    assertThat(pool.isAutoCommit()).isFalse();
                    assertThat(pool.isReadOnly()).isTrue();
                    assertThat(pool.getTransactionIsolation()).isEqualTo("TRANSACTION_REPEATABLE_READ");
                    assertThat(pool.getSchema()).isEqualTo("PUBLIC");
                    assertThat(pool.isAllowPoolSuspension()).isTrue();
                    assertThat(pool.getMode()).isEqualTo("unpooled");
                    assertThat(pool.getDataSourceProperties()).containsEntry("prepareThreshold", "0");
                    assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:mem:settings;DB_CLOSE_DELAY=-1");
                    assertThat(pool.getUsername()).isEqualTo("sa");
                });
    }

    @Test
    void bareNumbersAreMillisecondsAsInHikariCp() {
        AutoConfigurationRunners.poolwise("bare_numbers")
                .withPropertyValues("spring.datasource.poolwise.connection-timeout=2500",
                        "spring.datasource.poolwise.idle-timeout=60000")
                .run(context -> {
                    PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(2_500);
                    assertThat(pool.getIdleTimeout()).isEqualTo(60_000);
                });
    }

    @Test
    void adaptiveSizingBindsWithItsWindowToleranceAndReserveTime() {
        AutoConfigurationRunners.poolwise("adaptive_settings")
                .withPropertyValues("spring.datasource.poolwise.sizing=adaptive",
                        "spring.datasource.poolwise.sizing-window=500ms",
                        "spring.datasource.poolwise.sizing-tolerance=0.05",
                        "spring.datasource.poolwise.sizing-reserve-time=30s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
                    assertThat(pool.getSizing()).isEqualTo("adaptive");
                    assertThat(pool.getSizingWindow()).isEqualTo(500);
                    assertThat(pool.getSizingTolerance()).isEqualTo(0.05);
                    assertThat(pool.getSizingReserveTime()).isEqualTo(30_000);
                });
    }

    @Test
    void aSizingToleranceOutOfRangeFailsStartupNamingTheValueAndTheRange() {
        AutoConfigurationRunners.poolwise("adaptive_tolerance")
                .withPropertyValues("spring.datasource.poolwise.sizing=adaptive",
                        "spring.datasource.poolwise.sizing-tolerance=0.5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PoolConfigException.class)
                            .hasMessageContaining(
                                    "spring.datasource.poolwise.sizing-tolerance = 0.5: must be from 0.02 to 0.3");
                });
    }

    @Test
    void aMisspeltKeyFailsStartupWithPoolwisesSuggestion() {
        AutoConfigurationRunners.poolwise("misspelt")
                .withPropertyValues("spring.datasource.poolwise.maximum-pool-siz=5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PoolConfigException.class)
                            .hasMessageContaining("spring.datasource.poolwise.maximum-pool-siz: unknown setting")
                            .hasMessageContaining("did you mean spring.datasource.poolwise.maximum-pool-size?");
                });
    }

    @Test
    void everyRelaxedSpellingOfAKnownKeyIsAccepted() {
        AutoConfigurationRunners.poolwise("relaxed")
                .withPropertyValues("spring.datasource.poolwise.maximumPoolSize=6",
                        "spring.datasource.poolwise.connection_timeout=4s")
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("SPRING_DATASOURCE_POOLWISE_IDLETIMEOUT", "90s"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(6);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(4_000);
                    assertThat(pool.getIdleTimeout()).isEqualTo(90_000);
                });
    }

    @Test
    void aMisspeltEnvironmentVariableFailsStartupToo() {
        AutoConfigurationRunners.poolwise("misspelt_env")
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("SPRING_DATASOURCE_POOLWISE_MAXIMUMPOOLSIZ", "6"))))
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(PoolConfigException.class)
                        .hasMessageContaining("did you mean spring.datasource.poolwise.maximum-pool-size?"));
    }

    @Test
    void aBadValueFailsStartupNamingTheKeyAndWhatIsValid() {
        AutoConfigurationRunners.poolwise("bad_value")
                .withPropertyValues("spring.datasource.poolwise.maximum-pool-size=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PoolConfigException.class)
                            .hasMessageContaining("spring.datasource.poolwise.maximum-pool-size = 0: must be at least 1");
                });
    }

    @Test
    void thePoolStartsOnTheFirstBorrowNotAtStartup() {
        AutoConfigurationRunners.poolwise("lazy").run(context -> {
            PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
            assertThat(pool.isStarted()).isFalse();
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThat(pool.isStarted()).isTrue();
        });
    }

    @Test
    void jdbcConnectionDetailsOverrideSpringDatasourceUrl() {
        AutoConfigurationRunners.poolwise("from_properties").withUserConfiguration(ServiceConnection.class)
                .run(context -> {
                    PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
                    assertThat(pool.getJdbcUrl()).isEqualTo(ServiceConnection.URL);
                    assertThat(pool.getUsername()).isEqualTo("service");
                    assertThat(pool.getPassword()).isEqualTo("secret");
                    assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
                            .isEqualToIgnoringCase("service");
                });
    }

    @Test
    void jmxRegistrationFollowsSpringJmxEnabled() {
        AutoConfigurationRunners.poolwise("jmx_on").withPropertyValues("spring.jmx.enabled=true")
                .run(context -> assertThat(context.getBean(PoolwiseDataSource.class).isRegisterMbeans()).isTrue());
        AutoConfigurationRunners.poolwise("jmx_off")
                .run(context -> assertThat(context.getBean(PoolwiseDataSource.class).isRegisterMbeans()).isFalse());
        AutoConfigurationRunners.poolwise("jmx_overridden")
                .withPropertyValues("spring.jmx.enabled=true", "spring.datasource.poolwise.register-mbeans=false")
                .run(context -> assertThat(context.getBean(PoolwiseDataSource.class).isRegisterMbeans()).isFalse());
    }

    @Test
    void poolNameFallsBackToSpringDatasourceName() {
        AutoConfigurationRunners.poolwise("named").withPropertyValues("spring.datasource.name=inventory")
                .run(context -> assertThat(context.getBean(PoolwiseDataSource.class).getPoolName()).isEqualTo("inventory"));
    }

    @Test
    void listenerBeansHearThePool() {
        AutoConfigurationRunners.poolwise("listened").withUserConfiguration(RecordingListener.class)
                .run(context -> {
                    try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                        assertThat(connection).isNotNull();
                    }
                    assertThat(context.getBean(RecordingListener.class).created).isNotEmpty();
                });
    }

    @Test
    void closingTheContextClosesThePool() {
        PoolwiseDataSource[] seen = new PoolwiseDataSource[1];
        AutoConfigurationRunners.poolwise("closing").run(context -> {
            seen[0] = context.getBean(PoolwiseDataSource.class);
            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
            assertThat(seen[0].isClosed()).isFalse();
        });
        assertThat(seen[0].isClosed()).isTrue();
    }

    @Test
    void thePoolClosesOnlyAfterTheLifecycleBeansHaveStopped() {
        DrainingWork[] work = new DrainingWork[1];
        AutoConfigurationRunners.poolwise("graceful").withUserConfiguration(DrainingWork.class)
                .withPropertyValues("spring.datasource.poolwise.shutdown-timeout=2s")
                .run(context -> {
                    work[0] = context.getBean(DrainingWork.class);
                    assertThat(context.getBean(PoolwiseDataSource.class).getShutdownTimeout()).isEqualTo(2_000);
                });
        assertThat(work[0].answerWhileStopping).as("a query run while the lifecycle stopped (as a web server drains)")
                .isEqualTo(1);
        assertThat(work[0].pool.isClosed()).isTrue();
    }

    /** Stands for a web server's graceful shutdown: work that still uses the database while it stops. */
    @Configuration(proxyBeanMethods = false)
    static class DrainingWork implements org.springframework.context.SmartLifecycle {
        private final PoolwiseDataSource pool;
        private volatile boolean running;
        volatile Integer answerWhileStopping;

        DrainingWork(PoolwiseDataSource pool) {
            this.pool = pool;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            answerWhileStopping = new JdbcTemplate(pool).queryForObject("SELECT 1", Integer.class);
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDataSource {
        @Bean
        DataSource dataSource() {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:own;DB_CLOSE_DELAY=-1");
        }
    }

    /** What a Testcontainers or Docker Compose {@code @ServiceConnection} registers. */
    @Configuration(proxyBeanMethods = false)
    static class ServiceConnection {
        static final String URL = "jdbc:h2:mem:from_service_connection;DB_CLOSE_DELAY=-1";

        @Bean
        JdbcConnectionDetails jdbcConnectionDetails() {
            return new JdbcConnectionDetails() {
                @Override
                public String getJdbcUrl() {
                    return URL;
                }

                @Override
                public String getUsername() {
                    return "service";
                }

                @Override
                public String getPassword() {
                    return "secret";
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingListener implements PoolListener {
        final List<String> created = new CopyOnWriteArrayList<>();

        @Override
        public void onConnectionCreated(String poolName, long connectionId, long createNanos) {
            created.add(poolName);
        }
    }
}
