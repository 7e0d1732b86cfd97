package dev.poolwise.internal;

import java.lang.ref.WeakReference;

/**
 * One thread's recently returned connections of one {@link ConnectionBag}, most recent last: a small array stack
 * of weak references (see {@code ConnectionBag.recent}). Used only by its {@link #owner} thread.
 */
final class RecentConnections {

    /** The most connections one thread keeps; more returned are left to the shared list alone. */
    private static final int LIMIT = 16;

    /** The thread whose list this is; a returner uses the borrower's list only if it is that thread. */
    final Thread owner = Thread.currentThread();
    @SuppressWarnings("unchecked")
    private final WeakReference<PooledConnection>[] connections = new WeakReference[LIMIT];
    private int size;

    /** @return the most recently pushed connection still reachable, or {@code null} when none is left */
    PooledConnection pop() {
        while (size > 0) {
            WeakReference<PooledConnection> reference = connections[--size];
            connections[size] = null;
            PooledConnection connection = reference.get();
            if (connection != null) {
                return connection;
            }
        }
        return null;
    }

    /** Adds a connection, unless the list is full. */
    void push(WeakReference<PooledConnection> connection) {
        if (size < connections.length) {
            connections[size++] = connection;
        }
    }
}
