package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.TimingTestBuilders;
import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The borrow served at once on the coarse clock ({@code ConnectionBorrow.borrowAtOnce}) keeps the lifetime rule
 * by itself. It runs only on the system clock (no listener, no leak detection, a bypass window longer than the
 * coarse clock's lag), which the manual-clock lifetime tests in {@link PoolClockTest} never take; and there the
 * per-connection retirement task normally closes an expired idle connection first. This test holds that task
 * back by keeping the housekeeper thread busy, so the borrow's own check is all that stands between the
 * borrower and the expired connection.
 */
class BorrowAtOnceTest {

    private final FakeDatabase db = FakeDatabase.create();
    private Pool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        db.drop();
    }

    @Test
    void aConnectionPastItsLifetimeIsNeverHandedOutWhileTheRetirementTaskIsHeldBack() throws Exception {
        // maxLifetime 2 s has no jitter (only lifetimes above 10 s get one); the bypass window, 5 s here, is longer
        // than the lifetime, so the borrow after it is still served at once, not validated. (A CI run once found
        // two connections, fake ids 2 and 3, where the precondition below expects one: not a lifetime replacement,
        // but the opener opening a second connection for a first borrow stalled on its way to the queue, fixed in
        // ConnectionOpener and pinned by StalledBorrowerFillTest.)
        pool = new Pool(TimingTestBuilders.builder()
                .jdbcUrl(db.url())
                .poolName("at-once-lifetime")
                // The expired one's slot is given back only after its close, on the held housekeeper. Room for two
                // replacements: the first has the same lifetime (200 ms when this was written), and on a loaded
                // machine it expired before the borrower took it, which left the borrow nothing to open (a CI run
                // timed out at 5 s with total=2, active=0, idle=0).
                .maximumPoolSize(3)
                .minimumIdle(0)
                .maxLifetime(Duration.ofSeconds(2))
                .validationBypassWindow(Duration.ofSeconds(5))
                .idleTimeout(Duration.ZERO)
                .keepaliveTime(Duration.ZERO)
                .connectionTimeout(Duration.ofSeconds(5))
                .registerMbeans(false)
                .build());
        FakeConnection firstRaw;
        try (Connection c = pool.borrow()) {
            firstRaw = c.unwrap(FakeConnection.class);
        }
        long first = firstRaw.id();
        assertThat(pool.connections()).as("minimumIdle 0: only the connection borrowed").hasSize(1);
        PooledConnection pooled = pool.connections().get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        pool.housekeeper.execute(() -> { // the housekeeper's only thread: nothing scheduled runs until released
            busy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("the housekeeper is held").isTrue();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> System.nanoTime() - pooled.retireAtNanos >= 0);
            assertThat(pooled.doomed).as("nothing has marked it: the retirement task is held back").isNull();

            try (Connection c = pool.borrow()) {
                assertThat(c.unwrap(FakeConnection.class).id()).as("the expired connection is not handed out")
                        .isNotEqualTo(first);
            }
        } finally {
            release.countDown();
        }
        // Released, the housekeeper closes the expired connection. Its replacement has the same lifetime
        // and may close for it too by the time this looks, so the count is at least one, not exactly one.
        // (The count moves just after the driver's close returns, so both are awaited.)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstRaw.isClosed() && pool.stats().closed(CloseReason.LIFETIME) >= 1);
        assertThat(db.doubleCloses()).isZero();
    }
}
