package dev.poolwise.spring;

import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.micrometer.MetricNaming;
import dev.poolwise.micrometer.PoolwiseMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Binds the Poolwise meters of every {@link PoolwiseDataSource} bean to the application's {@link MeterRegistry}
 * as soon as the bean is initialised, before anything can borrow from it: the pool has not started then, so
 * the create timer sees its first connections too (binding after startup, as a {@code MeterBinder} bean would
 * be, misses them).
 *
 * <p>A pool that has already started (one the application made with a configuration) gets its gauges and
 * counters, and no timers, since its listeners are fixed.
 */
public final class PoolwiseMeterBinding implements BeanPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(PoolwiseMeterBinding.class);

    private final ObjectProvider<MeterRegistry> registry;
    private final MeterNaming naming;

    /**
     * @param registry the application's registry (resolved when the first pool is initialised)
     * @param naming   the names to publish under
     */
    public PoolwiseMeterBinding(ObjectProvider<MeterRegistry> registry, MeterNaming naming) {
        this.registry = registry;
        this.naming = naming;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PoolwiseDataSource dataSource && !dataSource.isClosed()) {
            MeterRegistry target = registry.getIfUnique();
            if (target == null) {
                LOG.debug("No single MeterRegistry; the Poolwise meters of {} are not bound", beanName);
                return bean;
            }
            PoolwiseMetrics metrics = PoolwiseMetrics.named(naming == MeterNaming.HIKARICP
                    ? MetricNaming.HIKARICP : MetricNaming.OPENTELEMETRY);
            if (!dataSource.isStarted()) {
                dataSource.addListener(metrics.listener());
            }
            metrics.binderFor(dataSource).bindTo(target);
        }
        return bean;
    }

    /** After Boot's own post-processors (configuration properties binding among them). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
