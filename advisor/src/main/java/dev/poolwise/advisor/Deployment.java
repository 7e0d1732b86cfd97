package dev.poolwise.advisor;

/**
 * What the advisor sizes pools for: the database, what sits between, the application and its workload. The
 * compact constructor checks that the parts fit together (a Neon database runs PostgreSQL; Supavisor sits in
 * front of Supabase; ...) and names the field, the value and what is valid when they do not.
 *
 * @param database    the database
 * @param between     what sits between; {@link Pooler#NONE} when nothing does
 * @param application the application fleet or serverless functions
 * @param workload    what is known of the workload; {@link Workload#UNKNOWN} when nothing is
 */
public record Deployment(Database database, Pooler between, Application application, Workload workload) {

    /** Checks that the parts fit together. */
    public Deployment {
        if (database == null) {
            throw new MissingInputsException(java.util.List.of("database: the engine or provider"));
        }
        if (application == null) {
            throw new MissingInputsException(java.util.List.of("application: instances and threads, or serverless"
                    + " max_concurrency"));
        }
        if (between == null) {
            between = Pooler.NONE;
        }
        if (workload == null) {
            workload = Workload.UNKNOWN;
        }
        Provider provider = database.provider();
        Engine engine = database.engine();
        switch (provider) {
            case NEON, SUPABASE, CLOUD_SQL, AZURE_POSTGRESQL -> requireEngine(provider, engine, Engine.POSTGRESQL);
            case AURORA_SERVERLESS_V2, AURORA_PROVISIONED -> {
                if (engine == Engine.MARIADB) {
                    throw new InvalidDeploymentException("database.engine", engine.id(),
                            provider.id() + " runs postgresql or mysql");
                }
            }
            case PLANETSCALE -> {
                if (engine == Engine.MARIADB) {
                    throw new InvalidDeploymentException("database.engine", engine.id(),
                            "planetscale runs mysql or postgresql");
                }
            }
            default -> {
            }
        }
        if (provider == Provider.SELF_MANAGED && database.compute() != null) {
            throw new InvalidDeploymentException("database.compute", database.compute(),
                    "applies only to a provider (neon, planetscale, aurora-serverless-v2, supabase); for a"
                            + " self-managed server give max_connections and cores");
        }
        if (provider.hasInstanceClasses() && database.compute() != null) {
            throw new InvalidDeploymentException("database.compute", database.compute(), provider.id()
                    + " is sized by instance class: give database.instance_class (--instance-class), e.g. "
                    + (provider == Provider.CLOUD_SQL ? "db-custom-2-7680" : provider == Provider.AZURE_POSTGRESQL
                            ? "Standard_D2ds_v4" : "db.r6g.large"));
        }
        PoolerKind kind = between.kind();
        if (kind == PoolerKind.NEON_POOLER && provider != Provider.NEON) {
            throw new InvalidDeploymentException("between.pooler", kind.id(), "requires database.provider neon");
        }
        if ((kind == PoolerKind.SUPAVISOR_SESSION || kind == PoolerKind.SUPAVISOR_TRANSACTION)
                && provider != Provider.SUPABASE) {
            throw new InvalidDeploymentException("between.pooler", kind.id(), "requires database.provider supabase");
        }
        if (kind == PoolerKind.RDS_PROXY && !provider.isAws() && provider != Provider.SELF_MANAGED) {
            throw new InvalidDeploymentException("between.pooler", kind.id(),
                    "sits in front of rds, aurora-provisioned, aurora-serverless-v2 or an RDS server (self-managed),"
                            + " not " + provider.id());
        }
        if (kind.isPgBouncer() && engine != Engine.POSTGRESQL) {
            throw new InvalidDeploymentException("between.pooler", kind.id(), "PgBouncer speaks PostgreSQL only,"
                    + " and database.engine is " + engine.id());
        }
        if (kind == PoolerKind.PGBOUNCER_SESSION && provider == Provider.PLANETSCALE) {
            throw new InvalidDeploymentException("between.pooler", kind.id(),
                    "PlanetScale's PgBouncer runs in transaction mode only: use pgbouncer-transaction");
        }
    }

    private static void requireEngine(Provider provider, Engine engine, Engine required) {
        if (engine != required) {
            throw new InvalidDeploymentException("database.engine", engine.id(),
                    provider.id() + " runs " + required.id() + " only");
        }
    }
}
