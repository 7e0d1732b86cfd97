package dev.poolwise.spring.boot4;

import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.spring.PoolwiseCheckpointRestoreLifecycle;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCheckpointRestore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * On a JVM that can checkpoint (CRaC: {@code org.crac} on the classpath), closes the pool's connections before
 * a checkpoint and resumes the pool after the restore, as Boot does for HikariCP.
 */
@AutoConfiguration(after = { PoolwiseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnCheckpointRestore
@ConditionalOnClass(PoolwiseDataSource.class)
@ConditionalOnBean(DataSource.class)
public class PoolwiseCheckpointRestoreAutoConfiguration {

    /**
     * @return the lifecycle that the checkpoint stops and the restore starts
     */
    @Bean
    @ConditionalOnMissingBean
    PoolwiseCheckpointRestoreLifecycle poolwiseCheckpointRestoreLifecycle(DataSource dataSource,
            ConfigurableApplicationContext applicationContext) {
        return new PoolwiseCheckpointRestoreLifecycle(dataSource, applicationContext);
    }
}
