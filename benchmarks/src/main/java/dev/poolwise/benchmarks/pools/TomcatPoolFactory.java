package dev.poolwise.benchmarks.pools;

import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/**
 * The Tomcat JDBC pool with its defaults apart from the shared settings: no validation on borrow or return, a
 * fair queue, no interceptors, no abandoned-connection removal (its leak detection).
 */
public final class TomcatPoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) throws Exception {
        PoolProperties properties = new PoolProperties();
        properties.setDataSource(settings.database());
        properties.setName(settings.poolName());
        properties.setInitialSize(settings.size());
        properties.setMaxActive(settings.size());
        properties.setMaxIdle(settings.size());
        properties.setMinIdle(settings.size());
        properties.setMaxWait((int) PoolSettings.CONNECTION_TIMEOUT.toMillis());
        properties.setDefaultAutoCommit(true);
        properties.setTestOnBorrow(false);
        properties.setRemoveAbandoned(false);
        properties.setJmxEnabled(false);
        DataSource dataSource = new DataSource(properties);
        dataSource.createPool();
        return new StartedPool(dataSource, dataSource::close);
    }
}
