package dev.poolwise;

import dev.poolwise.fake.FakeDatabase;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed pool, and with it its configuration and password, must be collectable even while a thread that
 * once borrowed from it lives on (a server's request thread): the thread-local cache of recently returned
 * connections holds them weakly. Applications that rotate credentials by re-creating the DataSource would
 * otherwise keep every old pool, password included, for the life of their threads.
 */
class ClosedPoolIsCollectableTest {

    @Test
    void aClosedPoolIsCollectedWhileAThreadThatBorrowedFromItLivesOn() throws Exception {
        FakeDatabase db = FakeDatabase.create();
        CountDownLatch borrowedAndReturned = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Holder holder = new Holder();
        holder.ds = new PoolwiseDataSource(PoolConfig.builder().jdbcUrl(db.url()).password("rotated-secret")
                .poolName("collectable").maximumPoolSize(2).registerMbeans(false).build());
        WeakReference<PoolConfig> config = new WeakReference<>(holder.ds.getConfig());
        Thread requestThread = new Thread(() -> {
            try (Connection c = holder.ds.getConnection()) {
                c.isValid(1);
            } catch (SQLException e) {
                holder.failure = e;
            }
            borrowedAndReturned.countDown();
            try {
                finish.await(); // stays alive, as a server's worker thread does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "request-thread");
        requestThread.setDaemon(true);
        requestThread.start();
        try {
            assertThat(borrowedAndReturned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat((Object) holder.failure).isNull();
            holder.ds.close();
            holder.ds = null;

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (config.get() != null && System.nanoTime() - deadline < 0) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(config.get()).as("the closed pool's configuration (with its password) was collected")
                    .isNull();
            assertThat(requestThread.isAlive()).as("while the thread that borrowed lives on").isTrue();
        } finally {
            finish.countDown();
            requestThread.join(TimeUnit.SECONDS.toMillis(10));
            db.drop();
        }
    }

    /** Mutable holder, so the test can drop its only strong reference to the pool. */
    private static final class Holder {
        volatile PoolwiseDataSource ds;
        volatile SQLException failure;
    }
}
