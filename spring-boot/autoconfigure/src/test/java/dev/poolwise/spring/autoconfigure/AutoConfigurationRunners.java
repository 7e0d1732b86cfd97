package dev.poolwise.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The context the starter gives an application, on an in-memory H2 database of the test's own. */
final class AutoConfigurationRunners {

    private AutoConfigurationRunners() {
    }

    /**
     * @param database a database name unique to the test
     * @return a runner with Poolwise's and Boot's JDBC auto-configuration (HikariCP is on the test classpath too)
     */
    static ApplicationContextRunner poolwise(String database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PoolwiseDataSourceAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa");
    }
}
