package dev.poolwise.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.TargetSizeChange.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The target-size and reserve gauges (both sizings, both namings) and the adaptive pool's counter of target
 * changes, in a real registry. Most changes are driven through the metrics' listener with {@link TargetSizeChange}
 * events as the pool's housekeeper sends them, so each count is known exactly; one test lets a running adaptive
 * pool send them.
 */
class TargetSizeMetricsTest {

    private static final String OTEL_POOL_TAG = "db.client.connection.pool.name";
    private static final String CHANGES = "db.client.connection.target_changes";

    private final FakeDataSource database = new FakeDataSource();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PoolwiseDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(PoolwiseDataSource::close);
    }

    private PoolwiseDataSource pool(String name, PoolwiseMetrics metrics, UnaryOperator<PoolConfig.Builder> settings) {
        PoolConfig.Builder builder = PoolConfig.builder()
                .dataSource(database)
                .poolName(name)
                .maximumPoolSize(4)
                .minimumIdle(0)
                .connectionTimeout(Duration.ofMillis(250));
        if (metrics != null) {
            builder.listener(metrics.listener());
        }
        PoolwiseDataSource pool = new PoolwiseDataSource(settings.apply(builder).build());
        pools.add(pool);
        return pool;
    }

    private static TargetSizeChange change(String pool, int from, int to, Reason reason) {
        return new TargetSizeChange(pool, from, to, 1, 8, reason, 120.0, Duration.ofMillis(4), Duration.ofMillis(3),
                0.4, 2.5, 3, Duration.ofMillis(7));
    }

    private double changes(String pool, String direction, String reason) {
        return registry.get(CHANGES).tag(OTEL_POOL_TAG, pool).tag("direction", direction).tag("reason", reason)
                .counter().count();
    }

    @Test
    void aStaticPoolsTargetIsItsMaximumAndFollowsResizeUnderEitherNaming() {
        for (MetricNaming naming : MetricNaming.values()) {
            PoolwiseMetrics metrics = PoolwiseMetrics.named(naming);
            String name = "static-" + naming;
            PoolwiseDataSource pool = pool(name, metrics, b -> b);
            metrics.binderFor(pool).bindTo(registry);
            String gauge = naming.name(PoolMetric.TARGET_SIZE);

            assertThat(registry.get(gauge).tag(naming.poolTagKey(), name).gauge().value())
                    .isEqualTo(pool.stats().targetSize()).isEqualTo(4);
            pool.resize(6, 0);
            assertThat(registry.get(gauge).tag(naming.poolTagKey(), name).gauge().value())
                    .isEqualTo(pool.stats().targetSize()).isEqualTo(6);
        }
        assertThat(registry.get("db.client.connection.target").meters()).hasSize(1);
        assertThat(registry.get("hikaricp.connections.target").meters()).hasSize(1);
    }

    @Test
    void theReservedGaugeReadsTheStatsReserveNotTheIdleOrOpenConnectionsUnderEitherNaming() throws Exception {
        for (MetricNaming naming : MetricNaming.values()) {
            PoolwiseMetrics metrics = PoolwiseMetrics.named(naming);
            String name = "reserve-" + naming;
            // Four idle connections open: a gauge wired to idle, total, the maximum or the target would read 4.
            PoolwiseDataSource pool = pool(name, metrics, b -> b.minimumIdle(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().idle() == 4);
            metrics.binderFor(pool).bindTo(registry);

            assertThat(naming.name(PoolMetric.RESERVED)).isEqualTo(naming.prefix() + "reserved");
            assertThat(naming.definedByConvention(PoolMetric.RESERVED)).isFalse();
            assertThat(registry.get(naming.name(PoolMetric.RESERVED)).tag(naming.poolTagKey(), name).gauge().value())
                    .isEqualTo(pool.stats().reserved()).isZero();
        }
    }

    @Test
    void aStaticPoolHasNoCounterOfChanges() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseMeterBinder binder = metrics.binderFor(pool("fixed", metrics, b -> b));
        binder.bindTo(registry);

        metrics.listener().onTargetSizeChanged(change("fixed", 4, 5, Reason.GROW_QUEUEING));

        assertThat(binder.publishesTargetChanges()).isFalse();
        assertThat(registry.find(CHANGES).meters()).isEmpty();
    }

    @Test
    void anAdaptivePoolsGaugeReadsItsStats() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("adaptive-gauge", metrics, b -> b.sizing(SizingMode.ADAPTIVE).minimumIdle(1)
                // A window far longer than the test: the controller takes no decision while the values are read.
                .sizingWindow(Duration.ofHours(1)));
        metrics.binderFor(pool).bindTo(registry);

        int before = pool.stats().targetSize();
        double published = registry.get("db.client.connection.target").tag(OTEL_POOL_TAG, "adaptive-gauge")
                .gauge().value();
        assertThat(published).isEqualTo(before).isEqualTo(pool.stats().targetSize());
        assertThat(published).isBetween(1.0, 4.0);
    }

    @Test
    void anAdaptivePoolHasOneSeriesAtZeroPerReasonAndDirectionBeforeAnyChange() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseMeterBinder binder = metrics.binderFor(pool("elastic", metrics, b -> b.sizing(SizingMode.ADAPTIVE)));
        binder.bindTo(registry);

        assertThat(binder.publishesTargetChanges()).isTrue();
        List<Counter> series = new ArrayList<>(registry.get(CHANGES).tag(OTEL_POOL_TAG, "elastic").counters());
        assertThat(series).allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(series).extracting(counter -> counter.getId().getTag("direction") + " "
                        + counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder("up grow_queueing", "up grow_queueing_unmeasured", "up probe_end",
                        "up rebase_restore", "down shrink_saturated", "down shrink_idle", "down shrink_probe",
                        "up bounds", "down bounds", "down shrink_no_gain", "up grow_throughput", "up grow_probe",
                        "down shrink_explore");
    }

    @Test
    void eachChangeCountsOnceUnderTheWayItMovedAndItsReason() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        metrics.binderFor(pool("elastic", metrics, b -> b.sizing(SizingMode.ADAPTIVE))).bindTo(registry);
        metrics.binderFor(pool("neighbour", metrics, b -> b.sizing(SizingMode.ADAPTIVE))).bindTo(registry);

        metrics.listener().onTargetSizeChanged(change("elastic", 2, 3, Reason.GROW_QUEUEING));
        metrics.listener().onTargetSizeChanged(change("elastic", 3, 4, Reason.GROW_QUEUEING));
        metrics.listener().onTargetSizeChanged(change("elastic", 4, 3, Reason.SHRINK_IDLE));
        metrics.listener().onTargetSizeChanged(change("elastic", 3, 2, Reason.BOUNDS));
        metrics.listener().onTargetSizeChanged(change("elastic", 2, 4, Reason.BOUNDS));
        metrics.listener().onTargetSizeChanged(change("neighbour", 4, 3, Reason.SHRINK_SATURATED));
        // Not a move: nothing to count.
        metrics.listener().onTargetSizeChanged(change("elastic", 4, 4, Reason.BOUNDS));

        assertThat(changes("elastic", "up", "grow_queueing")).isEqualTo(2);
        assertThat(changes("elastic", "down", "shrink_idle")).isEqualTo(1);
        assertThat(changes("elastic", "down", "bounds")).isEqualTo(1);
        assertThat(changes("elastic", "up", "bounds")).isEqualTo(1);
        assertThat(changes("elastic", "down", "shrink_saturated")).as("another pool's change").isZero();
        assertThat(changes("neighbour", "down", "shrink_saturated")).isEqualTo(1);
        double total = registry.get(CHANGES).tag(OTEL_POOL_TAG, "elastic").counters().stream()
                .mapToDouble(Counter::count).sum();
        assertThat(total).isEqualTo(5);
    }

    @Test
    void aMoveAgainstItsReasonsDirectionStillCountsAndLeavesWithTheBinder() {
        PoolwiseMetrics metrics = PoolwiseMetrics.hikari();
        PoolwiseMeterBinder binder = metrics.binderFor(pool("odd", metrics, b -> b.sizing(SizingMode.ADAPTIVE)));
        binder.bindTo(registry);

        metrics.listener().onTargetSizeChanged(change("odd", 4, 3, Reason.GROW_QUEUEING));

        assertThat(registry.get("hikaricp.connections.target_changes").tag("pool", "odd").tag("direction", "down")
                .tag("reason", "grow_queueing").counter().count()).isEqualTo(1);
        binder.close();
        assertThat(Search.in(registry).name(name -> name.startsWith("hikaricp.")).meters()).isEmpty();
    }

    @Test
    void aRunningAdaptivePoolsChangesReachTheGaugeAndTheCounter() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        List<TargetSizeChange> seen = new CopyOnWriteArrayList<>();
        PoolwiseDataSource pool = pool("live", metrics, b -> b.sizing(SizingMode.ADAPTIVE).maximumPoolSize(8)
                .minimumIdle(1).sizingWindow(Duration.ofMillis(100))
                .listener(new PoolListener() {
                    @Override
                    public void onTargetSizeChanged(TargetSizeChange change) {
                        seen.add(change);
                    }
                }));
        metrics.binderFor(pool).bindTo(registry);
        assertThat(pool.stats().targetSize()).as("an adaptive pool starts at its floor").isEqualTo(1);

        // Raising the floor moves the target inside the new bounds at the controller's next window.
        pool.resize(8, 3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(registry.get("db.client.connection.target").tag(OTEL_POOL_TAG, "live").gauge().value())
                    .isEqualTo(3);
            assertThat(changes("live", "up", "bounds")).isEqualTo(1);
        });
        // Whatever else the controller decided meanwhile, the counter holds exactly the events the pool sent.
        Map<String, Long> sent = seen.stream().collect(Collectors.groupingBy(change ->
                (change.target() > change.previousTarget() ? "up" : "down") + " "
                        + change.reason().name().toLowerCase(Locale.ROOT), Collectors.counting()));
        Map<String, Long> counted = registry.get(CHANGES).tag(OTEL_POOL_TAG, "live").counters().stream()
                .filter(counter -> counter.count() > 0)
                .collect(Collectors.toMap(counter -> counter.getId().getTag("direction") + " "
                        + counter.getId().getTag("reason"), counter -> (long) counter.count()));
        assertThat(counted).isEqualTo(sent).containsEntry("up bounds", 1L);
    }

    @Test
    void withoutTheListenerAnAdaptivePoolGetsTheGaugeButNoCounter() {
        PoolwiseDataSource pool = pool("unheard", null, b -> b.sizing(SizingMode.ADAPTIVE));
        PoolwiseMeterBinder binder = new PoolwiseMeterBinder(pool, PoolwiseMetrics.otel());
        binder.bindTo(registry);

        assertThat(binder.publishesTargetChanges()).isFalse();
        assertThat(registry.find(CHANGES).meters()).isEmpty();
        assertThat(registry.get("db.client.connection.target").tag(OTEL_POOL_TAG, "unheard").gauge()).isNotNull();
        binder.close();
    }
}
