package dev.poolwise.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolHealth;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.SizingMode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

class PoolwiseMeterBinderTest {

    private static final String OTEL_POOL_TAG = "db.client.connection.pool.name";

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
                .minimumIdle(2)
                .connectionTimeout(Duration.ofMillis(250));
        if (metrics != null) {
            builder.listener(metrics.listener());
        }
        PoolwiseDataSource pool = new PoolwiseDataSource(settings.apply(builder).build());
        pools.add(pool);
        return pool;
    }

    private Timer timer(String name, String pool) {
        return registry.get(name).tag(OTEL_POOL_TAG, pool).timer();
    }

    private double counter(String name, String pool) {
        return registry.get(name).tag(OTEL_POOL_TAG, pool).functionCounter().count();
    }

    private double gauge(String name, String pool) {
        return registry.get(name).tag(OTEL_POOL_TAG, pool).gauge().value();
    }

    @Test
    void borrowAndReturnMoveTheWaitAndUseTimers() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("orders", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);

        for (int i = 0; i < 3; i++) {
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }

        Timer wait = timer("db.client.connection.wait_time", "orders");
        Timer use = timer("db.client.connection.use_time", "orders");
        assertThat(wait.count()).isEqualTo(3);
        assertThat(use.count()).isEqualTo(3);
        assertThat(use.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void timersKeepSubMillisecondPrecisionAndOnlyTakeTheirOwnPoolsEvents() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("precise", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);

        metrics.listener().onAcquired("precise", 1_234);
        metrics.listener().onReturned("precise", 56_789);
        metrics.listener().onConnectionCreated("precise", 99, 345_678);
        metrics.listener().onAcquired("some-other-pool", 1_000_000);

        assertThat(timer("db.client.connection.wait_time", "precise").totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(1_234);
        assertThat(timer("db.client.connection.use_time", "precise").totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(56_789);
        assertThat(timer("db.client.connection.create_time", "precise").max(TimeUnit.NANOSECONDS))
                .isEqualTo(345_678);
        assertThat(timer("db.client.connection.wait_time", "precise").baseTimeUnit())
                .isEqualTo(TimeUnit.SECONDS);
    }

    @Test
    void aTimedOutBorrowCountsATimeout() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("tight", metrics, b -> b.maximumPoolSize(1).minimumIdle(1));
        metrics.binderFor(pool).bindTo(registry);

        try (Connection held = pool.getConnection()) {
            assertThat(held.isClosed()).isFalse();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        }

        assertThat(counter("db.client.connection.timeouts", "tight")).isEqualTo(1);
        assertThat(timer("db.client.connection.wait_time", "tight").count()).isEqualTo(1);
    }

    @Test
    void closedConnectionsAreCountedByReason() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("evicting", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);
        pool.getConnection().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.stats().idle() == 2);

        pool.evictIdle();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("db.client.connection.closed").tag(OTEL_POOL_TAG, "evicting").tag("reason", "evicted")
                        .functionCounter().count()).isEqualTo(2));
        assertThat(registry.get("db.client.connection.closed").tag("reason", "lifetime").functionCounter().count())
                .isZero();
        assertThat(registry.get("db.client.connection.closed").functionCounters())
                .as("one series per close reason, zero until it happens").hasSize(10);
    }

    @Test
    void aConnectionHeldPastTheLeakThresholdCountsASuspectedLeak() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("leaky", metrics, b -> b.leakDetectionThreshold(Duration.ofMillis(100)));
        metrics.binderFor(pool).bindTo(registry);

        try (Connection forgotten = pool.getConnection()) {
            assertThat(forgotten.isClosed()).isFalse();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(counter("db.client.connection.suspected_leaks", "leaky")).isEqualTo(1));
        }
    }

    @Test
    void aConnectionFailingValidationCountsAValidationFailure() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("validating", metrics, b -> b.validationBypassWindow(Duration.ZERO));
        metrics.binderFor(pool).bindTo(registry);
        pool.getConnection().close();

        database.failValidation.set(true);
        int openedBefore = database.opened.get();
        // The idle connection fails validation and is closed; the borrower gets one opened while it waited,
        // which counts as fresh (the bypass window is judged from the start of the borrow).
        try (Connection replacement = pool.getConnection()) {
            assertThat(replacement).isNotNull();
        }
        assertThat(database.opened.get()).as("a connection opened to replace the one that failed").isGreaterThan(openedBefore);

        assertThat(counter("db.client.connection.validation_failures", "validating")).isPositive();
        // The failed connection is closed on the housekeeper thread, so its close is counted a moment later.
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(registry.get("db.client.connection.closed")
                .tag("reason", "validation_failed").functionCounter().count()).isPositive());
    }

    @Test
    void gaugesMatchTheStats() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("gauged", metrics, b -> b.maximumPoolSize(5).minimumIdle(0));
        metrics.binderFor(pool).bindTo(registry);

        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            assertThat(first).isNotSameAs(second);
            // minimumIdle 0: no background fill, so the counts hold still while they are compared.
            PoolStats stats = pool.stats();
            assertThat(registry.get("db.client.connection.count").tag("db.client.connection.state", "used")
                    .gauge().value()).isEqualTo(stats.active()).isEqualTo(2);
            assertThat(registry.get("db.client.connection.count").tag("db.client.connection.state", "idle")
                    .gauge().value()).isEqualTo(stats.idle());
            assertThat(gauge("db.client.connection.max", "gauged")).isEqualTo(5);
            assertThat(gauge("db.client.connection.idle.max", "gauged")).isEqualTo(5);
            assertThat(gauge("db.client.connection.idle.min", "gauged")).isZero();
            // A borrower served by a hand-off is taken off the waiting count by the thread that handed the
            // connection over, just after the hand-off, so the count may lag the borrow by a moment.
            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(gauge("db.client.connection.pending_requests", "gauged")).isZero());
        }
        pool.resize(7, 1);
        assertThat(gauge("db.client.connection.max", "gauged")).isEqualTo(7);
        assertThat(gauge("db.client.connection.idle.min", "gauged")).isEqualTo(1);
    }

    @Test
    void hikariNamingPublishesHikariCpsNamesTaggedPool() throws SQLException {
        PoolwiseMetrics metrics = PoolwiseMetrics.hikari();
        PoolwiseDataSource pool = pool("legacy", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isClosed()).isFalse();
            assertThat(registry.get("hikaricp.connections.active").tag("pool", "legacy").gauge().value())
                    .isEqualTo(1);
        }

        assertThat(registry.get("hikaricp.connections").tag("pool", "legacy").gauge().value())
                .isEqualTo(pool.stats().total());
        assertThat(registry.get("hikaricp.connections.acquire").tag("pool", "legacy").timer().count()).isEqualTo(1);
        assertThat(registry.get("hikaricp.connections.usage").tag("pool", "legacy").timer().count()).isEqualTo(1);
        assertThat(meterNames()).contains("hikaricp.connections.idle", "hikaricp.connections.pending",
                "hikaricp.connections.max", "hikaricp.connections.min", "hikaricp.connections.timeout",
                "hikaricp.connections.creation", "hikaricp.connections.suspected_leaks",
                "hikaricp.connections.validation_failures", "hikaricp.connections.closed",
                "hikaricp.connections.create_failures");
        assertThat(meterNames()).noneMatch(name -> name.startsWith("db.client"));
    }

    @Test
    void healthGaugeTurnsDownWhenThePoolCannotConnect() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("unreachable", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);
        assertThat(health("unreachable", "up")).isEqualTo(1);
        assertThat(health("unreachable", "degraded")).isZero();
        assertThat(health("unreachable", "down")).isZero();

        // The start-up fill to minimumIdle (2) runs in the background. Were a connect of it still under way when
        // connects start failing, it could finish after the eviction and leave a working idle connection, and
        // the pool would rightly stay UP.
        await().atMost(10, TimeUnit.SECONDS).until(() -> pool.stats().idle() == 2);
        database.failConnects.set(true);
        pool.evictIdle();

        // The pool refills to minimumIdle in the background; the failed attempts make it DOWN.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(health("unreachable", "down")).isEqualTo(1);
            assertThat(health("unreachable", "up")).isZero();
        });
        assertThat(pool.health().status()).isEqualTo(PoolHealth.Status.DOWN);
    }

    private double health(String pool, String status) {
        return registry.get("db.client.connection.health").tag(OTEL_POOL_TAG, pool).tag("status", status)
                .gauge().value();
    }

    @Test
    void everyPublishedMetricIsRegisteredUnderItsName() {
        for (MetricNaming naming : MetricNaming.values()) {
            SimpleMeterRegistry own = new SimpleMeterRegistry();
            PoolwiseMetrics metrics = PoolwiseMetrics.named(naming);
            // Adaptive, so that the counter of target changes (an adaptive pool's only) is registered too.
            PoolwiseDataSource pool = pool("all-" + naming, metrics, b -> b.sizing(SizingMode.ADAPTIVE));
            metrics.binderFor(pool).bindTo(own);
            for (PoolMetric metric : PoolMetric.values()) {
                if (naming.publishes(metric)) {
                    assertThat(own.find(naming.name(metric)).tag(naming.poolTagKey(), "all-" + naming).meters())
                            .as("%s in %s", metric, naming).isNotEmpty();
                }
            }
        }
    }

    @Test
    void closingThePoolRemovesItsMeters() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("short-lived", metrics, b -> b);
        PoolwiseDataSource neighbour = pool("neighbour", metrics, b -> b);
        metrics.binderFor(pool).bindTo(registry);
        metrics.binderFor(neighbour).bindTo(registry);
        assertThat(metersOf("short-lived")).isNotEmpty();

        pool.close();

        assertThat(metersOf("short-lived")).isEmpty();
        assertThat(metersOf("neighbour")).as("another pool's meters stay").isNotEmpty();
    }

    @Test
    void closingTheBinderRemovesItsMetersFromEveryRegistry() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("unbound", metrics, b -> b);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        PoolwiseMeterBinder binder = metrics.binderFor(pool);
        binder.bindTo(registry);
        binder.bindTo(second);
        binder.bindTo(second);
        assertThat(second.getMeters()).hasSameSizeAs(registry.getMeters());

        binder.close();
        binder.bindTo(registry);

        assertThat(registry.getMeters()).isEmpty();
        assertThat(second.getMeters()).isEmpty();
    }

    @Test
    void aPoolWithoutTheListenerGetsGaugesAndCountersButNoTimers() throws SQLException {
        PoolwiseDataSource pool = pool("plain", null, b -> b);
        PoolwiseMeterBinder binder = new PoolwiseMeterBinder(pool, PoolwiseMetrics.otel());
        binder.bindTo(registry);
        pool.getConnection().close();

        assertThat(binder.publishesTimers()).isFalse();
        assertThat(registry.find("db.client.connection.wait_time").timer()).isNull();
        assertThat(gauge("db.client.connection.max", "plain")).isEqualTo(4);
        assertThat(registry.get("db.client.connection.timeouts").meter()).isInstanceOf(FunctionCounter.class);
        binder.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void theOneArgumentBinderFindsTheMetricsThePoolWasConfiguredWith() {
        PoolwiseMetrics metrics = PoolwiseMetrics.hikari();
        PoolwiseDataSource pool = pool("found", metrics, b -> b);

        PoolwiseMeterBinder binder = new PoolwiseMeterBinder(pool);

        assertThat(binder.naming()).isEqualTo(MetricNaming.HIKARICP);
        assertThat(binder.publishesTimers()).isTrue();
        assertThat(new PoolwiseMeterBinder(pool("bare", null, b -> b)).naming())
                .isEqualTo(MetricNaming.OPENTELEMETRY);
    }

    @Test
    void bindingAClosedPoolRegistersNothing() {
        PoolwiseMetrics metrics = PoolwiseMetrics.otel();
        PoolwiseDataSource pool = pool("gone", metrics, b -> b);
        PoolwiseMeterBinder binder = metrics.binderFor(pool);
        pool.close();

        binder.bindTo(registry);

        assertThat(registry.getMeters()).isEmpty();
    }

    private List<String> meterNames() {
        return registry.getMeters().stream().map(meter -> meter.getId().getName()).distinct().toList();
    }

    private List<Meter> metersOf(String pool) {
        return registry.getMeters().stream().filter(meter -> pool.equals(meter.getId().getTag(OTEL_POOL_TAG)))
                .toList();
    }
}
