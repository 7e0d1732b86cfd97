package dev.poolwise.advisor;

import java.time.Duration;

/**
 * The database side of a {@link Deployment}. Counts left {@code null} come from the {@link ProviderCatalog}
 * (by provider and compute size) or from the engine's defaults.
 *
 * @param engine              PostgreSQL, MySQL or MariaDB
 * @param provider            who runs it
 * @param compute             the plan or compute size: Neon CU ({@code 0.25}), PlanetScale plan ({@code PS-40}),
 *                            Aurora maximum ACU ({@code 8}), Supabase size ({@code small}); {@code null} for
 *                            a self-managed server
 * @param minCompute          Aurora Serverless v2 minimum ACU, or {@code null}
 * @param maxConnections      the server's {@code max_connections}, or {@code null} for the catalog's value
 * @param reservedConnections slots the application cannot use (superuser, provider), or {@code null}
 * @param cores               the server's CPU cores, or {@code null} when unknown
 * @param spindles            effective spindles (0 for SSDs with the data cached), or {@code null}
 * @param waitTimeout         MySQL/MariaDB {@code wait_timeout}, or {@code null} for the default 8 h
 * @param suspendAfter        scale-to-zero delay; {@code null} for the provider's default, zero when off
 * @param idleSessionTimeout  PostgreSQL's {@code idle_session_timeout} (14+), which ends sessions idle that long,
 *                            or {@code null} when it is off or unknown (its default is off); set from a live
 *                            reading ({@code poolwise inspect --advise}), it keeps lifetimes and keepalives
 *                            below it as {@code waitTimeout} does for MySQL
 * @param instanceClass       a managed service's instance class ({@code db.t3.medium} on RDS and Aurora,
 *                            {@code db-custom-2-7680} on Cloud SQL, {@code Standard_D2ds_v4} on Azure), from which
 *                            {@code max_connections} is derived when not given; {@code null} otherwise
 * @param headroom            connections kept free for admin, migrations and other clients, or {@code null} for
 *                            Poolwise's default ({@code max(5, 10%)}, Supabase 20%)
 */
public record Database(Engine engine, Provider provider, String compute, String minCompute,
                       Integer maxConnections, Integer reservedConnections, Integer cores, Integer spindles,
                       Duration waitTimeout, Duration suspendAfter, Duration idleSessionTimeout,
                       String instanceClass, Headroom headroom) {

    /**
     * A database without an instance class or a headroom of its own: the components as above, with
     * {@code instanceClass} and {@code headroom} {@code null}.
     */
    public Database(Engine engine, Provider provider, String compute, String minCompute, Integer maxConnections,
                    Integer reservedConnections, Integer cores, Integer spindles, Duration waitTimeout,
                    Duration suspendAfter, Duration idleSessionTimeout) {
        this(engine, provider, compute, minCompute, maxConnections, reservedConnections, cores, spindles,
                waitTimeout, suspendAfter, idleSessionTimeout, null, null);
    }

    /**
     * A database without an {@code idle_session_timeout} reading: the components as above, with
     * {@code idleSessionTimeout} {@code null}.
     */
    public Database(Engine engine, Provider provider, String compute, String minCompute, Integer maxConnections,
                    Integer reservedConnections, Integer cores, Integer spindles, Duration waitTimeout,
                    Duration suspendAfter) {
        this(engine, provider, compute, minCompute, maxConnections, reservedConnections, cores, spindles,
                waitTimeout, suspendAfter, null);
    }

    /** Checks each value on its own; {@link Deployment} checks how they fit together. */
    public Database {
        if (engine == null) {
            throw new InvalidDeploymentException("database.engine", "(not set)", "must be one of "
                    + Engine.validIds());
        }
        if (provider == null) {
            provider = Provider.SELF_MANAGED;
        }
        if (compute != null && compute.isBlank()) {
            compute = null;
        }
        if (instanceClass != null && instanceClass.isBlank()) {
            instanceClass = null;
        }
        requireAtLeast("database.max_connections", maxConnections, 1);
        if (maxConnections != null && maxConnections > engine.maxConnectionsCeiling()) {
            throw new InvalidDeploymentException("database.max_connections", maxConnections, "must be at most "
                    + engine.maxConnectionsCeiling() + ", the most " + engine.id() + " accepts ("
                    + engine.maxConnectionsCeilingSource() + ")");
        }
        requireAtLeast("database.reserved_connections", reservedConnections, 0);
        requireAtLeast("database.cores", cores, 1);
        requireAtLeast("database.spindles", spindles, 0);
        if (maxConnections != null && reservedConnections != null && reservedConnections >= maxConnections) {
            throw new InvalidDeploymentException("database.reserved_connections", reservedConnections,
                    "must be below database.max_connections (" + maxConnections + ")");
        }
        if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
            throw new InvalidDeploymentException("database.wait_timeout", HumanDuration.format(waitTimeout),
                    "must be a positive duration, e.g. 8h");
        }
        if (waitTimeout != null && !engine.isMysqlFamily()) {
            throw new InvalidDeploymentException("database.wait_timeout", HumanDuration.format(waitTimeout),
                    "applies only to mysql and mariadb, not " + engine.id());
        }
        if (suspendAfter != null && suspendAfter.isNegative()) {
            throw new InvalidDeploymentException("database.suspend_after", suspendAfter,
                    "must be zero (scale to zero off) or a positive duration, e.g. 5m");
        }
        if (idleSessionTimeout != null && (idleSessionTimeout.isNegative() || idleSessionTimeout.isZero())) {
            throw new InvalidDeploymentException("database.idle_session_timeout",
                    HumanDuration.format(idleSessionTimeout), "must be a positive duration, or unset when it is off");
        }
        if (idleSessionTimeout != null && engine != Engine.POSTGRESQL) {
            throw new InvalidDeploymentException("database.idle_session_timeout",
                    HumanDuration.format(idleSessionTimeout), "applies only to postgresql, not " + engine.id()
                            + " (MySQL and MariaDB: wait_timeout)");
        }
        if (instanceClass != null && !provider.hasInstanceClasses()) {
            throw new InvalidDeploymentException("database.instance_class", instanceClass,
                    "applies only to a managed service sized by instance class (rds, aurora, cloud-sql, azure), not "
                            + provider.id());
        }
        if (minCompute != null && provider != Provider.AURORA_SERVERLESS_V2) {
            throw new InvalidDeploymentException("database.min_compute", minCompute,
                    "applies only to aurora-serverless-v2 (its minimum ACU)");
        }
    }

    static void requireAtLeast(String field, Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw new InvalidDeploymentException(field, value, "must be at least " + minimum);
        }
    }
}
