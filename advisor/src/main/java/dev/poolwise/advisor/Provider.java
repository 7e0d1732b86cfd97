package dev.poolwise.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who runs the database: decides which limits, reserved slots and poolers the catalog knows. */
public enum Provider {
    /** A server you run: limits come from the engine's defaults or your settings. */
    SELF_MANAGED("self-managed", "a self-managed server"),
    /** Neon serverless PostgreSQL: compute sizes in CU, scale to zero, a PgBouncer-based pooled endpoint. */
    NEON("neon", "Neon"),
    /** PlanetScale: MySQL (Vitess) plans with a transaction pool, or PostgreSQL with its PgBouncer. */
    PLANETSCALE("planetscale", "PlanetScale"),
    /** AWS Aurora Serverless v2: {@code max_connections} from the maximum ACU. */
    AURORA_SERVERLESS_V2("aurora-serverless-v2", "Aurora Serverless v2"),
    /** Supabase PostgreSQL: compute sizes with direct and pooler limits, Supavisor. */
    SUPABASE("supabase", "Supabase"),
    /** Amazon RDS (PostgreSQL, MySQL, MariaDB): {@code max_connections} from the instance class's memory. */
    RDS("rds", "Amazon RDS", true),
    /** Amazon Aurora with provisioned instances: {@code max_connections} from the instance class. */
    AURORA_PROVISIONED("aurora-provisioned", "Amazon Aurora", true),
    /** Google Cloud SQL for PostgreSQL: {@code max_connections} by the machine type's memory. */
    CLOUD_SQL("cloud-sql", "Cloud SQL", true),
    /** Azure Database for PostgreSQL flexible server: {@code max_connections} by compute size (SKU). */
    AZURE_POSTGRESQL("azure-postgresql", "Azure Database for PostgreSQL flexible server", true);

    private final String id;
    private final String displayName;
    private final boolean instanceClasses;

    Provider(String id, String displayName) {
        this(id, displayName, false);
    }

    Provider(String id, String displayName, boolean instanceClasses) {
        this.id = id;
        this.displayName = displayName;
        this.instanceClasses = instanceClasses;
    }

    /** @return whether the service is sized by instance class ({@code database.instance_class}) */
    public boolean hasInstanceClasses() {
        return instanceClasses;
    }

    /** @return whether AWS runs it, so RDS Proxy can sit in front */
    public boolean isAws() {
        return this == RDS || this == AURORA_PROVISIONED || this == AURORA_SERVERLESS_V2;
    }

    /** @return the name used in deployment files and on the command line, e.g. {@code aurora-serverless-v2} */
    public String id() {
        return id;
    }

    /** @return the name for people, e.g. {@code Aurora Serverless v2} */
    public String displayName() {
        return displayName;
    }

    /**
     * @param field the field being read, for the error message
     * @param text  the name, e.g. {@code neon}
     * @return the provider
     * @throws InvalidDeploymentException naming the valid providers when {@code text} is none of them
     */
    public static Provider fromId(String field, String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        // "aurora" stays Serverless v2 (sized by --compute ACU); with an instance class the deployment reader
        // takes it for provisioned Aurora.
        switch (name) {
            case "aurora", "aurora-serverless" -> {
                return AURORA_SERVERLESS_V2;
            }
            case "cloudsql", "gcp-cloud-sql", "google-cloud-sql" -> {
                return CLOUD_SQL;
            }
            case "azure", "azure-flexible", "azure-postgresql-flexible" -> {
                return AZURE_POSTGRESQL;
            }
            case "amazon-rds", "aws-rds" -> {
                return RDS;
            }
            default -> {
            }
        }
        for (Provider provider : values()) {
            if (provider.id.equals(name)) {
                return provider;
            }
        }
        throw new InvalidDeploymentException(field, text, "must be one of "
                + Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", ")));
    }
}
