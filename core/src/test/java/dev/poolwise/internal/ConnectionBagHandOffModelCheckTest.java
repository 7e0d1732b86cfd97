package dev.poolwise.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link ConnectionBag}'s hand-off to queued waiters with Lincheck, on a bag of one connection so
 * that nearly every scenario queues someone, and with waiters starving from the start (strict first come,
 * first served, every return a hand-off): borrowers that wait (and give up when their short wait ends, so
 * that giving up races a hand-off), borrowers that do not wait, and the pool's close, which releases waiters.
 * {@link ConnectionBagModelCheckTest} covers the state machine with the housekeeper and eviction on two
 * connections; this one aims at the waiter queue: a connection handed to a waiter that has just given up must
 * not be lost, a waiter that found a connection itself while being served must not keep two, a waiter joins
 * the queue just as the last connection comes back (the re-scan that prevents a lost wake-up), and the waiter
 * count ends at zero.
 */
public class ConnectionBagHandOffModelCheckTest {

    private final ConnectionBag bag;
    private final PooledConnection only = DetachedConnections.detached(1);
    private final AtomicInteger holders = new AtomicInteger();

    public ConnectionBagHandOffModelCheckTest() {
        PooledConnection marker = DetachedConnections.detached(-1);
        marker.markRemoved();
        // Every waiter starving at once: each return hands its connection to the head of the queue, the path
        // this test is for (with the default 5 ms, waits shorter than that would only ever compete).
        bag = new ConnectionBag(() -> { }, marker, 0);
        bag.add(only);
    }

    /** A borrower that waits briefly for a hand-off when the connection is taken, then gives up. */
    @Operation
    public void borrowWaitingUseReturn() throws InterruptedException {
        PooledConnection c = bag.tryBorrow();
        if (c == null) {
            c = bag.awaitHandOff(TimeUnit.MICROSECONDS.toNanos(50));
        }
        if (c != null) {
            use(c);
            bag.requite(c);
        }
    }

    /** A borrower that does not wait. */
    @Operation
    public void borrowUseReturn() throws InterruptedException {
        PooledConnection c = bag.tryBorrow();
        if (c == null) {
            c = bag.awaitHandOff(0);
        }
        if (c != null) {
            use(c);
            bag.requite(c);
        }
    }

    private void use(PooledConnection c) {
        if (holders.incrementAndGet() != 1) {
            throw new IllegalStateException("the connection is held by two owners at once");
        }
        if (c.state() != PooledConnection.IN_USE) {
            throw new IllegalStateException("the connection is used in state " + c.state());
        }
        holders.decrementAndGet();
    }

    @Validate
    public void nothingLostNothingShared() {
        if (only.state() != PooledConnection.IDLE) {
            throw new IllegalStateException("the connection was lost: state " + only.state()
                    + " after every operation ended");
        }
        if (bag.waiters() != 0) {
            throw new IllegalStateException(bag.waiters() + " waiters counted after every borrow ended");
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(getClass());
    }
}
