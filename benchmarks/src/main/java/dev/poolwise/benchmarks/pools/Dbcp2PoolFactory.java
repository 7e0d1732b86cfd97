package dev.poolwise.benchmarks.pools;

import dev.poolwise.benchmarks.noop.NoopDriver;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Apache Commons DBCP 2's {@link BasicDataSource} with its defaults apart from the shared settings. Its default
 * {@code testOnBorrow = true} stays: with no validation query it calls {@code Connection.isValid} on every
 * borrow, which is how DBCP 2 runs unless told otherwise (free against the no-op driver, a round trip against a
 * real database). Abandoned-connection removal (its leak detection) stays off, as it is by default.
 *
 * <p>{@code BasicDataSource} takes a driver and a URL, not a {@code DataSource}: the URL is parsed only when a
 * physical connection is opened.
 */
public final class Dbcp2PoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setDriver(new NoopDriver());
        dataSource.setUrl(NoopDriver.URL_PREFIX);
        dataSource.setInitialSize(settings.size());
        dataSource.setMaxTotal(settings.size());
        dataSource.setMaxIdle(settings.size());
        dataSource.setMinIdle(settings.size());
        dataSource.setMaxWait(PoolSettings.CONNECTION_TIMEOUT);
        dataSource.setDefaultAutoCommit(true);
        return new StartedPool(dataSource, dataSource::close);
    }
}
