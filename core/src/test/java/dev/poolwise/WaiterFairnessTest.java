package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Waiters are served first come, first served (DESIGN.md, "Speed"): a connection given back while threads wait
 * goes to the longest waiter, and the thread that gave it back cannot take it again by borrowing at once.
 * Without this, {@code poolwise tune} saw a pool of one serve a returning thread over and over while 63 others
 * waited: a median wait of 0 and a p99 of over a second.
 */
class WaiterFairnessTest extends PoolTestSupport {

    private static final int WAITERS = 5;

    @Test
    void aConnectionGivenBackGoesToTheLongestWaiterNotBackToTheThreadThatGaveItBack() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionTimeout(Duration.ofSeconds(20)));
        List<String> servedInOrder = new CopyOnWriteArrayList<>();
        CountDownLatch allServed = new CountDownLatch(WAITERS + 1);

        Connection held = pool.getConnection();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            String name = "waiter-" + i;
            Thread waiter = new Thread(() -> borrowOnce(pool, name, servedInOrder, allServed), name);
            waiter.start();
            waiters.add(waiter);
            // Each starts waiting only once the one before is parked in the pool, so the arrival order is known.
            await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING
                    && pool.stats().waiting() == waiters.size());
        }

        // The holder gives the connection back and asks again at once: it must queue behind every waiter.
        held.close();
        borrowOnce(pool, "returner", servedInOrder, allServed);

        assertThat(allServed.await(30, TimeUnit.SECONDS)).as("everyone served; order so far %s", servedInOrder)
                .isTrue();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            expected.add("waiter-" + i);
        }
        expected.add("returner");
        assertThat(servedInOrder).isEqualTo(expected);
        for (Thread waiter : waiters) {
            waiter.join(10_000);
        }
        assertThat(pool.stats().acquireTimeouts()).isZero();
    }

    @Test
    void underContentionEveryThreadIsServedAboutEquallyOften() throws Exception {
        // One connection, 8 threads borrowing in a loop, each holding it for a millisecond, so that every waiter
        // waits longer than the 5 ms after which returns are handed out in turn. First come, first served then
        // means turns rotate; a pool that let a returning thread take its connection straight back would serve
        // one thread hundreds of times in a row. (Waits shorter than 5 ms compete instead; see
        // ConnectionBag.awaitHandOff.) The bound is loose on purpose (scheduling on a shared
        // machine is uneven): no thread gets less than a third of its fair share.
        int threads = 8;
        int rounds = 800;
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionTimeout(Duration.ofSeconds(30)));
        long[] served = new long[threads];
        AtomicInteger total = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    while (total.get() < rounds) {
                        try (Connection c = pool.getConnection()) {
                            if (total.incrementAndGet() <= rounds) {
                                served[index]++;
                            }
                            LockSupport.parkNanos(1_000_000); // a short unit of work on the connection
                        }
                    }
                } catch (Exception | Error e) {
                    failures.add(e); // asserted below, in the test's thread, where JUnit sees it
                }
            }, "worker-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(60_000);
            assertThat(worker.isAlive()).as("%s finished", worker.getName()).isFalse();
        }
        assertThat(failures).as("failures in the workers").isEmpty();
        long fairShare = rounds / threads;
        for (int t = 0; t < threads; t++) {
            assertThat(served[t]).as("borrows served to worker-%d of %d (fair share %d)", t, rounds, fairShare)
                    .isGreaterThan(fairShare / 3);
        }
    }

    private static void borrowOnce(PoolwiseDataSource pool, String name, List<String> servedInOrder,
                                   CountDownLatch allServed) {
        try (Connection c = pool.getConnection()) {
            servedInOrder.add(name);
        } catch (Exception e) {
            servedInOrder.add(name + " failed: " + e);
        } finally {
            allServed.countDown();
        }
    }
}
