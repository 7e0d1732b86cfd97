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
    SUPABASE("supabase", "Supabase");

    private final String id;
    private final String displayName;

    Provider(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
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
        if (name.equals("aurora") || name.equals("aurora-serverless")) {
            return AURORA_SERVERLESS_V2;
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
