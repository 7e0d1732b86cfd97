package dev.poolwise.benchmarks.pools;

import javax.sql.DataSource;

/**
 * A pool that is running: the {@link DataSource} a benchmark borrows from, and how to shut the pool down when the
 * trial ends.
 *
 * @param dataSource the pool's data source
 * @param shutdown closes the pool and every physical connection it holds
 */
public record StartedPool(DataSource dataSource, AutoCloseable shutdown) {

    /**
     * Shuts the pool down.
     *
     * @throws Exception whatever the pool throws while closing
     */
    public void stop() throws Exception {
        shutdown.close();
    }
}
