package dev.poolwise.advisor;

import java.util.Optional;

/**
 * Fixes that name a pooler or a bigger database, worded for the deployment's own engine and provider: Neon's
 * pooled endpoint only for Neon, Supavisor only for Supabase, RDS Proxy only where AWS runs the database (or a
 * server the user runs, which may be RDS), PgBouncer only for PostgreSQL, and none for PlanetScale MySQL, whose
 * edge already pools connections.
 */
final class ProviderFixes {

    private ProviderFixes() {
    }

    /**
     * @param deployment a deployment
     * @return the pooler to put in front, worded as a fix, or empty when one is already there or none applies
     */
    static Optional<String> pooler(Deployment deployment) {
        if (deployment.between().kind() != PoolerKind.NONE) {
            return Optional.empty();
        }
        Engine engine = deployment.database().engine();
        return switch (deployment.database().provider()) {
            case NEON -> Optional.of("connect through Neon's pooled endpoint (the -pooler host, --pooler neon-pooler),"
                    + " which admits 10,000 clients");
            case SUPABASE -> Optional.of("connect through Supavisor in transaction mode (port 6543, --pooler"
                    + " supavisor-transaction)");
            case AURORA_SERVERLESS_V2, AURORA_PROVISIONED, RDS -> Optional.of("put RDS Proxy in front (--pooler"
                    + " rds-proxy): it multiplexes clients onto the database's connections");
            case PLANETSCALE -> engine == Engine.POSTGRESQL
                    ? Optional.of("connect through PlanetScale's PgBouncer (port 6432, --pooler pgbouncer-transaction)")
                    : Optional.empty();
            case SELF_MANAGED, CLOUD_SQL, AZURE_POSTGRESQL -> engine == Engine.POSTGRESQL
                    ? Optional.of("run PgBouncer in transaction mode in front (--pooler pgbouncer-transaction)")
                    : Optional.empty();
        };
    }

    /**
     * @param deployment a deployment
     * @return the fix that gives the database more connections, in the provider's terms
     */
    static String largerDatabase(Deployment deployment) {
        Provider provider = deployment.database().provider();
        return switch (provider) {
            case SELF_MANAGED -> "a higher max_connections on the server";
            case PLANETSCALE -> "a larger PlanetScale plan";
            case RDS, AURORA_PROVISIONED, CLOUD_SQL, AZURE_POSTGRESQL -> "a larger instance class, or a higher"
                    + " max_connections in its parameters";
            default -> "a larger " + provider.displayName() + " compute size";
        };
    }
}
