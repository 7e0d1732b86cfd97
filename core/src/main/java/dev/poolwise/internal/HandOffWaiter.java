package dev.poolwise.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One borrower waiting in {@link ConnectionBag}'s queue for a hand-off. {@link #handed} moves once, by
 * compare-and-set, from {@code null} either to what an offering thread gives (a connection it claimed for this
 * waiter, or the closed marker) or to {@link #CANCELLED} when the waiter gives up (timeout, interrupt, or it
 * found a connection itself). Exactly one of the two wins, so a connection is never handed to a waiter that
 * has left, and a waiter that could not cancel owns what it was given.
 */
final class HandOffWaiter {
    private static final Object CANCELLED = new Object();
    private static final VarHandle HANDED;

    static {
        try {
            HANDED = MethodHandles.lookup().findVarHandle(HandOffWaiter.class, "handed", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    volatile Object handed;
    /**
     * Set by the waiter itself after {@link ConnectionBag#STARVING_AFTER_NANOS}: returns are handed to it from
     * then on.
     */
    volatile boolean starving;
    /** Set by the first return that woke this waiter while it was young (see {@code ConnectionBag.wakeOnce}). */
    volatile boolean woken;

    HandOffWaiter(Thread thread) {
        this.thread = thread;
    }

    /** Gives this waiter what the caller owns, and wakes it. @return {@code false} if it had given up */
    boolean offer(Object connectionOrMarker) {
        if (HANDED.compareAndSet(this, null, connectionOrMarker)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    /** @return whether this waiter gave up (it may still be in the queue, for a moment) */
    boolean hasLeft() {
        return handed == CANCELLED;
    }

    /** @return whether this waiter left with nothing; {@code false} when it was handed something first */
    boolean cancel() {
        return HANDED.compareAndSet(this, null, CANCELLED);
    }
}
