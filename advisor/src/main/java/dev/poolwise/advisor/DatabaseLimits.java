package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits a deployment's connections meet, resolved from the deployment and the {@link ProviderCatalog}:
 * the database's {@code max_connections}, reserved slots and headroom, what the fleet may hold (the database's
 * budget, or a pooler's client limit), and the timeouts that cut connections.
 *
 * @param maxConnections  the database's limit (PlanetScale MySQL: its transaction pool)
 * @param reserved        slots the application cannot use
 * @param headroom        slots kept for admin, migrations and other clients
 * @param databaseBudget  {@code maxConnections − reserved − headroom}
 * @param fleetLimitName  what limits the fleet's connections
 * @param fleetLimitRaw   that limit before reserved slots and headroom
 * @param fleetBudget     what the fleet's pools may add up to
 * @param busyLimit       server connections behind a transaction pooler, or {@code null}
 * @param budgetReason    how the fleet budget was worked out
 * @param waitTimeout     MySQL/MariaDB {@code wait_timeout} when the application connects directly, or {@code null}
 * @param suspendAfter    scale-to-zero delay, or {@code null} when the database does not scale to zero
 * @param wakeUp          how long waking from scale to zero may take, or {@code null}
 * @param citations       source and date of each catalog fact used, by name
 * @param assumedDefaults inputs assumed from an engine default, e.g. {@code max_connections 100}
 */
