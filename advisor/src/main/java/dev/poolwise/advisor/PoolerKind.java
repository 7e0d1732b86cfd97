package dev.poolwise.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What sits between the application and the database. */
public enum PoolerKind {
    /** The application connects to the database directly. */
    NONE("none", "no pooler", false),
    /** PgBouncer in session mode: a client keeps its server connection until it disconnects. */
    PGBOUNCER_SESSION("pgbouncer-session", "PgBouncer (session mode)", false),
    /** PgBouncer in transaction mode: a server connection is shared between transactions. */
    PGBOUNCER_TRANSACTION("pgbouncer-transaction", "PgBouncer (transaction mode)", true),
    /** Neon's pooled endpoint ({@code -pooler} host): PgBouncer in transaction mode, run by Neon. */
    NEON_POOLER("neon-pooler", "Neon's pooled endpoint", true),
    /** AWS RDS Proxy: multiplexes transactions unless a session pins its connection. */
    RDS_PROXY("rds-proxy", "RDS Proxy", false),
    /** Supabase's Supavisor in session mode (port 5432). */
    SUPAVISOR_SESSION("supavisor-session", "Supavisor (session mode)", false),
    /** Supabase's Supavisor in transaction mode (port 6543): no prepared statements. */
    SUPAVISOR_TRANSACTION("supavisor-transaction", "Supavisor (transaction mode)", true);

    private final String id;
    private final String displayName;
    private final boolean transactionMode;

    PoolerKind(String id, String displayName, boolean transactionMode) {
        this.id = id;
        this.displayName = displayName;
        this.transactionMode = transactionMode;
    }

    /** @return the name used in deployment files and on the command line, e.g. {@code pgbouncer-transaction} */
    public String id() {
        return id;
    }

    /** @return the name for people */
    public String displayName() {
        return displayName;
    }

    /** @return whether server connections are shared between clients' transactions (session state is lost) */
    public boolean isTransactionMode() {
        return transactionMode;
    }

    /** @return whether this is PgBouncer run by the user (either mode) */
    public boolean isPgBouncer() {
        return this == PGBOUNCER_SESSION || this == PGBOUNCER_TRANSACTION;
    }

    /**
     * @param field the field being read, for the error message
     * @param text  the name, e.g. {@code neon-pooler}
     * @return the kind of pooler
     * @throws InvalidDeploymentException naming the valid kinds when {@code text} is none of them
     */
    public static PoolerKind fromId(String field, String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        for (PoolerKind kind : values()) {
            if (kind.id.equals(name)) {
                return kind;
            }
        }
        throw new InvalidDeploymentException(field, text, "must be one of "
                + Arrays.stream(values()).map(PoolerKind::id).collect(Collectors.joining(", ")));
    }
}
