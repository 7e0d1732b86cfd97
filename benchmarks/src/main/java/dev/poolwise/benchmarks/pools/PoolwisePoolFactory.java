package dev.poolwise.benchmarks.pools;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;

/**
 * Poolwise with its defaults apart from the shared settings. Its default {@code validationBypassWindow} (500 ms)
 * means a connection returned less than half a second ago is not re-validated on borrow, which under a benchmark
 * loop is every borrow: the same rule as HikariCP's.
 *
 * <p>The {@code poolwise-adaptive} variant adds {@code sizing=adaptive} and nothing else: with
 * {@code minimumIdle} equal to the maximum the target cannot move, so the run shows what adaptive mode's
 * bookkeeping costs the borrow path (issue 12's bar: nothing measurable), not the effect of a different size.
 */
public final class PoolwisePoolFactory implements PoolFactory {

    private final SizingMode sizing;

    /** @param sizing the pool's {@code sizing} setting */
    public PoolwisePoolFactory(SizingMode sizing) {
        this.sizing = sizing;
    }

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
                .sizing(sizing)
                .build());
        return new StartedPool(dataSource, dataSource::close);
    }
}
