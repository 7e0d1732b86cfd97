package dev.poolwise.benchmarks.pools;

import dev.poolwise.benchmarks.agroal3.io.agroal.api.AgroalDataSource;
import dev.poolwise.benchmarks.agroal3.io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import dev.poolwise.benchmarks.noop.NoopDataSource;
import java.time.Duration;

/**
 * Agroal 3, its current release line, set up exactly as {@link AgroalPoolFactory} sets up Agroal 2.
 *
 * <p>Both versions name their classes {@code io.agroal.*}, so Agroal 3 comes from the
 * {@code poolwise-benchmarks-agroal3} module, which relocates it under {@code dev.poolwise.benchmarks.agroal3}.
 * The configuration API is the same in both versions; only the imports differ, which is why this class repeats
 * {@link AgroalPoolFactory}'s body rather than sharing it.
 */
public final class Agroal3PoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) throws Exception {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(false)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(settings.size())
                        .minSize(settings.size())
                        .maxSize(settings.size())
                        .acquisitionTimeout(PoolSettings.CONNECTION_TIMEOUT)
                        .leakTimeout(Duration.ZERO)
                        .validateOnBorrow(false)
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(NoopDataSource.class)
                                .autoCommit(true)));
        AgroalDataSource dataSource = AgroalDataSource.from(configuration);
        return new StartedPool(dataSource, dataSource::close);
    }
}
