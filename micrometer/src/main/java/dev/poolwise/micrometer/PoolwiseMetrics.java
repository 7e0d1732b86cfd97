package dev.poolwise.micrometer;

import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.TargetSizeChange;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Micrometer metrics for Poolwise pools: a naming, and the {@link PoolListener} that feeds the wait, use and
 * create timers (and an adaptive pool's counter of target-size changes). Gauges and counters need no listener
 * (they read {@link PoolwiseDataSource#stats()} at each scrape); timers do, and a pool's listeners are fixed when
 * it starts, so the listener goes into the configuration first and the meters are bound once the pool runs:
 *
 * <pre>{@code
 * PoolwiseMetrics metrics = PoolwiseMetrics.otel();          // or PoolwiseMetrics.hikari()
 * PoolwiseDataSource dataSource = new PoolwiseDataSource(PoolConfig.builder()
 *         .jdbcUrl(url).poolName("orders")
 *         .listener(metrics.listener())
 *         .build());
 * PoolwiseMeterBinder binder = metrics.binderFor(dataSource);
 * binder.bindTo(registry);
 * ...
 * dataSource.close();                                         // the pool's meters leave the registry
 * }</pre>
 *
 * <p>One instance may serve several pools: the listener routes each event to the binder of the pool it came
 * from. Durations are recorded in nanoseconds, so sub-millisecond waits keep their precision. Events that
 * happen before {@link PoolwiseMeterBinder#bindTo} (typically the creation of the first connections) are not
 * recorded by the timers; the counters and gauges count everything since the pool started.
 *
 * <p>Thread-safe.
 */
public final class PoolwiseMetrics {

    private final MetricNaming naming;
    private final MetricsListener listener = new MetricsListener();
    private final ReentrantLock bindersLock = new ReentrantLock();
    /** Bound binders; replaced whole under {@link #bindersLock}, read without a lock by the listener. */
    private volatile PoolwiseMeterBinder[] binders = new PoolwiseMeterBinder[0];

    private PoolwiseMetrics(MetricNaming naming) {
        this.naming = Objects.requireNonNull(naming, "naming");
    }

    /**
     * @return metrics under OpenTelemetry's names ({@code db.client.connection.*}); the default choice
     */
    public static PoolwiseMetrics otel() {
        return new PoolwiseMetrics(MetricNaming.OPENTELEMETRY);
    }

    /**
     * @return metrics under HikariCP's names ({@code hikaricp.connections.*}), for dashboards and alerts written
     *         for HikariCP
     */
    public static PoolwiseMetrics hikari() {
        return new PoolwiseMetrics(MetricNaming.HIKARICP);
    }

    /**
     * @param naming the names to publish under
     * @return metrics under that naming
     */
    public static PoolwiseMetrics named(MetricNaming naming) {
        return new PoolwiseMetrics(naming);
    }

    /** @return the names these metrics publish under */
    public MetricNaming naming() {
        return naming;
    }

    /**
     * The listener to add to each pool's configuration ({@code PoolConfig.Builder.listener(...)}, or
     * {@code PoolwiseDataSource.addListener(...)} before the first {@code getConnection}). Always the same
     * instance. It records the timers and removes a pool's meters when the pool closes; it takes no lock and
     * allocates nothing on the borrow and return path.
     *
     * @return the listener
     */
    public PoolListener listener() {
        return listener;
    }

    /**
     * A binder for one pool. Add {@link #listener()} to the pool's configuration first, or its timers stay
     * unpublished.
     *
     * @param dataSource the pool
     * @return a binder to {@link PoolwiseMeterBinder#bindTo bind} to a registry
     */
    public PoolwiseMeterBinder binderFor(PoolwiseDataSource dataSource) {
        return new PoolwiseMeterBinder(dataSource, this);
    }

    /** @return whether {@link #listener()} is among the pool's listeners, so events reach the timers */
    boolean listensTo(PoolwiseDataSource dataSource) {
        return dataSource.getConfig().getListeners().contains(listener);
    }

    /**
     * @param dataSource a pool
     * @return the metrics whose listener the pool was configured with, or {@code null} when none was
     */
    static PoolwiseMetrics configuredOn(PoolwiseDataSource dataSource) {
        for (PoolListener candidate : dataSource.getConfig().getListeners()) {
            if (candidate instanceof MetricsListener found) {
                return found.owner();
            }
        }
        return null;
    }

    void attach(PoolwiseMeterBinder binder) {
        bindersLock.lock();
        try {
            PoolwiseMeterBinder[] current = binders;
            for (PoolwiseMeterBinder existing : current) {
                if (existing == binder) {
                    return;
                }
            }
            PoolwiseMeterBinder[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = binder;
            binders = grown;
        } finally {
            bindersLock.unlock();
        }
    }

    void detach(PoolwiseMeterBinder binder) {
        bindersLock.lock();
        try {
            binders = Arrays.stream(binders).filter(b -> b != binder).toArray(PoolwiseMeterBinder[]::new);
        } finally {
            bindersLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PoolwiseMetrics[" + naming + ", " + binders.length + " bound]";
    }

    /**
     * Feeds the timers of the binders bound for the event's pool. Runs on borrower, opener and housekeeper
     * threads; reads the volatile {@link #binders} array once per event and never blocks.
     */
    private final class MetricsListener implements PoolListener {

        PoolwiseMetrics owner() {
            return PoolwiseMetrics.this;
        }

        @Override
        public void onConnectionCreated(String poolName, long connectionId, long createNanos) {
            for (PoolwiseMeterBinder binder : binders) {
                if (binder.servesPool(poolName)) {
                    binder.recordCreateTime(createNanos);
                }
            }
        }

        @Override
        public void onAcquired(String poolName, long waitNanos) {
            for (PoolwiseMeterBinder binder : binders) {
                if (binder.servesPool(poolName)) {
                    binder.recordWaitTime(waitNanos);
                }
            }
        }

        @Override
        public void onReturned(String poolName, long holdNanos) {
            for (PoolwiseMeterBinder binder : binders) {
                if (binder.servesPool(poolName)) {
                    binder.recordUseTime(holdNanos);
                }
            }
        }

        @Override
        public void onTargetSizeChanged(TargetSizeChange change) {
            for (PoolwiseMeterBinder binder : binders) {
                if (binder.servesPool(change.poolName())) {
                    binder.recordTargetChange(change);
                }
            }
        }

        @Override
        public void onPoolClosed(String poolName) {
            for (PoolwiseMeterBinder binder : binders) {
                if (binder.servesPool(poolName)) {
                    binder.close();
                }
            }
        }

        @Override
        public String toString() {
            return "PoolwiseMetrics.listener[" + naming + "]";
        }
    }
}
