package dev.poolwise.benchmarks.pools;

import com.mchange.v2.c3p0.DataSources;
import java.util.Map;
import javax.sql.DataSource;

/**
 * c3p0 wrapping the shared data source, with its defaults apart from the shared settings: no test on checkout or
 * check-in, no statement cache, no unreturned-connection timeout (its leak detection). Check-ins stay
 * asynchronous (its default), handed to c3p0's helper threads. Its JMX registration is switched off in
 * {@code c3p0.properties} (c3p0 has no per-pool setting for it), and its start-up banner is quieted in
 * {@code mchange-log.properties}.
 */
public final class C3p0PoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) throws Exception {
        Map<String, Object> overrides = Map.of(
                "dataSourceName", settings.poolName(),
                "initialPoolSize", settings.size(),
                "minPoolSize", settings.size(),
                "maxPoolSize", settings.size(),
                "checkoutTimeout", (int) PoolSettings.CONNECTION_TIMEOUT.toMillis(),
                "testConnectionOnCheckout", false,
                "maxStatements", 0,
                "unreturnedConnectionTimeout", 0);
        DataSource dataSource = DataSources.pooledDataSource(settings.database(), overrides);
        return new StartedPool(dataSource, () -> DataSources.destroy(dataSource));
    }
}
