package dev.poolwise.micrometer;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolHealth;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Publishes one pool's metrics to Micrometer registries: connection counts, limits and health as gauges, timeouts,
 * failures, leaks and closes by reason as counters (all read from {@link PoolwiseDataSource#stats()} at each
 * scrape), and the wait, use and create times as timers in seconds (fed by {@link PoolwiseMetrics#listener()}),
 * with a percentile histogram under OpenTelemetry's names and as HikariCP's plain timers under HikariCP's (see
 * {@link MetricNaming#publishesHistograms()}). The target size is a gauge in either sizing; an adaptive pool's
 * changes of target are a counter by direction and reason, fed by the listener too. See {@link MetricNaming} for
 * the names and {@code docs/monitoring.md} for the full list.
 *
 * <p>Meters leave the registry when the pool closes (through the listener's {@code onPoolClosed}) or when
 * {@link #close()} is called, whichever comes first. A binder made without the listener in the pool's
 * configuration publishes no timers and is not told when the pool closes: call {@link #close()} yourself.
 *
 * <p>Binding reads the pool's name and configuration; it never starts a pool configured through setters (the
 * data source's getters answer from the settings given so far).
 *
 * <p>Thread-safe. {@link #bindTo} may be called for several registries; binding the same registry twice does
 * nothing the second time.
 */
public final class PoolwiseMeterBinder implements MeterBinder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolwiseMeterBinder.class);

    /** Below this, wait and use times are too short to matter; histogram buckets start here. */
    private static final Duration SHORTEST_WAIT_OR_USE = Duration.ofNanos(10_000);
    /** Opening a physical connection takes at least a round trip; create-time buckets start here. */
    private static final Duration SHORTEST_CREATE = Duration.ofNanos(100_000);
    /** Holds beyond a minute land in the overflow bucket; the leak counter is the better signal there. */
    private static final Duration LONGEST_USE = Duration.ofMinutes(1);

    private final PoolwiseDataSource dataSource;
    private final String poolName;
    private final MetricNaming naming;
    /** The metrics whose listener feeds this binder's timers; {@code null} when the pool has none. */
    private final PoolwiseMetrics metrics;
    private final Duration connectionTimeout;
    /** Whether the pool moves its target ({@code sizing = adaptive}), so that counting its changes means something. */
    private final boolean adaptive;

    private final ReentrantLock bindLock = new ReentrantLock();
    /** One entry per registry; replaced whole under {@link #bindLock}, read without a lock by the listener. */
    private volatile Registration[] registrations = new Registration[0];
    /** Written under {@link #bindLock}. */
    private boolean closed;

    /**
     * A binder that uses the {@link PoolwiseMetrics} whose listener the pool was configured with, or, when it
     * has none, OpenTelemetry names without timers.
     *
     * @param dataSource the pool
     */
    public PoolwiseMeterBinder(PoolwiseDataSource dataSource) {
        this(dataSource, PoolwiseMetrics.configuredOn(Objects.requireNonNull(dataSource, "dataSource")), false);
    }

    /**
     * A binder under the given metrics' naming. Its timers are published only when {@code metrics.listener()}
     * is among the pool's listeners; otherwise a warning says how to add it and only gauges and counters are
     * published.
     *
     * @param dataSource the pool
     * @param metrics    the naming and the listener
     */
    public PoolwiseMeterBinder(PoolwiseDataSource dataSource, PoolwiseMetrics metrics) {
        this(dataSource, Objects.requireNonNull(metrics, "metrics"), true);
    }

    private PoolwiseMeterBinder(PoolwiseDataSource dataSource, PoolwiseMetrics metrics, boolean explicit) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.poolName = dataSource.getPoolName();
        this.naming = metrics != null ? metrics.naming() : MetricNaming.OPENTELEMETRY;
        this.connectionTimeout = dataSource.getConfig().getConnectionTimeout();
        this.adaptive = dataSource.getConfig().getSizing() == SizingMode.ADAPTIVE;
        if (metrics != null && metrics.listensTo(dataSource)) {
            this.metrics = metrics;
        } else {
            this.metrics = null;
            String advice = "pool " + poolName + " has no PoolwiseMetrics listener, so the wait, use and create"
                    + " timers are not published (gauges and counters are). Add PoolConfig.Builder.listener("
                    + "metrics.listener()) before the pool starts, and call close() on this binder when the pool"
                    + " closes";
            if (explicit) {
                LOG.warn("{}", advice);
            } else {
                LOG.info("{}", advice);
            }
        }
    }

    /** @return the name of the pool whose meters this binder publishes */
    public String poolName() {
        return poolName;
    }

    /** @return the names it publishes under */
    public MetricNaming naming() {
        return naming;
    }

    /** @return whether it publishes the wait, use and create timers (the pool has the metrics' listener) */
    public boolean publishesTimers() {
        return metrics != null;
    }

    /**
     * @return whether it publishes the counter of target-size changes: the pool is adaptive and has the metrics'
     *         listener, which is what feeds the counter (a static pool never changes its target)
     */
    public boolean publishesTargetChanges() {
        return metrics != null && adaptive;
    }

    /**
     * Registers the pool's meters. Does nothing when this registry is already bound, when the binder has been
     * closed, or when the pool is closed.
     *
     * @param registry where to publish
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        bindLock.lock();
        try {
            if (closed || dataSource.isClosed()) {
                LOG.debug("{} - not binding metrics: {} is closed", poolName, closed ? "the binder" : "the pool");
                return;
            }
            for (Registration existing : registrations) {
                if (existing.registry() == registry) {
                    return;
                }
            }
            Registration registration = register(registry);
            Registration[] grown = Arrays.copyOf(registrations, registrations.length + 1);
            grown[grown.length - 1] = registration;
            registrations = grown;
            if (metrics != null) {
                metrics.attach(this);
            }
        } finally {
            bindLock.unlock();
        }
    }

    /**
     * Removes this pool's meters from every registry it was bound to, and stops feeding its timers. Called by
     * the metrics' listener when the pool closes; call it yourself to stop publishing earlier, or when the pool
     * has no metrics listener. Calling it again does nothing; {@link #bindTo} afterwards registers nothing.
     */
    @Override
    public void close() {
        bindLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (metrics != null) {
                metrics.detach(this);
            }
            for (Registration registration : registrations) {
                for (Meter meter : registration.meters()) {
                    registration.registry().remove(meter);
                }
            }
            registrations = new Registration[0];
        } finally {
            bindLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PoolwiseMeterBinder[" + poolName + ", " + naming + ", " + registrations.length + " registries"
                + (publishesTimers() ? "" : ", no timers") + "]";
    }

    boolean servesPool(String eventPoolName) {
        return poolName.equals(eventPoolName);
    }

    void recordCreateTime(long nanos) {
        for (Registration registration : registrations) {
            registration.createTime().record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void recordWaitTime(long nanos) {
        for (Registration registration : registrations) {
            registration.waitTime().record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void recordUseTime(long nanos) {
        for (Registration registration : registrations) {
            registration.useTime().record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Counts one change of target under its direction (which way it actually moved) and reason. Runs on the
     * pool's housekeeper thread, a few times a minute at most, never on the borrow path.
     */
    void recordTargetChange(TargetSizeChange change) {
        String direction = direction(change.previousTarget(), change.target());
        if (direction == null || !publishesTargetChanges()) {
            // Not a change (the pool reports only moves, so this is a listener driven by hand), or a pool whose
            // changes are not published: a static pool has no counter of them.
            return;
        }
        for (Registration registration : registrations) {
            Counter counter = registration.targetChanges().get(targetChangeKey(direction, change.reason()));
            if (counter == null) {
                // A move against its reason's declared direction (TargetSizeChange.Reason.direction): the series was
                // not made in advance, but the change still counts.
                counter = registerTargetChange(registration, direction, change.reason());
            }
            if (counter != null) {
                counter.increment();
            }
        }
    }

    /** @return {@code up}, {@code down}, or {@code null} when the target did not move */
    private static String direction(int previousTarget, int target) {
        if (target > previousTarget) {
            return "up";
        }
        return target < previousTarget ? "down" : null;
    }

    /** Registers one counter series after binding; under the lock so that it cannot outlive {@link #close()}. */
    private Counter registerTargetChange(Registration registration, String direction, TargetSizeChange.Reason reason) {
        bindLock.lock();
        try {
            if (closed) {
                return null;
            }
            return registration.targetChanges().computeIfAbsent(targetChangeKey(direction, reason), key -> {
                Counter counter = targetChangeCounter(registration.registry(),
                        Tags.of(naming.poolTagKey(), poolName), direction, reason);
                registration.meters().add(counter);
                return counter;
            });
        } finally {
            bindLock.unlock();
        }
    }

    private Registration register(MeterRegistry registry) {
        Tags poolTags = Tags.of(naming.poolTagKey(), poolName);
        List<Meter> meters = new ArrayList<>();
        Map<String, Counter> targetChanges = new ConcurrentHashMap<>();
        Timer createTime = null;
        Timer waitTime = null;
        Timer useTime = null;
        for (PoolMetric metric : PoolMetric.values()) {
            if (!naming.publishes(metric)) {
                continue;
            }
            Tags tags = poolTags.and(naming.tags(metric));
            switch (metric.kind()) {
                case GAUGE -> {
                    if (metric == PoolMetric.HEALTH) {
                        // One series per status, as Prometheus expects of a state: exactly one of them is 1.
                        for (PoolHealth.Status status : PoolHealth.Status.values()) {
                            meters.add(gauge(registry, metric,
                                    tags.and(MetricNaming.STATUS_TAG_KEY, status.name().toLowerCase(Locale.ROOT)),
                                    ds -> ds.health().status() == status ? 1 : 0));
                        }
                    } else {
                        ToDoubleFunction<PoolStats> reading = gaugeReading(metric);
                        meters.add(gauge(registry, metric, tags, ds -> reading.applyAsDouble(ds.stats())));
                    }
                }
                case COUNTER -> {
                    if (metric == PoolMetric.CLOSED) {
                        for (CloseReason reason : CloseReason.values()) {
                            meters.add(counter(registry, metric,
                                    tags.and(MetricNaming.REASON_TAG_KEY, reason.name().toLowerCase(Locale.ROOT)),
                                    stats -> stats.closed(reason)));
                        }
                    } else if (metric == PoolMetric.TARGET_CHANGES) {
                        if (publishesTargetChanges()) {
                            registerTargetChanges(registry, tags, targetChanges, meters);
                        }
                    } else {
                        meters.add(counter(registry, metric, tags, counterReading(metric)));
                    }
                }
                case TIMER -> {
                    if (metrics == null) {
                        continue;
                    }
                    Timer timer = timer(registry, metric, tags);
                    meters.add(timer);
                    switch (metric) {
                        case CREATE_TIME -> createTime = timer;
                        case WAIT_TIME -> waitTime = timer;
                        case USE_TIME -> useTime = timer;
                        default -> throw new IllegalStateException("unexpected timer " + metric);
                    }
                }
            }
        }
        return new Registration(registry, meters, createTime, waitTime, useTime, targetChanges);
    }

    /**
     * One series for each direction each moving reason can take, registered now so that each starts at 0: a
     * Prometheus {@code increase()} over a series that appears at 1 misses that first change.
     */
    private void registerTargetChanges(MeterRegistry registry, Tags tags, Map<String, Counter> counters,
                                       List<Meter> meters) {
        for (TargetSizeChange.Reason reason : TargetSizeChange.Reason.values()) {
            List<String> directions = switch (reason.direction()) {
                case UP -> List.of("up");
                case DOWN -> List.of("down");
                case EITHER -> List.of("up", "down");
                case NONE -> List.of();
            };
            for (String direction : directions) {
                Counter counter = targetChangeCounter(registry, tags, direction, reason);
                counters.put(targetChangeKey(direction, reason), counter);
                meters.add(counter);
            }
        }
    }

    private Counter targetChangeCounter(MeterRegistry registry, Tags tags, String direction,
                                        TargetSizeChange.Reason reason) {
        return Counter.builder(naming.name(PoolMetric.TARGET_CHANGES))
                .description(naming.description(PoolMetric.TARGET_CHANGES))
                .tags(tags)
                .tag(MetricNaming.DIRECTION_TAG_KEY, direction)
                .tag(MetricNaming.REASON_TAG_KEY, reason.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private static String targetChangeKey(String direction, TargetSizeChange.Reason reason) {
        return direction + "/" + reason.name();
    }

    private Gauge gauge(MeterRegistry registry, PoolMetric metric, Tags tags,
                        ToDoubleFunction<PoolwiseDataSource> value) {
        // Strong reference: the registry keeps the data source reachable until the meters are removed, so a
        // gauge never turns into NaN while it is published.
        return Gauge.builder(naming.name(metric), dataSource, value)
                .description(naming.description(metric))
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private FunctionCounter counter(MeterRegistry registry, PoolMetric metric, Tags tags,
                                    ToDoubleFunction<PoolStats> reading) {
        // Counted by the pool since it started, so nothing is lost before binding; the gauges above hold the
        // data source strongly, so this weak reference stays valid while the meters are registered.
        return FunctionCounter.builder(naming.name(metric), dataSource, ds -> reading.applyAsDouble(ds.stats()))
                .description(naming.description(metric))
                .tags(tags)
                .register(registry);
    }

    private Timer timer(MeterRegistry registry, PoolMetric metric, Tags tags) {
        if (!naming.publishesHistograms()) {
            // Exactly what HikariCP's tracker registers (no histogram, no expected range), so that a MeterFilter
            // applied to both pools gives both the same buckets and one family never mixes types.
            return Timer.builder(naming.name(metric))
                    .description(naming.description(metric))
                    .tags(tags)
                    .register(registry);
        }
        Duration shortest = metric == PoolMetric.CREATE_TIME ? SHORTEST_CREATE : SHORTEST_WAIT_OR_USE;
        Duration longest = metric == PoolMetric.USE_TIME
                ? LONGEST_USE
                : max(connectionTimeout, Duration.ofSeconds(1));
        return Timer.builder(naming.name(metric))
                .description(naming.description(metric))
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(shortest)
                .maximumExpectedValue(longest)
                .register(registry);
    }

    private static ToDoubleFunction<PoolStats> gaugeReading(PoolMetric metric) {
        return switch (metric) {
            case CONNECTIONS_IDLE -> PoolStats::idle;
            case CONNECTIONS_USED -> PoolStats::active;
            case CONNECTIONS_TOTAL -> PoolStats::total;
            case MAXIMUM, MAXIMUM_IDLE -> PoolStats::maximumPoolSize;
            case MINIMUM_IDLE -> PoolStats::minimumIdle;
            case PENDING_REQUESTS -> PoolStats::waiting;
            case TARGET_SIZE -> PoolStats::targetSize;
            case RESERVED -> PoolStats::reserved;
            default -> throw new IllegalArgumentException(metric + " is not a gauge");
        };
    }

    private static ToDoubleFunction<PoolStats> counterReading(PoolMetric metric) {
        return switch (metric) {
            case TIMEOUTS -> PoolStats::acquireTimeouts;
            case CREATE_FAILURES -> PoolStats::connectFailures;
            case SUSPECTED_LEAKS -> PoolStats::suspectedLeaks;
            case VALIDATION_FAILURES -> PoolStats::validationFailures;
            default -> throw new IllegalArgumentException(metric + " is not a single counter");
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The meters registered in one registry, and the timers and counters the listener feeds there. {@code meters}
     * is written only under {@link #bindLock}; {@code targetChanges} is read by the listener without it.
     */
    private record Registration(MeterRegistry registry, List<Meter> meters, Timer createTime, Timer waitTime,
                                Timer useTime, Map<String, Counter> targetChanges) {
    }
}
