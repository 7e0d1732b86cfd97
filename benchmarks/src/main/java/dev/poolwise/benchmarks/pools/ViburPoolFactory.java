package dev.poolwise.benchmarks.pools;

import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * Vibur DBCP with its defaults apart from the shared settings. Those defaults stay on because that is how Vibur
 * runs in production: validation on borrow only of a connection idle longer than 5 s (never, in a benchmark
 * loop), slow-borrow and slow-query logging thresholds of 3 s (each borrow and each execution is timed), query
 * statistics, and a fair pool. Connection tracking (its leak report) stays off, as it is by default.
 */
public final class ViburPoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) {
        ViburDBCPDataSource dataSource = new ViburDBCPDataSource();
        dataSource.setExternalDataSource(settings.database());
        dataSource.setName(settings.poolName());
        dataSource.setPoolInitialSize(settings.size());
        dataSource.setPoolMaxSize(settings.size());
        dataSource.setConnectionTimeoutInMs(PoolSettings.CONNECTION_TIMEOUT.toMillis());
        dataSource.setDefaultAutoCommit(true);
        dataSource.setPoolEnableConnectionTracking(false);
        dataSource.setEnableJMX(false);
        dataSource.start();
        return new StartedPool(dataSource, dataSource::close);
    }
}
