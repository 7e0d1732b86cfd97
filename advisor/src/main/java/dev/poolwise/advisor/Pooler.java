package dev.poolwise.advisor;

import java.util.regex.Pattern;

/**
 * What sits between the application and the database (the {@code between} section of a deployment file).
 *
 * @param kind                 none, PgBouncer (session or transaction), the provider's pooler, RDS Proxy, Supavisor
 * @param version              the PgBouncer version ({@code 1.18}), or {@code null} when unknown
 * @param maxClientConnections PgBouncer's {@code max_client_conn}, or {@code null} for its default (100)
 * @param poolSize             PgBouncer's {@code default_pool_size}, or {@code null} for its default (20)
 * @param proxy                RDS Proxy's settings ({@code MaxConnectionsPercent} and the rest), or
 *                             {@code null} for AWS's defaults; only with {@link PoolerKind#RDS_PROXY}
 */
public record Pooler(PoolerKind kind, String version, Integer maxClientConnections, Integer poolSize,
                     RdsProxySettings proxy) {

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}");

    /** No pooler: the application connects to the database. */
    public static final Pooler NONE = new Pooler(PoolerKind.NONE, null, null, null);

    /**
     * A pooler without RDS Proxy settings: the components as above, with {@code proxy} {@code null}.
     */
    public Pooler(PoolerKind kind, String version, Integer maxClientConnections, Integer poolSize) {
        this(kind, version, maxClientConnections, poolSize, null);
    }

    /** Checks each value on its own. */
    public Pooler {
        if (kind == null) {
            kind = PoolerKind.NONE;
        }
        if (version != null && version.isBlank()) {
            version = null;
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new InvalidDeploymentException("between.version", version, "must be a version such as 1.18 or 1.21.0");
        }
        if (!kind.isPgBouncer()) {
            if (version != null) {
                throw new InvalidDeploymentException("between.version", version,
                        "applies only to pgbouncer-session and pgbouncer-transaction, not " + kind.id());
            }
            if (maxClientConnections != null || poolSize != null) {
                throw new InvalidDeploymentException(maxClientConnections != null ? "between.max_client_connections"
                        : "between.pool_size", maxClientConnections != null ? maxClientConnections : poolSize,
                        "applies only to a PgBouncer you run (pgbouncer-session, pgbouncer-transaction)");
            }
        }
        if (proxy != null && proxy.anyGiven() && kind != PoolerKind.RDS_PROXY) {
            throw new InvalidDeploymentException("between.max_connections_percent", kind.id(),
                    "RDS Proxy's settings apply only to between.pooler rds-proxy");
        }
        if (kind == PoolerKind.RDS_PROXY && proxy == null) {
            proxy = RdsProxySettings.UNKNOWN;
        }
        Database.requireAtLeast("between.max_client_connections", maxClientConnections, 1);
        Database.requireAtLeast("between.pool_size", poolSize, 1);
    }

    /**
     * @param other a version such as {@code 1.21}
     * @return whether this pooler's version is known and at least {@code other}
     */
    public boolean versionAtLeast(String other) {
        if (version == null) {
            return false;
        }
        String[] mine = version.split("\\.");
        String[] theirs = other.split("\\.");
        for (int i = 0; i < Math.max(mine.length, theirs.length); i++) {
            int a = i < mine.length ? Integer.parseInt(mine[i]) : 0;
            int b = i < theirs.length ? Integer.parseInt(theirs[i]) : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }
}
