package dev.poolwise.benchmarks.pools;

import dev.poolwise.benchmarks.noop.NoopDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.time.Duration;

/**
 * Agroal (its own pool implementation, not its HikariCP adapter) with its defaults apart from the shared
 * settings: no validation on borrow, no background validation, no leak timeout, JDBC resource tracking on.
 *
 * <p>Agroal does not take a {@code DataSource} instance: it is given {@link NoopDataSource}'s class and makes its
 * own instance, which opens the same connections as {@link PoolSettings#database()}.
 */
public final class AgroalPoolFactory implements PoolFactory {

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
