package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.TimingTestBuilders;
import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many connections the opener opens for a pool with {@code minimumIdle} 0, where only borrowers ask for
 * them. A CI run of {@link BorrowAtOnceTest} found two idle connections (fake ids 2 and 3) after one borrow and
 * return; id 1 was not a retired one but the start-up check's, which a pool with {@code minimumIdle} 0 closes at
 * once. The second was opened for the same borrower: stalled between its scan of the shared list (from which it
 * counts as waiting) and joining the queue for longer than {@code ConnectionBag.add} waits to hand a new
 * connection over (10 ms), it left the new connection idle, and the fill, seeing the borrower still waiting,
 * opened another (one per such wait, up to {@code maximumPoolSize}).
 *
 * <p>The stall is made exact here by calling the bag's two halves of a borrow, {@code tryBorrow} and
 * {@code awaitHandOff}, with the test's checks in between. The opener and the housekeeper are each one thread
 * running tasks in order, so a no-op task submitted to one runs after everything it was given before: that is
 * how each test waits for the fill (or a close) it caused to finish, without sleeping.
 */
class StalledBorrowerFillTest {

    private final FakeDatabase db = FakeDatabase.create();
    private Pool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        db.drop();
    }

    /**
     * BorrowAtOnceTest's pool, with a lifetime long enough that no retirement runs during a test. The start-up
     * check opens fake connection 1 and closes it on the housekeeper (nothing keeps it: {@code minimumIdle} 0);
     * waiting for that close first means nothing but the test's own borrows asks the opener for anything.
     */
    private void openPool() throws Exception {
        pool = new Pool(TimingTestBuilders.builder()
                .jdbcUrl(db.url())
                .poolName("stalled-borrower")
                .maximumPoolSize(3)
                .minimumIdle(0)
                .maxLifetime(Duration.ofMinutes(30))
                .idleTimeout(Duration.ZERO)
                .keepaliveTime(Duration.ZERO)
                .connectionTimeout(Duration.ofSeconds(5))
                .registerMbeans(false)
                .build());
        awaitHousekeeper();
        assertThat(pool.stats().closed(CloseReason.IDLE)).as("the start-up check's connection is closed").isEqualTo(1);
    }

    /** Returns once the opener has run everything it was asked to before this call (a fill run to its end). */
    private void awaitOpener() throws Exception {
        pool.openerExecutor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /** Returns once the housekeeper has run everything it was given before this call (driver closes included). */
    private void awaitHousekeeper() throws Exception {
        pool.housekeeper.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBorrowerStalledOnItsWayToTheQueueGetsOneConnectionNotOnePerHandOffWait() throws Exception {
        openPool();

        assertThat(pool.bag.tryBorrow()).as("nothing idle: the borrower counts as waiting and asks for one").isNull();
        // Stalled here, before joining the queue: the fill opens a connection, waits 10 ms for a queued borrower
        // to hand it to, finds none and leaves it idle; the borrower still counts as waiting.
        awaitOpener();
        List<PooledConnection> opened = pool.connections();
        assertThat(opened).as("one borrower waits: one connection, not one per 10 ms the borrower stalled")
                .hasSize(1);
        assertThat(db.opened()).as("the start-up check's connection and this one").isEqualTo(2);

        PooledConnection got = pool.bag.awaitHandOff(TimeUnit.SECONDS.toNanos(5));
        assertThat(got).as("the borrower, arriving, finds the connection opened for it").isSameAs(opened.get(0));
        pool.bag.requite(got);
        awaitOpener();
        assertThat(pool.connections()).as("minimumIdle 0: only the connection borrowed").hasSize(1);
        assertThat(db.opened()).isEqualTo(2);
    }

    @Test
    void aConnectionLeftForAStalledBorrowerThatAnotherBorrowerTakesIsReplacedForIt() throws Exception {
        openPool();
        assertThat(pool.bag.tryBorrow()).isNull(); // the stalled borrower
        awaitOpener();
        PooledConnection leftForStalled = pool.connections().get(0);

        // Another borrower finds that connection in the shared list and, seeing a waiter, asks for one more.
        try (Connection other = pool.borrow()) {
            assertThat(other.unwrap(FakeConnection.class)).as("the other borrower took the connection left idle")
                    .isSameAs(leftForStalled.raw());
            awaitOpener();
            assertThat(pool.connections()).as("a second connection, opened for the stalled borrower").hasSize(2);

            PooledConnection got = pool.bag.awaitHandOff(TimeUnit.SECONDS.toNanos(5));
            assertThat(got).as("the stalled borrower is served, not left waiting for a return").isNotNull()
                    .isNotSameAs(leftForStalled);
            pool.bag.requite(got);
        }
        assertThat(db.opened()).as("the start-up check's connection and one for each borrower").isEqualTo(3);
    }

    @Test
    void anIdleConnectionRetiredAtItsLifetimeIsNotReplacedWhenNobodyWaits() throws Exception {
        openPool();
        try (Connection c = pool.borrow()) {
            assertThat(c.isClosed()).isFalse();
        }
        PooledConnection only = pool.connections().get(0);

        pool.opener.retire(only); // what its retirement task runs at the end of its lifetime
        awaitHousekeeper(); // the driver's close, which asks for a fill if one is needed
        awaitOpener();

        assertThat(pool.stats().closed(CloseReason.LIFETIME)).isEqualTo(1);
        assertThat(pool.connections()).as("minimumIdle 0 and nobody waits: no replacement").isEmpty();
        assertThat(pool.total()).isZero();
        assertThat(db.opened()).as("the start-up check's connection and the one borrowed").isEqualTo(2);
    }

    @Test
    void aBorrowedConnectionRetiredAtItsLifetimeClosesOnReturnAndIsNotReplacedWhenNobodyWaits() throws Exception {
        openPool();
        Connection handle = pool.borrow();
        PooledConnection held = pool.connections().get(0);

        pool.opener.retire(held); // in use: only marked, to close when it comes back
        assertThat(held.doomed).isEqualTo(CloseReason.LIFETIME);
        handle.close();
        awaitHousekeeper();
        awaitOpener();

        assertThat(pool.stats().closed(CloseReason.LIFETIME)).isEqualTo(1);
        assertThat(pool.connections()).as("minimumIdle 0 and nobody waits: no replacement").isEmpty();
        assertThat(pool.total()).isZero();
        assertThat(db.opened()).as("the start-up check's connection and the one borrowed").isEqualTo(2);
    }
}
