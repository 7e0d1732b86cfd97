package dev.poolwise;

/**
 * How the pool chooses how many physical connections to keep.
 */
public enum SizingMode {
    /**
     * The default: the pool grows on demand up to {@code maximumPoolSize} and keeps {@code minimumIdle} ready,
     * as HikariCP does.
     */
    STATIC,

    /**
     * The pool keeps a <em>target size</em> between {@code minimumIdle} and {@code maximumPoolSize} and moves it
     * while it runs: up when borrowers queue while hold time stays flat, down when more connections only raise
     * hold time (the database is saturated) or when connections sit idle. {@code maximumPoolSize} becomes a
     * ceiling, not the working size; with {@code fleetBudget} set, the ceiling is also kept within this
     * instance's share of a budget for the whole fleet, counted on the database. Every change of target is a
     * {@link PoolListener#onTargetSizeChanged} event with its reason. See {@code docs/adaptive.md}.
     */
    ADAPTIVE
}
