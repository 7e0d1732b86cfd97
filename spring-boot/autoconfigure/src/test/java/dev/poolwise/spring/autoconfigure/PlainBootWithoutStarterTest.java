package dev.poolwise.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Boot 3.5 without the starter: only Boot's own auto-configuration, told the pool's class through
 * {@code spring.datasource.type}. Boot's {@code DataSourceBuilder} sets {@code url} on a pool it does not know,
 * and Flyway with a user of its own derives its data source from the pool's getters ({@code derivedFrom}).
 */
class PlainBootWithoutStarterTest {

    @Test
    void springDatasourceTypeMakesAWorkingPoolAndFlywayMigratesWithItsOwnUser() {
        String url = SharedPostgres.createDatabase("plain_boot3");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.type=dev.poolwise.PoolwiseDataSource",
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + SharedPostgres.SUPERUSER,
                        "spring.datasource.password=unused",
                        "spring.datasource.driver-class-name=org.postgresql.Driver",
                        "spring.flyway.user=plain_boot3_migrator",
                        "spring.flyway.password=migrate")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DataSource.class)).isInstanceOf(PoolwiseDataSource.class);
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

                    assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'orders'",
                            String.class)).as("Flyway created the table as its own user").isEqualTo("plain_boot3_migrator");
                    assertThat(jdbc.queryForObject("SELECT current_user", String.class))
                            .as("the application's pool connects as spring.datasource.username").isEqualTo("postgres");
                    jdbc.update("INSERT INTO orders (item) VALUES ('book')");
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(1);
                });
    }
}
