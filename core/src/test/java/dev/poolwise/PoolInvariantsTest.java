package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One or more tests per invariant of DESIGN.md ("The pool: invariants"), each failing when its invariant is
 * broken.
 */
class PoolInvariantsTest extends PoolTestSupport {

    // ---- 1. A physical connection is held by at most one borrower at a time.

    @Test
    void aPhysicalConnectionIsHeldByOneBorrowerAtATime() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(3).minimumIdle(0));
        Set<FakeConnection> held = ConcurrentHashMap.newKeySet();
        AtomicInteger sharedViolations = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            work.add(threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    try (Connection c = pool.getConnection()) {
                        FakeConnection raw = physical(c);
                        if (!held.add(raw)) {
                            sharedViolations.incrementAndGet();
                        }
                        try (Statement s = c.createStatement()) {
                            s.execute("select 1");
                        }
                        held.remove(raw);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(sharedViolations).hasValue(0);
        assertThat(db.concurrentUseViolations()).as(db.firstConcurrentUse()).isZero();
    }

    // ---- 2. Physical connections open or being opened never exceed maximumPoolSize.

    @Test
    void neverOpensMoreThanMaximumPoolSizeEvenWhenConnectsAreSlow() throws Exception {
        db.connectDelay(ms(30));
        PoolwiseDataSource pool = open(config().maximumPoolSize(3).minimumIdle(0).initializationFailTimeout(-1));
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            work.add(threads.submit(() -> {
                try (Connection c = pool.getConnection()) {
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(db.maxConcurrentOpen()).isLessThanOrEqualTo(3);
        assertThat(pool.stats().total()).isLessThanOrEqualTo(3);
    }

    @Test
    void aPoolResizedDownNeverHoldsMoreThanTheNewMaximumOnceConnectionsComeBack() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(4));
        await().until(() -> pool.stats().idle() == 4);
        Connection held = pool.getConnection();
        pool.resize(2, 2);
        await().until(() -> pool.stats().total() <= 2 + 1);
        held.close();
        await().until(() -> pool.stats().total() == 2);
        assertThat(db.openNow()).isEqualTo(2);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isEqualTo(2);
    }

    // ---- 3. Every physical connection opened is closed exactly once.

    @Test
    void everyPhysicalConnectionIsClosedExactlyOnceWhateverTheReason() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(3).maxLifetime(ms(200)).idleTimeout(Duration.ZERO));
        for (int i = 0; i < 20; i++) {
            try (Connection c = pool.getConnection()) {
                if (i % 5 == 0) {
                    pool.evict(c);
                }
                if (i % 7 == 0) {
                    db.failNextExecutes(1, "08006");
                    try (Statement s = c.createStatement()) {
                        s.execute("select 1");
                    } catch (SQLException expected) {
                        // the connection is now broken and will be closed on return
                    }
                }
            }
            Thread.sleep(15);
        }
        pool.softEvictAll();
        pool.close();
        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(pool.stats().totalClosed()).isEqualTo(db.opened());
    }

    // ---- 4. A handle is dead after close(); its statements and result sets close with it.

    @Test
    void aClosedHandleIsDeadAndClosesItsStatementsAndResultSets() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        Connection c = pool.getConnection();
        FakeConnection raw = physical(c);
        Statement statement = c.createStatement();
        PreparedStatement prepared = c.prepareStatement("select 1");
        ResultSet rows = prepared.executeQuery();
        c.close();

        assertThat(c.isClosed()).isTrue();
        assertThat(statement.isClosed()).isTrue();
        assertThat(prepared.isClosed()).isTrue();
        assertThat(rows.isClosed()).isTrue();
        assertThat(raw.openStatements()).isZero();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> c.prepareStatement("select 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> c.setAutoCommit(false)).isInstanceOf(SQLException.class);
        assertThatThrownBy(c::getMetaData).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> c.unwrap(FakeConnection.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> statement.execute("select 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(rows::next).isInstanceOf(SQLException.class);
        c.close(); // a second close is harmless

        // The next borrower gets the same physical connection, untouched by the stale handle.
        try (Connection next = pool.getConnection()) {
            assertThat(physical(next)).isSameAs(raw);
            assertThatThrownBy(() -> c.createStatement()).isInstanceOf(SQLException.class);
            assertThat(next.isClosed()).isFalse();
        }
    }

    @Test
    void handsOutWrappersNeverTheDriversObjectsButUnwrapReachesThem() throws Exception {
        PoolwiseDataSource pool = open(config());
        try (Connection c = pool.getConnection()) {
            assertThat(c).isNotInstanceOf(FakeConnection.class);
            assertThat(c.isWrapperFor(FakeConnection.class)).isTrue();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select 1")) {
                assertThat(s.getConnection()).isSameAs(c);
                assertThat(r.getStatement()).isSameAs(s);
                assertThat(s.getClass().getPackageName()).startsWith("dev.poolwise");
            }
            assertThat(c.getMetaData().getConnection()).isSameAs(c);
        }
    }

    // ---- 5. A connection goes back in the pool's default state; reset touches only what changed.

    @Test
    void rollsBackAndRestoresEverythingTheBorrowerChanged() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeQuery("select 1");
            }
            c.setCatalog("other");
            c.setSchema("elsewhere");
            c.setNetworkTimeout(Runnable::run, 1234);
            raw.addWarning(new SQLWarning("borrower's warning"));
            assertThat(raw.inTransaction()).isTrue();
        }
        assertThat(raw.rollbacks()).isEqualTo(1);
        assertThat(raw.inTransaction()).isFalse();
        assertThat(raw.getAutoCommit()).isTrue();
        assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(raw.isReadOnly()).isFalse();
        assertThat(raw.getCatalog()).isEqualTo("fake");
        assertThat(raw.getSchema()).isEqualTo("public");
        assertThat(raw.getNetworkTimeout()).isZero();
        assertThat((Object) raw.getWarnings()).isNull();
        assertThat(raw.openStatements()).isZero();

        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isSameAs(raw);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isReadOnly()).isFalse();
        }
    }

    @Test
    void resetTouchesOnlyWhatTheBorrowerChanged() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection raw;
        int autoCommitCalls;
        int isolationCalls;
        int readOnlyCalls;
        int catalogCalls;
        int schemaCalls;
        int timeoutCalls;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
            autoCommitCalls = raw.setAutoCommitCalls();
            isolationCalls = raw.setIsolationCalls();
            readOnlyCalls = raw.setReadOnlyCalls();
            catalogCalls = raw.setCatalogCalls();
            schemaCalls = raw.setSchemaCalls();
            timeoutCalls = raw.setNetworkTimeoutCalls();
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("select 1");
            }
        }
        // Only read-only was changed (set by the borrower, reset by the pool): two calls, nothing else.
        assertThat(raw.setReadOnlyCalls()).isEqualTo(readOnlyCalls + 2);
        assertThat(raw.setAutoCommitCalls()).isEqualTo(autoCommitCalls);
        assertThat(raw.setIsolationCalls()).isEqualTo(isolationCalls);
        assertThat(raw.setCatalogCalls()).isEqualTo(catalogCalls);
        assertThat(raw.setSchemaCalls()).isEqualTo(schemaCalls);
        assertThat(raw.setNetworkTimeoutCalls()).isEqualTo(timeoutCalls);
        assertThat(raw.rollbacks()).as("auto-commit was on: nothing to roll back").isZero();
    }

    @Test
    void committedWorkIsNotRolledBack() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into t values (1)");
            }
            c.commit();
        }
        assertThat(raw.commits()).isEqualTo(1);
        assertThat(raw.rollbacks()).isZero();
        assertThat(raw.getAutoCommit()).isTrue();
    }

    // ---- 6. getConnection returns a working connection or throws within connectionTimeout, with context.

    @Test
    void timesOutWithPoolNameCountsAndTheLastConnectFailureAsCause() {
        SQLException refused = new SQLException("Connection refused: fake server is down", "08001");
        db.failConnectsAlways(refused);
        PoolwiseDataSource pool = open(config().poolName("orders").initializationFailTimeout(-1)
                .connectionTimeout(ms(400)));
        long start = System.nanoTime();
        assertThatThrownBy(pool::getConnection)
                .isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("request timed out after")
                .hasMessageContaining("total=0, active=0, idle=0, waiting=")
                .hasMessageContaining("Connection refused")
                .hasCauseReference(refused);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).as("bounded by connectionTimeout plus slack").isBetween(350L, 3_000L);
        assertThat(pool.stats().acquireTimeouts()).isEqualTo(1);
        assertThat(pool.stats().connectFailures()).isPositive();
    }

    @Test
    void timesOutWhenEveryConnectionIsBorrowed() throws Exception {
        PoolwiseDataSource pool = open(config().poolName("busy").maximumPoolSize(1).connectionTimeout(ms(300)));
        try (Connection held = pool.getConnection()) {
            assertThatThrownBy(pool::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("busy")
                    .hasMessageContaining("total=1, active=1, idle=0");
            assertThat(held.isClosed()).isFalse();
        }
    }

    /**
     * A pool that is merely busy (the database is fine) must not say {@code 08001} ("could not connect"):
     * retry logic and error classifiers would take a healthy database for an unreachable one. As HikariCP
     * 7.1 and Agroal do, a busy-pool timeout has no SQLState; a timeout while connects fail carries the
     * last connect failure's state, and the failure itself as its cause.
     */
    @Test
    void aBusyPoolTimeoutDoesNotClaimAConnectFailure() throws Exception {
        PoolwiseDataSource pool = open(config().poolName("busy-state").maximumPoolSize(1).connectionTimeout(ms(300)));
        try (Connection held = pool.getConnection()) {
            SQLException timeout = catchThrowableOfType(SQLTransientConnectionException.class, pool::getConnection);
            assertThat(timeout.getSQLState()).as("no connect failed: not 08001").isNull();
            assertThat(timeout.getCause()).as("no connect failure to chain").isNull();
        }
    }

    @Test
    void aTimeoutWhileConnectsFailCarriesTheConnectFailuresState() {
        SQLException refused = new SQLException("Connection refused", "08001");
        db.failConnectsAlways(refused);
        PoolwiseDataSource pool = open(config().initializationFailTimeout(-1).connectionTimeout(ms(300)));
        SQLException timeout = catchThrowableOfType(SQLTransientConnectionException.class, pool::getConnection);
        assertThat(timeout.getSQLState()).isEqualTo("08001");
        assertThat(timeout.getCause()).isSameAs(refused);
    }

    @Test
    void aHangingConnectDoesNotHoldTheBorrowerPastConnectionTimeout() {
        db.connectDelay(Duration.ofSeconds(5));
        PoolwiseDataSource pool = open(config().initializationFailTimeout(-1).connectionTimeout(ms(300)).minimumIdle(0));
        long start = System.nanoTime();
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000L);
    }

    // ---- 7. A fatal SQL error marks the physical connection broken: closed, never reused.

    @Test
    void aFatalSqlStateClosesTheConnectionInsteadOfReusingIt() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection first;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            first = physical(c);
            db.failNextExecutes(1, "08006");
            assertThatThrownBy(() -> s.execute("select 1")).isInstanceOf(SQLException.class);
        }
        await().until(first::isClosed);
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isNotSameAs(first);
        }
        assertThat(pool.stats().closed(CloseReason.BROKEN)).isEqualTo(1);
    }

    @Test
    void anOrdinarySqlErrorKeepsTheConnection() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection first;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            first = physical(c);
            db.failNextExecutes(1, "23505");
            assertThatThrownBy(() -> s.execute("insert into t values (1)")).isInstanceOf(SQLException.class);
        }
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isSameAs(first);
        }
        assertThat(pool.stats().closed(CloseReason.BROKEN)).isZero();
    }

    @Test
    void theBrokenConnectionRuleIsPluggable() throws Exception {
        ConnectionErrorClassifier vendorRule = e -> "XX999".equals(e.getSQLState())
                || ConnectionErrorClassifier.standard().isFatal(e);
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionErrorClassifier(vendorRule));
        FakeConnection first;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            first = physical(c);
            db.failNextExecutes(1, "XX999");
            assertThatThrownBy(() -> s.execute("select 1")).isInstanceOf(SQLException.class);
        }
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isNotSameAs(first);
        }
    }

    // ---- 8. An interrupted waiter gets SQLException, keeps its interrupt status, costs no slot.

    @Test
    void anInterruptedWaiterGetsSqlExceptionKeepsItsInterruptAndCostsNoSlot() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionTimeout(Duration.ofSeconds(30)));
        Connection held = pool.getConnection();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            started.countDown();
            try (Connection c = pool.getConnection()) {
                thrown.set(new AssertionError("got a connection: " + c));
            } catch (Throwable e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        started.await();
        await().until(() -> pool.stats().waiting() == 1);
        waiter.interrupt();
        waiter.join(5_000);

        assertThat(thrown.get()).isInstanceOf(SQLException.class).hasMessageContaining("interrupted");
        assertThat(interruptKept.get()).isTrue();
        assertThat(pool.stats().waiting()).isZero();
        held.close();
        PoolStats stats = pool.stats();
        assertThat(stats.total()).isEqualTo(1);
        assertThat(stats.idle()).isEqualTo(1);
        try (Connection again = pool.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
        }
    }

    // ---- 9. Closing the DataSource: no new borrows; idle close now; borrowed close on return or abort.

    @Test
    void closeRefusesBorrowsClosesIdleNowAndBorrowedOnReturn() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(3).shutdownTimeout(Duration.ofSeconds(5)));
        await().until(() -> pool.stats().idle() == 3);
        Connection borrowed = pool.getConnection();
        FakeConnection raw = physical(borrowed);
        Thread closer = new Thread(pool::close);
        closer.start();
        await().until(() -> db.openNow() == 1);
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        assertThat(raw.isClosed()).isFalse();
        borrowed.close();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(raw.isClosed()).isTrue();
        assertThat(raw.aborted()).isFalse();
        assertThat(db.openNow()).isZero();
        assertThat(pool.stats().closed(CloseReason.SHUTDOWN)).isEqualTo(3);
    }

    @Test
    void closeAbortsConnectionsStillBorrowedAfterTheShutdownTimeout() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(2).shutdownTimeout(ms(200)));
        Connection leaked = pool.getConnection();
        FakeConnection raw = physical(leaked);
        pool.close();
        assertThat(raw.aborted()).isTrue();
        assertThat(db.openNow()).isZero();
        assertThat(pool.stats().closed(CloseReason.ABORTED)).isEqualTo(1);
        leaked.close(); // the late return must not close it a second time
        assertThat(raw.closeCount()).isEqualTo(1);
        assertThat(db.doubleCloses()).isZero();
    }
}
