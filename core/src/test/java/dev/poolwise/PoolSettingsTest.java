package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One or more tests per setting and behaviour of the pool, on the fake driver.
 */
class PoolSettingsTest extends PoolTestSupport {

    @Test
    void fillsToMinimumIdleInTheBackground() {
        PoolwiseDataSource pool = open(config().maximumPoolSize(5).minimumIdle(2));
        await().until(() -> pool.stats().idle() == 2);
        assertThat(pool.stats().total()).isEqualTo(2);
        assertThat(db.openNow()).isEqualTo(2);
    }

    @Test
    void idleTimeoutClosesIdleConnectionsAboveMinimumIdleOnly() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(4).minimumIdle(1).idleTimeout(ms(200)));
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.getConnection());
        }
        for (Connection c : held) {
            c.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().total() == 1);
        assertThat(pool.stats().closed(CloseReason.IDLE)).isEqualTo(3);
        assertThat(pool.stats().idle()).isEqualTo(1);
    }

    // maxLifetime: see dev.poolwise.internal.PoolClockTest, which moves a manual clock past the lifetime
    // instead of sleeping through it.

    @Test
    void keepaliveFindsADeadIdleConnectionBeforeABorrowerDoes() {
        PoolwiseDataSource pool = open(config().maximumPoolSize(2).minimumIdle(2).keepaliveTime(ms(200)));
        await().until(() -> pool.stats().idle() == 2);
        FakeConnection first = db.connections().get(0);
        first.breakIt();
        await().atMost(Duration.ofSeconds(10)).until(first::isClosed);
        assertThat(pool.stats().closed(CloseReason.VALIDATION_FAILED)).isEqualTo(1);
        assertThat(pool.stats().validationFailures()).isEqualTo(1);
        await().until(() -> pool.stats().idle() == 2);
    }

    @Test
    void validatesOnBorrowOnlyOutsideTheBypassWindow() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).validationBypassWindow(Duration.ofMinutes(5)));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
        }
        int checks = raw.isValidCalls();
        for (int i = 0; i < 5; i++) {
            pool.getConnection().close();
        }
        assertThat(raw.isValidCalls()).as("used moments ago: not validated again").isEqualTo(checks);
    }

    @Test
    void replacesADeadIdleConnectionTransparentlyOnBorrow() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).validationBypassWindow(Duration.ZERO));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
        }
        raw.breakIt();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThat(physical(c)).isNotSameAs(raw);
            s.execute("select 1");
        }
        assertThat(pool.stats().closed(CloseReason.VALIDATION_FAILED)).isEqualTo(1);
    }

    @Test
    void aBadConnectionTestQueryIsReportedWithTheSqlErrorAndTheKey() {
        db.failNextExecutes(1, "42601"); // the first validation's query: a syntax error
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> open(config()
                .connectionTestQuery("selec 1")));
        assertThat(failure).isInstanceOf(PoolInitializationException.class)
                .hasMessageContaining("connectionTestQuery = 'selec 1'")
                .hasMessageContaining("injected execute failure")
                .hasMessageContaining("42601")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void connectionTestQueryReplacesIsValid() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).validationBypassWindow(Duration.ZERO)
                .connectionTestQuery("select 42"));
        pool.getConnection().close();
        pool.getConnection().close();
        assertThat(db.executedSql()).contains("select 42");
    }

    @Test
    void connectionInitSqlRunsOnEveryNewConnectionAndItsFailureIsAConnectFailure() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(2).minimumIdle(2)
                .connectionInitSql("set application_name = 'poolwise'"));
        await().until(() -> pool.stats().total() == 2);
        assertThat(db.executedSql().stream().filter(sql -> sql.startsWith("set application_name"))).hasSize(2);

        db.failNextExecutes(1, "42601");
        pool.softEvictAll();
        await().until(() -> pool.stats().connectFailures() >= 1 && pool.stats().idle() == 2);
        assertThat(db.openNow()).isEqualTo(2);
    }

    @Test
    void initializationFailTimeoutDefaultFailsFastWhenTheDatabaseIsDown() {
        SQLException refused = new SQLException("refused", "08001");
        db.failConnectsAlways(refused);
        assertThatThrownBy(() -> open(config()))
                .isInstanceOf(PoolInitializationException.class)
                .hasMessageContaining("cannot open a first connection")
                .hasCauseReference(refused);
        assertThat(db.openNow()).isZero();
    }

    @Test
    void negativeInitializationFailTimeoutStartsWithoutTryingAndServesOnceTheDatabaseIsUp() throws Exception {
        db.failConnectsAlways(new SQLException("refused", "08001"));
        PoolwiseDataSource pool = open(config().initializationFailTimeout(-1).minimumIdle(0));
        assertThat(db.connectAttempts()).isZero();
        db.stopFailingConnects();
        try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void positiveInitializationFailTimeoutRetriesUntilTheFirstConnectionOpens() {
        db.failNextConnects(3, new SQLException("starting up", "57P03"));
        PoolwiseDataSource pool = open(config().initializationFailTimeout(5_000));
        assertThat(pool.stats().connectFailures()).isEqualTo(3);
        assertThat(pool.stats().connectionsCreated()).isPositive();
    }

    @Test
    void retriesConnectsWithBackoffInsideConnectionTimeout() throws Exception {
        PoolwiseDataSource pool = open(config().initializationFailTimeout(-1).minimumIdle(0)
                .connectionTimeout(Duration.ofSeconds(5)));
        db.failNextConnects(4, new SQLException("waking up from scale to zero", "08001"));
        try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(pool.stats().connectFailures()).isEqualTo(4);
    }

    @Test
    void credentialsProviderIsAskedForEachNewPhysicalConnection() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        db.setCredentialsChecker((user, password) -> "app".equals(user) && password != null
                && password.startsWith("token-"));
        PoolwiseDataSource pool = open(config().maximumPoolSize(3).minimumIdle(0)
                .username("ignored").password("ignored")
                .credentialsProvider(() -> new Credentials("app", "token-" + issued.incrementAndGet())));
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.getConnection());
        }
        for (Connection c : held) {
            c.close();
        }
        assertThat(issued.get()).isEqualTo(db.connectAttempts()).isGreaterThanOrEqualTo(3);
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.user()).isEqualTo("app"));
    }

    @Test
    void unpooledModeOpensPerBorrowClosesPerReturnAndStaysWithinMaximum() throws Exception {
        PoolwiseDataSource pool = open(config().mode(PoolMode.UNPOOLED).maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(10)));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            work.add(threads.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                        s.execute("select 1");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        await().until(() -> db.openNow() == 0);
        assertThat(db.maxConcurrentOpen()).isLessThanOrEqualTo(2);
        // Each of the 60 borrows closed its connection on return; a connection opened for a waiter that was
        // served by another one meanwhile is closed as idle within a second.
        PoolStats stats = pool.stats();
        assertThat(stats.closed(CloseReason.UNPOOLED)).isGreaterThanOrEqualTo(60);
        assertThat(stats.closed(CloseReason.UNPOOLED) + stats.closed(CloseReason.IDLE)).isEqualTo(db.opened());
    }

    @Test
    void resizeGrowsAndShrinksWhileRunning() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(2));
        await().until(() -> pool.stats().idle() == 2);
        pool.resize(5, 5);
        await().until(() -> pool.stats().idle() == 5);
        assertThat(pool.stats().maximumPoolSize()).isEqualTo(5);
        pool.resize(1, 0);
        await().until(() -> pool.stats().total() == 1);
        assertThat(db.openNow()).isEqualTo(1);
        assertThatThrownBy(() -> pool.resize(0, 0)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("maximumPoolSize = 0");
    }

    @Test
    void suspendHoldsBorrowsUntilResume() throws Exception {
        PoolwiseDataSource pool = open(config().allowPoolSuspension(true).connectionTimeout(Duration.ofSeconds(30)));
        pool.suspend();
        java.util.concurrent.CompletableFuture<Connection> borrower = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                borrower.complete(pool.getConnection());
            } catch (SQLException e) {
                borrower.completeExceptionally(e);
            }
        }, "suspended-borrower");
        thread.start();
        // Parked in the suspended borrow (not merely not started yet): only resume() can let it through.
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
        assertThat(borrower).as("held while suspended").isNotDone();
        assertThat(pool.stats().active()).isZero();
        pool.resume();
        try (Connection c = borrower.get(10, TimeUnit.SECONDS)) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void suspendNeedsAllowPoolSuspension() {
        PoolwiseDataSource pool = open(config());
        assertThatThrownBy(pool::suspend).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowPoolSuspension");
    }

    @Test
    void leakReportTellsWhoHoldsItForHowLongAndWhetherATransactionIsOpen() throws Exception {
        List<LeakReport> reports = new CopyOnWriteArrayList<>();
        AtomicInteger returned = new AtomicInteger();
        PoolwiseDataSource pool = open(config().leakDetectionThreshold(ms(150)).listener(new PoolListener() {
            @Override
            public void onSuspectedLeak(LeakReport report) {
                reports.add(report);
            }

            @Override
            public void onLeakReturned(String poolName, long connectionId, long heldNanos) {
                returned.incrementAndGet();
            }
        }));
        Connection leaked = pool.getConnection();
        leaked.setAutoCommit(false);
        try (Statement s = leaked.createStatement()) {
            s.execute("update t set x = 1");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
        LeakReport report = reports.get(0);
        assertThat(report.threadName()).isEqualTo(Thread.currentThread().getName());
        assertThat(report.heldFor()).isGreaterThanOrEqualTo(ms(150));
        assertThat(report.transactionOpen()).isTrue();
        assertThat(report.sinceLastStatement()).isNotNull();
        assertThat(report.borrowStack()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).isEqualTo("leakReportTellsWhoHoldsItForHowLongAndWhetherATransactionIsOpen"));
        assertThat(report.toString()).contains("transaction open: yes").contains("Borrowed at:");
        assertThat(pool.suspectedLeaks()).hasSize(1);
        assertThat(pool.stats().suspectedLeaks()).isEqualTo(1);
        // Reported once per borrow however often the scan runs: PoolClockTest checks it with a manual clock.

        leaked.close();
        assertThat(returned.get()).isEqualTo(1);
        assertThat(pool.suspectedLeaks()).isEmpty();
    }

    @Test
    void leakHintTellsLongWorkFromALeak() {
        LeakReport busy = new LeakReport("p", 1, "worker", new StackTraceElement[0], Duration.ofSeconds(60), true,
                Duration.ofMillis(20));
        LeakReport leak = new LeakReport("p", 1, "worker", new StackTraceElement[0], Duration.ofSeconds(60), false,
                Duration.ofSeconds(59));
        LeakReport untouched = new LeakReport("p", 1, "worker", new StackTraceElement[0], Duration.ofSeconds(60), false,
                null);
        assertThat(busy.hint()).contains("long work");
        assertThat(leak.hint()).contains("leak");
        assertThat(untouched.hint()).contains("leak");
    }

    @Test
    void listenersHearEveryKindOfEvent() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        PoolListener recorder = new PoolListener() {
            @Override
            public void onConnectionCreated(String poolName, long connectionId, long createNanos) {
                events.add("created");
            }

            @Override
            public void onConnectionClosed(String poolName, long connectionId, CloseReason reason) {
                events.add("closed:" + reason);
            }

            @Override
            public void onAcquired(String poolName, long waitNanos) {
                events.add("acquired");
            }

            @Override
            public void onReturned(String poolName, long holdNanos) {
                events.add("returned");
            }

            @Override
            public void onAcquireTimeout(String poolName, long waitNanos) {
                events.add("timeout");
            }

            @Override
            public void onValidationFailed(String poolName, long connectionId) {
                events.add("validation-failed");
            }

            @Override
            public void onPoolClosed(String poolName) {
                events.add("pool-closed");
            }
        };
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionTimeout(ms(250))
                .validationBypassWindow(Duration.ZERO).listener(recorder));
        Connection c = pool.getConnection();
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        physical(c).breakIt();
        c.close();
        pool.getConnection().close();
        pool.close();
        assertThat(events).contains("created", "acquired", "returned", "timeout", "validation-failed",
                "closed:VALIDATION_FAILED", "closed:SHUTDOWN", "pool-closed");
        assertThat(events.get(events.size() - 1)).isEqualTo("pool-closed");
    }

    @Test
    void aThrowingListenerNeverBreaksThePool() throws Exception {
        PoolwiseDataSource pool = open(config().listener(new PoolListener() {
            @Override
            public void onAcquired(String poolName, long waitNanos) {
                throw new IllegalStateException("listener bug");
            }
        }));
        try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void dataSourceClassNameIsConfiguredFromDataSourceProperties() throws Exception {
        PoolwiseDataSource pool = open(PoolConfig.builder().poolName("ds-class")
                .dataSourceClassName("dev.poolwise.fake.FakeDataSource")
                .dataSourceProperty("databaseName", db.name())
                .maximumPoolSize(1).keepaliveTime(Duration.ZERO));
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c).database()).isSameAs(db);
        }
    }

    @Test
    void aHikariStyleDataSourceStartsOnFirstUseAndRefusesSettersAfterwards() throws Exception {
        PoolwiseDataSource pool = new PoolwiseDataSource();
        try {
            pool.setJdbcUrl(db.url());
            pool.setMaximumPoolSize(2);
            pool.setConnectionTimeout(2_000);
            pool.setPoolName("hikari-style");
            pool.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
            try (Connection c = pool.getConnection()) {
                assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            }
            assertThat(pool.stats().maximumPoolSize()).isEqualTo(2);
            assertThatThrownBy(() -> pool.setMaximumPoolSize(3)).isInstanceOf(IllegalStateException.class);
        } finally {
            pool.close();
        }
    }

    @Test
    void registersAnMXBeanWithCountsAndOperationsAndUnregistersOnClose() throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("dev.poolwise:type=Pool,name=jmx-test");
        PoolwiseDataSource pool = open(config().poolName("jmx-test").maximumPoolSize(3).registerMbeans(true));
        await().until(() -> pool.stats().idle() == 3);
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "TotalConnections")).isEqualTo(3);
        assertThat(server.getAttribute(name, "MaximumPoolSize")).isEqualTo(3);
        assertThat(server.getAttribute(name, "Health")).isEqualTo("UP");
        server.invoke(name, "resize", new Object[] {2, 2}, new String[] {"int", "int"});
        await().until(() -> pool.stats().total() == 2);
        server.invoke(name, "evictIdle", new Object[0], new String[0]);
        await().until(() -> pool.stats().closed(CloseReason.EVICTED) == 2 && pool.stats().idle() == 2);
        pool.close();
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void softEvictAllReplacesEveryConnection() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(2));
        await().until(() -> pool.stats().idle() == 2);
        Connection held = pool.getConnection();
        FakeConnection raw = physical(held);
        pool.softEvictAll();
        await().until(() -> pool.stats().closed(CloseReason.EVICTED) == 1);
        assertThat(raw.isClosed()).isFalse();
        held.close();
        await().until(raw::isClosed);
        assertThat(pool.stats().closed(CloseReason.EVICTED)).isEqualTo(2);
    }

    @Test
    void statsToStringReadsLikeHikariCounts() throws Exception {
        PoolwiseDataSource pool = open(config().poolName("orders").maximumPoolSize(2));
        await().until(() -> pool.stats().idle() == 2);
        try (Connection c = pool.getConnection()) {
            assertThat(pool.stats().toString()).startsWith("orders (total=2, active=1, idle=1, waiting=0");
        }
    }
}
