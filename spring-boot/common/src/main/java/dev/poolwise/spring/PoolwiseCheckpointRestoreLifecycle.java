package dev.poolwise.spring;

import dev.poolwise.PoolwiseDataSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

/**
 * Lets a JVM be checkpointed (CRaC) with a Poolwise pool in it, as Boot's {@code HikariCheckpointRestoreLifecycle}
 * does for HikariCP: before the checkpoint ({@link #stop()}) the pool is suspended, so that no borrow opens a
 * new connection, and every connection is evicted and closed (open sockets would fail the checkpoint); after the
 * restore ({@link #start()}) the pool is resumed and refills.
 *
 * <p>Suspension needs {@code spring.datasource.poolwise.allow-pool-suspension=true}; without it the
 * connections are still evicted, with a warning that borrows may open new ones during the checkpoint.
 *
 * <p>A pool that has not started is left alone: there is nothing to close, and stopping must not start it.
 */
public final class PoolwiseCheckpointRestoreLifecycle implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PoolwiseCheckpointRestoreLifecycle.class);
    /** How often {@link #stop()} looks whether the evicted connections have closed. */
    private static final long POLL_MILLIS = 50;

    private final PoolwiseDataSource dataSource;
    private final ConfigurableApplicationContext context;
    /** Written and read by the lifecycle processor's thread only. */
    private boolean suspendedByUs;
    private boolean stopped;

    /**
     * @param dataSource the application's data source; anything but a Poolwise pool is ignored
     * @param context    the application context (to stay quiet while it closes)
     */
    public PoolwiseCheckpointRestoreLifecycle(DataSource dataSource, ConfigurableApplicationContext context) {
        this.dataSource = DataSourceUnwrapper.unwrap(dataSource, PoolwiseDataSource.class);
        this.context = context;
    }

    @Override
    public void start() {
        if (dataSource == null || !stopped) {
            return;
        }
        if (dataSource.isClosed()) {
            throw new IllegalStateException("The Poolwise pool has been closed and cannot be restarted");
        }
        if (suspendedByUs) {
            LOG.info("Resuming Poolwise pool {}", dataSource.getPoolName());
            dataSource.resume();
            suspendedByUs = false;
        }
        stopped = false;
    }

    @Override
    public void stop() {
        if (!isRunning()) {
            return;
        }
        stopped = true;
        if (!dataSource.isStarted()) {
            return;
        }
        if (dataSource.isAllowPoolSuspension()) {
            LOG.info("Suspending Poolwise pool {}", dataSource.getPoolName());
            dataSource.suspend();
            suspendedByUs = true;
        } else if (context != null && context.isActive()) {
            LOG.warn("Poolwise pool {} does not allow suspension, so borrows may open connections during the "
                    + "checkpoint; set spring.datasource.poolwise.allow-pool-suspension=true", dataSource.getPoolName());
        }
        LOG.info("Evicting the connections of Poolwise pool {}", dataSource.getPoolName());
        dataSource.softEvictAll();
        Duration patience = Duration.ofMillis(dataSource.getConnectionTimeout() + 250);
        if (!awaitNoConnections(patience)) {
            LOG.warn("Poolwise pool {} still has {} connections open after {} ms", dataSource.getPoolName(),
                    dataSource.stats().total(), patience.toMillis());
        }
    }

    private boolean awaitNoConnections(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (dataSource.stats().total() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            // A connect that was under way when the pool was suspended still lands in the pool afterwards;
            // evicting again (idempotent) retires it too, and borrowed connections as they come back.
            dataSource.softEvictAll();
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** @return whether the pool serves: not stopped for a checkpoint and not closed */
    @Override
    public boolean isRunning() {
        return dataSource != null && !stopped && !dataSource.isClosed();
    }
}
