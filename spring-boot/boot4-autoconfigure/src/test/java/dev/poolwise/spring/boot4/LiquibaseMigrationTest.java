package dev.poolwise.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;

import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Liquibase on a Poolwise pool in Spring Boot 4.0, against a real PostgreSQL. With no user of its own, Liquibase
 * runs its changelog on the application's pool. With {@code spring.liquibase.user}, Boot derives a data source
 * for Liquibase from the pool's getters ({@code derivedFrom}), with the starter or without it, so the changelog
 * runs as that user while the application keeps its pool. The changelog,
 * {@code db/changelog/db.changelog-master.yaml}, creates {@code customers} and inserts one row.
 */
class LiquibaseMigrationTest {

    @Test
    void liquibaseRunsItsChangelogOnThePoolwisePool() {
        String url = SharedPostgres.createDatabase("liquibase_pool_boot4");
        withStarter(url).run(context -> {
            assertThat(context).hasNotFailed();
            DataSource pool = context.getBean(DataSource.class);
            assertThat(pool).isInstanceOf(PoolwiseDataSource.class);
            assertThat(context.getBean(SpringLiquibase.class).getDataSource())
                    .as("Liquibase migrates through the application's pool").isSameAs(pool);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            assertThat(jdbc.queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class))
                    .as("the changesets Liquibase ran").containsExactly("1-customers", "2-first-customer");
            assertThat(jdbc.queryForList("SELECT name FROM customers", String.class))
                    .as("the changelog's row").containsExactly("Ada");
            assertThat(ownerOfCustomers(jdbc)).as("Liquibase created the table as the pool's user")
                    .isEqualTo(SharedPostgres.SUPERUSER);
        });
    }

    @Test
    void withItsOwnUserLiquibaseMigratesAsThatUserAndTheApplicationKeepsThePool() {
        String url = SharedPostgres.createDatabase("liquibase_user_boot4");
        withStarter(url)
                .withPropertyValues("spring.liquibase.user=liquibase_user_boot4_migrator",
                        "spring.liquibase.password=migrate")
                .run(context -> assertMigratedAsItsOwnUser(context, "liquibase_user_boot4_migrator"));
    }

    @Test
    void withoutTheStarterSpringDatasourceTypeMakesThePoolAndLiquibaseMigratesWithItsOwnUser() {
        String url = SharedPostgres.createDatabase("liquibase_plain_boot4");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, LiquibaseAutoConfiguration.class))
                .withPropertyValues(connectionTo(url))
                .withPropertyValues("spring.datasource.type=dev.poolwise.PoolwiseDataSource",
                        "spring.liquibase.user=liquibase_plain_boot4_migrator",
                        "spring.liquibase.password=migrate")
                .run(context -> assertMigratedAsItsOwnUser(context, "liquibase_plain_boot4_migrator"));
    }

    /** The starter's context: Poolwise's auto-configuration ahead of Boot's JDBC and Liquibase ones. */
    private static ApplicationContextRunner withStarter(String url) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PoolwiseDataSourceAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        LiquibaseAutoConfiguration.class))
                .withPropertyValues(connectionTo(url));
    }

    private static String[] connectionTo(String url) {
        return new String[] {
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + SharedPostgres.SUPERUSER,
                "spring.datasource.password=unused",
                "spring.datasource.driver-class-name=org.postgresql.Driver"};
    }

    private static void assertMigratedAsItsOwnUser(AssertableApplicationContext context, String migrator)
            throws InterruptedException {
        assertThat(context).hasNotFailed();
        DataSource pool = context.getBean(DataSource.class);
        assertThat(pool).isInstanceOf(PoolwiseDataSource.class);
        assertThat(((PoolwiseDataSource) pool).isClosed()).as("closing Liquibase's data source left the pool open")
                .isFalse();
        assertThat(context.getBean(SpringLiquibase.class).getDataSource())
                .as("Liquibase migrates through a data source of its own").isNotSameAs(pool);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

        assertThat(jdbc.queryForList("SELECT name FROM customers", String.class))
                .as("the changelog's row").containsExactly("Ada");
        assertThat(ownerOfCustomers(jdbc)).as("Liquibase created the table as its own user").isEqualTo(migrator);
        assertThat(jdbc.queryForObject("SELECT current_user", String.class))
                .as("the application's pool connects as spring.datasource.username")
                .isEqualTo(SharedPostgres.SUPERUSER);
        assertThat(openSessionsOf(jdbc, migrator)).as("connections Liquibase's user left open after startup")
                .isZero();
    }

    private static String ownerOfCustomers(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'customers'", String.class);
    }

    /** A closed connection's server process leaves pg_stat_activity a moment later, so this waits up to 5 s. */
    private static int openSessionsOf(JdbcTemplate jdbc, String user) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Integer open = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE usename = ?",
                    Integer.class, user);
            if (open == 0 || System.nanoTime() > deadline) {
                return open;
            }
            Thread.sleep(50);
        }
    }
}
