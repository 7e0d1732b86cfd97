package dev.poolwise;

/**
 * How the pool treats physical connections.
 */
public enum PoolMode {
    /**
     * The default: physical connections are kept and reused across borrows.
     */
    POOLED,

    /**
     * Every borrow opens a physical connection and every return closes it, like SQLAlchemy's {@code NullPool}.
     * Still bounded by {@code maximumPoolSize} and {@code connectionTimeout}. Choose it for short-lived
     * processes (serverless functions) that sit behind an external pooler such as PgBouncer, RDS Proxy or a
     * provider's pooled endpoint, where keeping connections open in each function instance wastes the
     * database's connection budget.
     */
    UNPOOLED
}
