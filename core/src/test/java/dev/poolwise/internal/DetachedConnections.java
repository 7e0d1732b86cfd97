package dev.poolwise.internal;

/**
 * Bag entries with no JDBC connection behind them, for the {@link ConnectionBag} tests that exercise only the
 * bag's states and hand-off: nothing in those paths touches the physical connection, its pool or its defaults.
 */
final class DetachedConnections {

    private DetachedConnections() {
    }

    /**
     * @param id the entry's id
     * @return a pooled connection without a physical connection or pool, never expiring, with plain defaults
     */
    static PooledConnection detached(long id) {
        return new PooledConnection(id, null, null, 0, Long.MAX_VALUE,
                new PooledConnection.DefaultState(true, false, 0, null, null, -1));
    }
}
