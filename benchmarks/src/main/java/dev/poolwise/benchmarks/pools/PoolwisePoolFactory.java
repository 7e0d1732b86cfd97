package dev.poolwise.benchmarks.pools;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

/**
 * Poolwise with its defaults apart from the shared settings. Its default {@code validationBypassWindow} (500 ms)
 * means a connection returned less than half a second ago is not re-validated on borrow, which under a benchmark
 * loop is every borrow: the same rule as HikariCP's.
 */
public final class PoolwisePoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) {
        PoolwiseDataSource dataSource = new PoolwiseDataSource(PoolConfig.builder()
                .dataSource(settings.database())
                .poolName(settings.poolName())
                .maximumPoolSize(settings.size())
                .minimumIdle(settings.size())
                .connectionTimeout(PoolSettings.CONNECTION_TIMEOUT)
                .autoCommit(true)
                .registerMbeans(false)
                .build());
        return new StartedPool(dataSource, dataSource::close);
    }
}
