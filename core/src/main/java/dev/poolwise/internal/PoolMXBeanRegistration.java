package dev.poolwise.internal;

import dev.poolwise.LeakReport;
import dev.poolwise.PoolwiseMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a pool's {@link PoolwiseMXBean} with the platform MBean server and unregisters it on close. A
 * name already taken (two pools with one name) is logged, not fatal: the pool works without JMX.
 */
final class PoolMXBeanRegistration implements PoolwiseMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(PoolMXBeanRegistration.class);

    private final Pool pool;
    private final ObjectName name;

    private PoolMXBeanRegistration(Pool pool, ObjectName name) {
        this.pool = pool;
        this.name = name;
    }

    static PoolMXBeanRegistration register(Pool pool) {
        try {
            ObjectName name = objectName(pool.name);
            PoolMXBeanRegistration bean = new PoolMXBeanRegistration(pool, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException | RuntimeException e) {
            LOG.warn("{} - cannot register the pool's MXBean: {}", pool.name, e.toString());
            return null;
        }
    }

    /**
     * @param poolName a pool's name
     * @return {@code dev.poolwise:type=Pool,name=<poolName>}, quoting the name when it needs it
     */
    static ObjectName objectName(String poolName) throws JMException {
        String value = poolName.matches("[A-Za-z0-9._\\-]+") ? poolName : ObjectName.quote(poolName);
        return new ObjectName("dev.poolwise:type=Pool,name=" + value);
    }

    void unregister() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.debug("{} - cannot unregister the pool's MXBean: {}", pool.name, e.toString());
        }
    }

    @Override
    public String getPoolName() {
        return pool.name;
    }

    @Override
    public int getTotalConnections() {
        return pool.total();
    }

    @Override
    public int getActiveConnections() {
        return pool.stats().active();
    }

    @Override
    public int getIdleConnections() {
        return pool.idleCount();
    }

    @Override
    public int getReservedConnections() {
        return pool.reserve.count();
    }

    @Override
    public int getThreadsAwaitingConnection() {
        return pool.waiters();
    }

    @Override
    public int getMaximumPoolSize() {
        return pool.maximumPoolSize();
    }

    @Override
    public int getMinimumIdle() {
        return pool.minimumIdle();
    }

    @Override
    public int getTargetSize() {
        return pool.targetSize();
    }

    @Override
    public String getSizing() {
        return pool.config().getSizing().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public long getConnectionsCreated() {
        return pool.stats().connectionsCreated();
    }

    @Override
    public long getConnectionsClosed() {
        return pool.stats().totalClosed();
    }

    @Override
    public long getConnectFailures() {
        return pool.stats().connectFailures();
    }

    @Override
    public long getConnectionTimeouts() {
        return pool.stats().acquireTimeouts();
    }

    @Override
    public long getValidationFailures() {
        return pool.stats().validationFailures();
    }

    @Override
    public long getSuspectedLeaks() {
        return pool.stats().suspectedLeaks();
    }

    @Override
    public String[] getSuspectedLeakReports() {
        List<LeakReport> reports = pool.suspectedLeakReports();
        return reports.stream().map(LeakReport::toString).toArray(String[]::new);
    }

    @Override
    public long getConnectionTimeoutMillis() {
        return pool.config.getConnectionTimeout().toMillis();
    }

    @Override
    public long getIdleTimeoutMillis() {
        return pool.config.getIdleTimeout().toMillis();
    }

    @Override
    public long getMaxLifetimeMillis() {
        return pool.config.getMaxLifetime().toMillis();
    }

    @Override
    public long getKeepaliveTimeMillis() {
        return pool.config.getKeepaliveTime().toMillis();
    }

    @Override
    public long getLeakDetectionThresholdMillis() {
        return pool.config.getLeakDetectionThreshold().toMillis();
    }

    @Override
    public String getJdbcUrl() {
        String url = pool.config.getMaskedJdbcUrl();
        if (url != null) {
            return url;
        }
        return pool.config.getDataSourceClassName() != null ? pool.config.getDataSourceClassName()
                : pool.config.getDataSource().getClass().getName();
    }

    @Override
    public String getMode() {
        return pool.config.getMode().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String getHealth() {
        return pool.health().toString();
    }

    @Override
    public boolean isSuspended() {
        return pool.isSuspended();
    }

    @Override
    public void evictIdle() {
        pool.evictIdle();
    }

    @Override
    public void softEvictAll() {
        pool.softEvictAll();
    }

    @Override
    public void suspend() {
        pool.suspend();
    }

    @Override
    public void resume() {
        pool.resume();
    }

    @Override
    public void resize(int maximumPoolSize, int minimumIdle) {
        pool.resize(maximumPoolSize, minimumIdle);
    }
}
