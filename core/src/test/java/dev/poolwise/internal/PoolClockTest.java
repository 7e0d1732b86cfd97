package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifetime, idle timeout, keepalive, leak threshold and the validation bypass window, driven by a
 * {@link ManualClock} instead of sleeps: each test moves time past (or not quite to) the limit and runs the
 * housekeeper or leak scan itself, so the outcome does not depend on how busy the machine is. The real
 * schedules use settings long enough (minutes) that they never fire during a test.
 */
class PoolClockTest {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final FakeDatabase db = FakeDatabase.create();
    private final ManualClock clock = new ManualClock();
    private final List<Pool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(Pool::close);
        db.drop();
    }

    private PoolConfig.Builder config() {
        return PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("clock-" + NUMBER.incrementAndGet())
                .maximumPoolSize(3)
                .minimumIdle(1)
                .connectionTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofMinutes(10))
                .maxLifetime(Duration.ofMinutes(30))
                .keepaliveTime(Duration.ZERO)
                .registerMbeans(false);
    }

    private Pool open(PoolConfig.Builder builder) {
        Pool pool = new Pool(builder.build(), clock);
        pools.add(pool);
        return pool;
    }

    private static FakeConnection physical(Connection handle) throws SQLException {
        return handle.unwrap(FakeConnection.class);
    }

    @Test
    void aConnectionPastItsLifetimeIsRetiredByTheHousekeeperAndNeverHandedOut() throws Exception {
        // minimumIdle 0 and no idle timeout: with a minimum of 1, the background fill after the first borrow may
        // add a second connection before the clock moves, which then expires too (or the idle timeout retires
        // one of the two), and the counts below would depend on that race.
        Pool pool = open(config().minimumIdle(0).idleTimeout(Duration.ZERO));
        long first;
        try (Connection c = pool.borrow()) {
            first = physical(c).id();
        }
        clock.advance(Duration.ofMinutes(29)); // below 30 min less the up-to-2.5 % jitter: still young
        pool.upkeep.run();
        try (Connection c = pool.borrow()) {
            assertThat(physical(c).id()).as("29 min old: kept").isEqualTo(first);
        }
        clock.advance(Duration.ofMinutes(2));
        pool.upkeep.run();
        assertThat(pool.connections()).as("the idle connection past its lifetime left the pool")
                .noneMatch(pc -> pc.id() == first);
        try (Connection c = pool.borrow()) {
            assertThat(physical(c).id()).as("a new connection replaces it").isNotEqualTo(first);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().closed(CloseReason.LIFETIME) == 1);
    }

    @Test
    void aBorrowNeverGetsAConnectionPastItsLifetimeEvenBeforeTheHousekeeperRuns() throws Exception {
        // minimumIdle 0: with 1, the fill that follows the first borrow may open a second connection before the
        // clock moves, which then expires too, and the count below would depend on that race.
        Pool pool = open(config().minimumIdle(0));
        long first;
        try (Connection c = pool.borrow()) {
            first = physical(c).id();
        }
        clock.advance(Duration.ofMinutes(31));
        try (Connection c = pool.borrow()) {
            assertThat(physical(c).id()).isNotEqualTo(first);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().closed(CloseReason.LIFETIME) == 1);
    }

    @Test
    void aBorrowedConnectionPastItsLifetimeIsClosedOnReturnNeverUnderItsBorrower() throws Exception {
        // minimumIdle 0, as in the test above: with 1, the fill after the borrow may open a second connection
        // before the clock moves, which then expires as well, and the count below read 2 in a CI run.
        Pool pool = open(config().minimumIdle(0));
        Connection held = pool.borrow();
        FakeConnection raw = physical(held);
        clock.advance(Duration.ofMinutes(31));
        pool.upkeep.run();
        assertThat(raw.isClosed()).as("a borrowed connection is never closed under its borrower").isFalse();
        held.close();
        await().atMost(Duration.ofSeconds(10)).until(raw::isClosed);
        assertThat(pool.stats().closed(CloseReason.LIFETIME)).isEqualTo(1);
        try (Connection fresh = pool.borrow()) {
            assertThat(physical(fresh)).isNotSameAs(raw);
        }
    }

    @Test
    void idleTimeoutClosesConnectionsAboveMinimumIdleOnlyOnceTheyHaveBeenIdleThatLong() throws Exception {
        Pool pool = open(config());
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.borrow());
        }
        for (Connection c : held) {
            c.close();
        }
        pool.upkeep.run(); // notes that all three were just used
        clock.advance(Duration.ofMinutes(9));
        pool.upkeep.run();
        assertThat(pool.idleCount()).as("idle 9 min of 10: all kept").isEqualTo(3);
        clock.advance(Duration.ofMinutes(2));
        pool.upkeep.run();
        assertThat(pool.idleCount()).as("idle 11 min: down to minimumIdle").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().closed(CloseReason.IDLE) == 2);
    }

    @Test
    void keepaliveValidatesAConnectionIdleLongerThanKeepaliveTime() throws Exception {
        Pool pool = open(config().keepaliveTime(Duration.ofMinutes(2)));
        FakeConnection raw;
        try (Connection c = pool.borrow()) {
            raw = physical(c);
        }
        int before = raw.isValidCalls();
        clock.advance(Duration.ofSeconds(90));
        pool.upkeep.run();
        assertThat(raw.isValidCalls()).as("idle 90 s of 2 min: not checked").isEqualTo(before);
        clock.advance(Duration.ofSeconds(60));
        pool.upkeep.run();
        assertThat(raw.isValidCalls()).as("idle 2.5 min: checked once").isEqualTo(before + 1);
    }

    @Test
    void aConnectionHeldLongerThanTheLeakThresholdIsReportedOnce() throws Exception {
        Pool pool = open(config().leakDetectionThreshold(Duration.ofMinutes(5)));
        try (Connection held = pool.borrow()) {
            clock.advance(Duration.ofMinutes(4));
            pool.leaks.run();
            assertThat(pool.stats().suspectedLeaks()).as("held 4 min of 5: no report").isZero();
            clock.advance(Duration.ofMinutes(2));
            pool.leaks.run();
            pool.leaks.run();
            assertThat(pool.stats().suspectedLeaks()).as("held 6 min: reported, once").isEqualTo(1);
            assertThat(pool.suspectedLeakReports()).singleElement()
                    .satisfies(report -> assertThat(report.heldFor()).isEqualTo(Duration.ofMinutes(6)));
        }
    }

    @Test
    void theValidationBypassWindowIsMeasuredFromTheStartOfTheLastBorrow() throws Exception {
        Pool pool = open(config().maximumPoolSize(1).minimumIdle(1).validationBypassWindow(Duration.ofMillis(500)));
        FakeConnection raw;
        try (Connection c = pool.borrow()) {
            raw = physical(c);
        }
        int validations = raw.isValidCalls();

        clock.advance(Duration.ofMillis(400));
        pool.borrow().close();
        assertThat(raw.isValidCalls()).as("borrowed 400 ms after the last borrow: not validated")
                .isEqualTo(validations);

        clock.advance(Duration.ofMillis(600));
        pool.borrow().close();
        assertThat(raw.isValidCalls()).as("600 ms after the last borrow: validated").isEqualTo(validations + 1);

        try (Connection c = pool.borrow()) { // validated just now: bypassed
            clock.advance(Duration.ofSeconds(2)); // held 2 s, then returned
        }
        assertThat(raw.isValidCalls()).isEqualTo(validations + 1);
        pool.borrow().close();
        assertThat(raw.isValidCalls()).as("returned a moment ago, but borrowed 2 s ago: validated")
                .isEqualTo(validations + 2);
    }
}
