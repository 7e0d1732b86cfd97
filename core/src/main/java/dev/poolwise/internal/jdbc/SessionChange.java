package dev.poolwise.internal.jdbc;

/**
 * The kinds of session state a borrower can change through JDBC, as dirty bits: the handle sets a bit when
 * the borrower changes that state, and the reset on return touches only what is set (DESIGN.md invariant 5).
 *
 * <p>Bits in an {@code int} ({@link #bit}), not an {@code EnumSet}, so that marking and testing them on the
 * statement path costs one OR or AND and allocates nothing. docs/pool.md's reset matrix lists, per constant,
 * how the change is detected, how it is undone and which test pins it.
 */
public enum SessionChange {
    /** {@code setAutoCommit}. */
    AUTO_COMMIT,
    /** {@code setTransactionIsolation}. */
    ISOLATION,
    /** {@code setReadOnly}. */
    READ_ONLY,
    /** {@code setCatalog}. */
    CATALOG,
    /** {@code setSchema} (on PostgreSQL, the whole {@code search_path}). */
    SCHEMA,
    /** {@code setHoldability}. */
    HOLDABILITY,
    /** {@code setTypeMap}, or {@code getTypeMap} (the map it returns may be changed in place). */
    TYPE_MAP,
    /** {@code setClientInfo} (PostgreSQL's {@code ApplicationName} is visible in {@code pg_stat_activity}). */
    CLIENT_INFO,
    /** {@code setNetworkTimeout}. */
    NETWORK_TIMEOUT,
    /**
     * The borrower ran SQL, read metadata or reached the driver's own connection: session state JDBC cannot
     * see ({@code SET}, temporary tables, ...) may have changed, so the opt-in {@code connectionResetSql} runs.
     */
    SQL;

    /** This constant's bit in {@code PooledConnection.dirtyBits}. */
    public final int bit = 1 << ordinal();

    /**
     * @param bits a set of dirty bits
     * @return whether this constant's bit is among them
     */
    public boolean in(int bits) {
        return (bits & bit) != 0;
    }
}
