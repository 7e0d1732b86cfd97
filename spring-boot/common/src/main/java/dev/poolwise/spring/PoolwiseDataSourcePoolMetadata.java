package dev.poolwise.spring;

import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;

/**
 * What Spring Boot's {@code jdbc.connections.*} meters ({@code active}, {@code idle}, {@code max}, {@code min},
 * {@code usage}) read from a Poolwise pool, as Boot's {@code HikariDataSourcePoolMetadata} does for HikariCP.
 *
 * <p>Boot keeps these types in {@code org.springframework.boot.jdbc.metadata} in both generations (in
 * {@code spring-boot} for 3.5, in {@code spring-boot-jdbc} for 4.0), so one class serves both.
 *
 * <p>Before the pool has started, the counts are 0 and the sizes are the configured ones: reading them starts
 * nothing, so a metrics scrape never opens a connection.
 */
public final class PoolwiseDataSourcePoolMetadata implements DataSourcePoolMetadata {

    private final PoolwiseDataSource dataSource;

    /**
     * @param dataSource the pool
     */
    public PoolwiseDataSourcePoolMetadata(PoolwiseDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return a provider that answers for any data source that is, or wraps, a {@link PoolwiseDataSource}
     */
    public static DataSourcePoolMetadataProvider provider() {
        return (DataSource candidate) -> {
            PoolwiseDataSource pool = DataSourceUnwrapper.unwrap(candidate, PoolwiseDataSource.class);
            return pool != null ? new PoolwiseDataSourcePoolMetadata(pool) : null;
        };
    }

    private PoolStats statsIfStarted() {
        return dataSource.isStarted() && !dataSource.isClosed() ? dataSource.stats() : null;
    }

    @Override
    public Float getUsage() {
        PoolStats stats = statsIfStarted();
        int max = getMax();
        return stats == null || max <= 0 ? Float.valueOf(0f) : Float.valueOf((float) stats.active() / max);
    }

    @Override
    public Integer getActive() {
        PoolStats stats = statsIfStarted();
        return stats == null ? 0 : stats.active();
    }

    @Override
    public Integer getIdle() {
        PoolStats stats = statsIfStarted();
        return stats == null ? 0 : stats.idle();
    }

    @Override
    public Integer getMax() {
        PoolStats stats = statsIfStarted();
        return stats == null ? dataSource.getMaximumPoolSize() : stats.maximumPoolSize();
    }

    @Override
    public Integer getMin() {
        PoolStats stats = statsIfStarted();
        return stats == null ? dataSource.getMinimumIdle() : stats.minimumIdle();
    }

    @Override
    public String getValidationQuery() {
        return dataSource.getConnectionTestQuery();
    }

    @Override
    public Boolean getDefaultAutoCommit() {
        return dataSource.isAutoCommit();
    }
}
