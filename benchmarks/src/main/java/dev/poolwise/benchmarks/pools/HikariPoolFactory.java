package dev.poolwise.benchmarks.pools;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * HikariCP with its defaults apart from the shared settings. It validates a connection on borrow only when the
 * connection has been idle longer than its fixed 500 ms bypass window, so a benchmark loop never validates.
 */
public final class HikariPoolFactory implements PoolFactory {

    @Override
    public StartedPool start(PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(settings.database());
        config.setPoolName(settings.poolName());
        config.setMaximumPoolSize(settings.size());
        config.setMinimumIdle(settings.size());
        config.setConnectionTimeout(PoolSettings.CONNECTION_TIMEOUT.toMillis());
        config.setAutoCommit(true);
        config.setLeakDetectionThreshold(0);
        config.setRegisterMbeans(false);
        HikariDataSource dataSource = new HikariDataSource(config);
        return new StartedPool(dataSource, dataSource::close);
    }
}