record DatabaseLimits(int maxConnections, int reserved, int headroom, int databaseBudget, String fleetLimitName,
                      int fleetLimitRaw, int fleetBudget, Integer busyLimit, Reason budgetReason,
                      Duration waitTimeout, Duration suspendAfter, Duration wakeUp, Map<String, Fact> citations,
                      List<String> assumedDefaults) {

    /**
     * @param deployment the deployment
     * @param catalog    the facts
     * @param missing    receives the inputs that are needed and absent, as {@code path: what}
     * @return the limits, or {@code null} when inputs are missing (then {@code missing} says which)
     */
    static DatabaseLimits resolve(Deployment deployment, ProviderCatalog catalog, List<String> missing) {
        Database db = deployment.database();
        Pooler between = deployment.between();
        Map<String, Fact> cited = new LinkedHashMap<>();
        List<String> assumed = new ArrayList<>();
        Engine engine = db.engine();
        Provider provider = db.provider();
        String limitName = "max_connections";

        Integer max = db.maxConnections();
        if (max == null) {
            Fact fact = switch (provider) {
                case SELF_MANAGED -> {
                    Fact engineDefault = catalog.require("engines", engine.id(), "max_connections");
                    assumed.add("max_connections " + engineDefault.value() + " (the " + engine.id() + " default)");
                    yield engineDefault;
                }
                case NEON -> db.compute() == null ? null
                        : catalog.byComputeSize("database.compute", db.compute(), "providers", "neon", "max_connections");
                case SUPABASE -> db.compute() == null ? null
                        : catalog.byComputeSize("database.compute", db.compute(), "providers", "supabase",
                                "max_connections");
                case AURORA_SERVERLESS_V2 -> db.compute() == null ? null
                        : catalog.byComputeSize("database.compute", db.compute(), "providers", "aurora-serverless-v2",
                                "max_connections", engine.id());
                case PLANETSCALE -> engine == Engine.MYSQL && db.compute() != null
                        ? catalog.byComputeSize("database.compute", db.compute(), "providers", "planetscale",
                                "transaction_pool")
                        : null;
            };
            if (fact == null) {
                if (provider == Provider.PLANETSCALE && engine == Engine.POSTGRESQL) {
                    missing.add("database.max_connections: PlanetScale Postgres's max_connections (the catalog has"
                            + " no table for its sizes; SHOW max_connections tells)");
                } else {
                    missing.add("database.compute: the " + provider.displayName() + " "
                            + catalog.find("providers", provider.id(), "compute_unit").map(Fact::value)
                                    .orElse("compute size")
                            + " (one of " + String.join(", ", computeSizes(catalog, provider, engine))
                            + "), or database.max_connections");
                }
                return null;
            }
            max = fact.asInt();
            if (provider == Provider.AURORA_SERVERLESS_V2 && engine == Engine.POSTGRESQL
                    && "0.5".equals(db.minCompute())) {
                Fact cap = catalog.require("providers", "aurora-serverless-v2", "postgresql_cap_at_min_acu_half");
                if (max > cap.asInt()) {
                    max = cap.asInt();
                    cited.put("max_connections cap at min ACU 0.5", cap);
                }
            }
            if (provider == Provider.PLANETSCALE) {
                limitName = "transaction pool";
            }
            cited.put(limitName, fact);
        }

        Integer reserved = db.reservedConnections();
        if (reserved == null) {
            Fact fact = provider == Provider.PLANETSCALE && engine == Engine.MYSQL
                    ? catalog.require("engines", "mysql", "reserved_connections")
                    : catalog.find("providers", provider.id(), "reserved_connections")
                            .orElseGet(() -> catalog.require("engines", engine.id(), "reserved_connections"));
            reserved = fact.asInt();
            cited.put("reserved", fact);
        }
        if (reserved >= max) {
            throw new InvalidDeploymentException("database.reserved_connections", reserved,
                    "must be below max_connections (" + max + ")");
        }
        Fact fraction = catalog.find("providers", provider.id(), "headroom_fraction")
                .orElseGet(() -> catalog.require("rules", "headroom_fraction"));
        int minimum = catalog.require("rules", "headroom_minimum").asInt();
        int headroom = Math.max(minimum, (int) Math.ceil(fraction.asDouble() * max));
        cited.put("headroom", fraction);
        int dbBudget = max - reserved - headroom;

        String fleetName = "database " + limitName;
        int fleetRaw = max;
        int fleetReserved = reserved;
        int fleetHeadroom = headroom;
        Integer busyLimit = null;
        PoolerKind kind = between.kind();
        switch (kind) {
            case NEON_POOLER -> {
                Fact clients = catalog.require("providers", "neon", "pooler", "max_client_connections");
                Fact share = catalog.require("providers", "neon", "pooler", "pool_size_fraction");
                cited.put("pooler max_client_conn", clients);
                cited.put("pooler pool size", share);
                fleetName = "Neon pooler max_client_conn";
                fleetRaw = clients.asInt();
                busyLimit = (int) Math.floor(share.asDouble() * max);
            }
            case SUPAVISOR_TRANSACTION, SUPAVISOR_SESSION -> {
                if (kind == PoolerKind.SUPAVISOR_TRANSACTION && db.compute() != null) {
                    Fact clients = catalog.byComputeSize("database.compute", db.compute(), "providers", "supabase",
                            "pooler_clients");
                    cited.put("pooler clients", clients);
                    fleetName = "Supavisor client limit";
                    fleetRaw = clients.asInt();
                    busyLimit = Math.max(1, dbBudget);
                }
            }
            case PGBOUNCER_TRANSACTION, PGBOUNCER_SESSION -> {
                if (provider == Provider.PLANETSCALE) {
                    break; // PlanetScale runs its PgBouncer; its limits are not in the catalog.
                }
                Fact clientsDefault = catalog.require("poolers", "pgbouncer", "max_client_connections");
                Fact poolDefault = catalog.require("poolers", "pgbouncer", "pool_size");
                int clients = between.maxClientConnections() != null ? between.maxClientConnections()
                        : clientsDefault.asInt();
                // The server pool never exceeds what the database admits (PgBouncerRules writes the same number).
                int pool = PgBouncerRules.serverPool(deployment, poolDefault.asInt(), dbBudget).size();
                if (between.maxClientConnections() == null) {
                    cited.put("pgbouncer max_client_conn", clientsDefault);
                }
                if (between.poolSize() == null) {
                    cited.put("pgbouncer default_pool_size", poolDefault);
                }
                if (kind == PoolerKind.PGBOUNCER_TRANSACTION) {
                    fleetName = "PgBouncer max_client_conn";
                    fleetRaw = clients;
                    busyLimit = pool;
                } else {
                    // Session mode: each client keeps a server connection, so the server pool (within the
                    // database's budget) is the fleet's limit.
                    fleetName = "PgBouncer default_pool_size (session mode)";
                    fleetRaw = Math.min(clients, pool);
                    fleetReserved = 0;
                    fleetHeadroom = 0;
                }
            }
            default -> {
            }
        }
        Fact fleetFraction = fraction;
        if (!fleetName.startsWith("database") && fleetHeadroom != 0) {
            fleetReserved = 0;
            fleetFraction = catalog.require("rules", "headroom_fraction");
            fleetHeadroom = Math.max(minimum, (int) Math.ceil(fleetFraction.asDouble() * fleetRaw));
        }
        int fleetBudget = fleetRaw - fleetReserved - fleetHeadroom;
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("limit", fleetName + " " + fleetRaw);
        inputs.put("reserved", String.valueOf(fleetReserved));
        inputs.put("headroom", String.valueOf(fleetHeadroom));
        String formula = fleetName + " " + fleetRaw + " − reserved " + fleetReserved + " − headroom " + fleetHeadroom
                + " (max(" + minimum + ", " + Math.round(fleetFraction.asDouble() * 100) + "% of " + fleetRaw + ")) = "
                + fleetBudget;
        List<String> sources = cited.values().stream().map(Fact::citation).distinct().toList();
        Reason reason = new Reason("budget = limit − reserved − headroom", formula, inputs, sources);

        Duration waitTimeout = null;
        if (engine.isMysqlFamily() && kind == PoolerKind.NONE && provider != Provider.PLANETSCALE) {
            if (db.waitTimeout() != null) {
                waitTimeout = db.waitTimeout();
            } else {
                Fact fact = catalog.require("engines", engine.id(), "wait_timeout");
                cited.put("wait_timeout", fact);
                waitTimeout = fact.asDuration();
            }
        }
        Duration suspendAfter = null;
        Duration wakeUp = null;
        if (provider == Provider.NEON) {
            if (db.suspendAfter() != null) {
                suspendAfter = db.suspendAfter().isZero() ? null : db.suspendAfter();
            } else {
                Fact fact = catalog.require("providers", "neon", "suspend_after");
                cited.put("suspend_after", fact);
                suspendAfter = fact.asDuration();
            }
            if (suspendAfter != null) {
                Fact fact = catalog.require("providers", "neon", "wake_up");
                cited.put("wake_up", fact);
                wakeUp = fact.asDuration();
            }
        } else if (db.suspendAfter() != null && !db.suspendAfter().isZero()) {
            suspendAfter = db.suspendAfter();
        }
        return new DatabaseLimits(max, reserved, headroom, dbBudget, fleetName, fleetRaw, fleetBudget, busyLimit,
                reason, waitTimeout, suspendAfter, wakeUp, cited, assumed);
    }

    private static List<String> computeSizes(ProviderCatalog catalog, Provider provider, Engine engine) {
        return switch (provider) {
            case NEON -> catalog.sizes("providers", "neon", "max_connections");
            case SUPABASE -> catalog.sizes("providers", "supabase", "max_connections");
            case AURORA_SERVERLESS_V2 -> catalog.sizes("providers", "aurora-serverless-v2", "max_connections",
                    engine.id());
            case PLANETSCALE -> catalog.sizes("providers", "planetscale", "transaction_pool");
            case SELF_MANAGED -> List.of();
        };
    }

    /**
     * @param name a fact's name in {@link #citations()}
     * @return its citation, or empty text
     */
    String cite(String name) {
        Fact fact = citations.get(name);
        return fact == null ? "" : fact.citation();
    }
}
