package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits a deployment's connections meet, resolved from the deployment and the {@link ProviderCatalog}.
 * Two kinds are kept apart, because they are graded differently:
 * <ul>
 *   <li>a <em>hard limit</em> is a vendor's: past it the database or the pooler refuses the connection
 *       ({@code max_connections − reserved}, Neon's 10,000 pooler clients, Supavisor's client limit,
 *       PgBouncer's {@code max_client_conn}); exceeding it is infeasible;</li>
 *   <li>the <em>budget</em> is the hard limit less Poolwise's own headroom, kept for admin sessions, migrations
 *       and other clients; eating into it is a warning.</li>
 * </ul>
 * Behind RDS Proxy the fleet's client connections are multiplexed: no client limit applies, and the budget is
 * the proxy's database connections, which bound the fleet's <em>busy</em> connections (past them transactions
 * wait in the proxy, then fail at {@code ConnectionBorrowTimeout}).
 *
 * @param maxConnections  the database's limit (PlanetScale MySQL: its transaction pool)
 * @param reserved        slots the application cannot use
 * @param headroom        slots Poolwise keeps for admin, migrations and other clients
 * @param databaseBudget  {@code maxConnections − reserved − headroom}
 * @param fleetLimitName  what limits the fleet's connections
 * @param fleetLimitRaw   that limit as the vendor states it
 * @param fleetReserved   slots of that limit the application cannot use
 * @param fleetHeadroom   Poolwise's headroom under that limit
 * @param fleetHardLimit  {@code fleetLimitRaw − fleetReserved}: past it connections are refused
 * @param fleetBudget     {@code fleetHardLimit − fleetHeadroom}: what the fleet's pools should add up to
 * @param busyLimit       server connections behind a transaction pooler or RDS Proxy, or {@code null}
 * @param multiplexed     whether the fleet's client connections are multiplexed without a client limit (RDS
 *                        Proxy): then the budget bounds busy connections, not clients
 * @param budgetReason    how the fleet budget was worked out
 * @param waitTimeout     MySQL/MariaDB {@code wait_timeout} when the application connects directly, or {@code null}
 * @param suspendAfter    scale-to-zero delay, or {@code null} when the database does not scale to zero
 * @param wakeUp          how long waking from scale to zero may take, or {@code null}
 * @param proxy           RDS Proxy's settings as resolved, or {@code null} without RDS Proxy
 * @param citations       source and date of each catalog fact used, by name
 * @param assumed         inputs assumed, each a sentence saying what was assumed and how to give it
 */
record DatabaseLimits(int maxConnections, int reserved, int headroom, int databaseBudget, String fleetLimitName,
                      int fleetLimitRaw, int fleetReserved, int fleetHeadroom, int fleetHardLimit, int fleetBudget,
                      Integer busyLimit, boolean multiplexed, Reason budgetReason, Duration waitTimeout,
                      Duration suspendAfter, Duration wakeUp, RdsProxy proxy, Map<String, Fact> citations,
                      List<String> assumed) {

    /**
     * RDS Proxy's settings, given or AWS's defaults, and the database connections they allow.
     *
     * @param maxConnectionsPercent     {@code MaxConnectionsPercent}
     * @param maxIdleConnectionsPercent {@code MaxIdleConnectionsPercent}
     * @param idleClientTimeout         {@code IdleClientTimeout}
     * @param connectionBorrowTimeout   {@code ConnectionBorrowTimeout}
     * @param databaseConnections       what the proxy may open: {@code min(percent × max_connections,
     *                                  max_connections − reserved)}
     * @param idleConnections           idle database connections it keeps open
     * @param idleClientTimeoutSource   the citation for {@code IdleClientTimeout}, or {@code given}
     */
    record RdsProxy(int maxConnectionsPercent, int maxIdleConnectionsPercent, Duration idleClientTimeout,
                    Duration connectionBorrowTimeout, int databaseConnections, int idleConnections,
                    String idleClientTimeoutSource) {
    }

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
        String limitFormula = null;

        Integer max = db.maxConnections();
        if (max == null) {
            Fact fact = switch (provider) {
                case SELF_MANAGED -> {
                    Fact engineDefault = catalog.require("engines", engine.id(), "max_connections");
                    assumed.add("max_connections " + engineDefault.value() + " (the " + engine.id() + " default);"
                            + " give database.max_connections (--max-connections) if the server is configured"
                            + " otherwise.");
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
                case RDS, AURORA_PROVISIONED, CLOUD_SQL, AZURE_POSTGRESQL -> {
                    if (db.instanceClass() == null) {
                        yield null;
                    }
                    InstanceClasses.Derived derived = InstanceClasses.maxConnections(catalog, provider, engine,
                            db.instanceClass());
                    limitFormula = derived.formula();
                    if (derived.assumption() != null) {
                        assumed.add(derived.assumption() + "; give database.max_connections (--max-connections) from"
                                + " SHOW max_connections for the exact value.");
                    }
                    for (int i = 1; i < derived.facts().size(); i++) {
                        cited.put("instance class " + i, derived.facts().get(i));
                    }
                    Fact first = derived.facts().get(0);
                    yield new Fact(String.valueOf(derived.maxConnections()), first.source(), first.date());
                }
            };
            if (fact == null) {
                if (provider == Provider.PLANETSCALE && engine == Engine.POSTGRESQL) {
                    missing.add("database.max_connections: PlanetScale Postgres's max_connections (the catalog has"
                            + " no table for its sizes; SHOW max_connections tells)");
                } else if (provider.hasInstanceClasses()) {
                    missing.add("database.instance_class: the " + provider.displayName() + " instance class (e.g. "
                            + InstanceClasses.known(catalog, provider, engine) + "), or database.max_connections");
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
        int minimum = catalog.require("rules", "headroom_minimum").asInt();
        Fact fraction = catalog.find("providers", provider.id(), "headroom_fraction")
                .orElseGet(() -> catalog.require("rules", "headroom_fraction"));
        Headroom given = db.headroom();
        int headroom = given != null ? given.of(max)
                : Math.max(minimum, (int) Math.ceil(fraction.asDouble() * max));
        headroom = Math.min(headroom, max - reserved);
        if (given == null) {
            cited.put("headroom", fraction);
        }
        int dbBudget = max - reserved - headroom;

        String fleetName = "database " + limitName;
        int fleetRaw = max;
        int fleetReserved = reserved;
        int fleetHeadroom = headroom;
        boolean ownHeadroom = false;
        Integer busyLimit = null;
        boolean multiplexed = false;
        RdsProxy proxy = null;
        PoolerKind kind = between.kind();
        switch (kind) {
            case NEON_POOLER -> {
                Fact clients = catalog.require("providers", "neon", "pooler", "max_client_connections");
                Fact share = catalog.require("providers", "neon", "pooler", "pool_size_fraction");
                cited.put("pooler max_client_conn", clients);
                cited.put("pooler pool size", share);
                fleetName = "Neon pooler max_client_conn";
                fleetRaw = clients.asInt();
                ownHeadroom = true;
                busyLimit = (int) Math.floor(share.asDouble() * max);
            }
            case SUPAVISOR_TRANSACTION, SUPAVISOR_SESSION -> {
                if (kind == PoolerKind.SUPAVISOR_TRANSACTION && db.compute() != null) {
                    Fact clients = catalog.byComputeSize("database.compute", db.compute(), "providers", "supabase",
                            "pooler_clients");
                    cited.put("pooler clients", clients);
                    fleetName = "Supavisor client limit";
                    fleetRaw = clients.asInt();
                    ownHeadroom = true;
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
                    assumed.add("PgBouncer's max_client_conn " + clientsDefault.value() + " (its default, "
                            + clientsDefault.citation() + "); give between.max_client_connections"
                            + " (--pooler-max-clients) if yours is set otherwise.");
                }
                if (between.poolSize() == null) {
                    cited.put("pgbouncer default_pool_size", poolDefault);
                }
                if (kind == PoolerKind.PGBOUNCER_TRANSACTION) {
                    fleetName = "PgBouncer max_client_conn";
                    fleetRaw = clients;
                    ownHeadroom = true;
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
            case RDS_PROXY -> {
                proxy = rdsProxy(between.proxy(), catalog, max, reserved, cited, assumed);
                fleetName = "RDS Proxy database connections (MaxConnectionsPercent " + proxy.maxConnectionsPercent()
                        + "% of max_connections " + max + ")";
                fleetRaw = (int) Math.floor(proxy.maxConnectionsPercent() / 100.0 * max);
                fleetReserved = fleetRaw - proxy.databaseConnections();
                fleetHeadroom = 0;
                busyLimit = proxy.databaseConnections();
                multiplexed = true;
            }
            default -> {
            }
        }
        Fact fleetFraction = given == null ? fraction : null;
        if (ownHeadroom) {
            // A pooler's client limit: no reserved slots; Poolwise's headroom for admin consoles and other clients.
            fleetReserved = 0;
            fleetFraction = given == null ? catalog.require("rules", "headroom_fraction") : null;
            fleetHeadroom = given != null ? given.of(fleetRaw)
                    : Math.max(minimum, (int) Math.ceil(fleetFraction.asDouble() * fleetRaw));
            fleetHeadroom = Math.min(fleetHeadroom, fleetRaw);
        }
        int fleetHard = fleetRaw - fleetReserved;
        int fleetBudget = fleetHard - fleetHeadroom;
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("limit", fleetName + " " + fleetRaw);
        inputs.put("reserved", String.valueOf(fleetReserved));
        inputs.put("headroom", String.valueOf(fleetHeadroom));
        String headroomText = given != null ? "given " + given.text()
                : fleetFraction == null ? "none"
                : "max(" + minimum + ", " + Math.round(fleetFraction.asDouble() * 100) + "% of " + fleetRaw + ")";
        String formula = (limitFormula != null ? "max_connections " + limitFormula + "; " : "")
                + fleetName + " " + fleetRaw + " − reserved " + fleetReserved + " − headroom " + fleetHeadroom
                + (multiplexed ? "" : " (" + headroomText + ")") + " = " + fleetBudget
                + (multiplexed ? " busy at once; its clients are multiplexed, so no client limit applies" : "");
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
        return new DatabaseLimits(max, reserved, headroom, dbBudget, fleetName, fleetRaw, fleetReserved,
                fleetHeadroom, fleetHard, fleetBudget, busyLimit, multiplexed, reason, waitTimeout, suspendAfter,
                wakeUp, proxy, cited, assumed);
    }

    /** RDS Proxy's settings: each given one, else AWS's default, said as assumed. */
    private static RdsProxy rdsProxy(RdsProxySettings given, ProviderCatalog catalog, int max, int reserved,
                                     Map<String, Fact> cited, List<String> assumed) {
        RdsProxySettings settings = given != null ? given : RdsProxySettings.UNKNOWN;
        List<String> defaults = new ArrayList<>();
        int percent;
        if (settings.maxConnectionsPercent() != null) {
            percent = settings.maxConnectionsPercent();
        } else {
            Fact fact = catalog.require("poolers", "rds-proxy", "max_connections_percent");
            percent = fact.asInt();
            cited.put("RDS Proxy MaxConnectionsPercent", fact);
            defaults.add("MaxConnectionsPercent " + fact.value() + " (--proxy-max-connections-percent)");
        }
        int idlePercent;
        if (settings.maxIdleConnectionsPercent() != null) {
            idlePercent = settings.maxIdleConnectionsPercent();
        } else {
            Fact fact = catalog.require("poolers", "rds-proxy", "max_idle_connections_percent");
            // AWS: half of a given MaxConnectionsPercent, else 50.
            idlePercent = settings.maxConnectionsPercent() != null ? settings.maxConnectionsPercent() / 2 : fact.asInt();
            cited.put("RDS Proxy MaxIdleConnectionsPercent", fact);
            defaults.add("MaxIdleConnectionsPercent " + idlePercent + " (--proxy-max-idle-connections-percent)");
        }
        Duration idleClient;
        String idleClientSource = "given";
        if (settings.idleClientTimeout() != null) {
            idleClient = settings.idleClientTimeout();
        } else {
            Fact fact = catalog.require("poolers", "rds-proxy", "idle_client_timeout");
            idleClient = fact.asDuration();
            idleClientSource = fact.citation();
            cited.put("RDS Proxy IdleClientTimeout", fact);
            defaults.add("IdleClientTimeout " + HumanDuration.format(idleClient) + " (--proxy-idle-client-timeout)");
        }
        Duration borrow;
        if (settings.connectionBorrowTimeout() != null) {
            borrow = settings.connectionBorrowTimeout();
        } else {
            Fact fact = catalog.require("poolers", "rds-proxy", "connection_borrow_timeout");
            borrow = fact.asDuration();
            cited.put("RDS Proxy ConnectionBorrowTimeout", fact);
            defaults.add("ConnectionBorrowTimeout " + HumanDuration.format(borrow) + " (--proxy-borrow-timeout)");
        }
        if (!defaults.isEmpty()) {
            assumed.add("RDS Proxy's " + String.join(", ", defaults) + ": AWS's defaults (RDS Proxy docs); give"
                    + " the proxy's own settings if they differ.");
        }
        // The proxy connects as an ordinary user: the superuser's reserved slots are not its to take.
        int connections = Math.max(1, Math.min((int) Math.floor(percent / 100.0 * max), max - reserved));
        int idle = (int) Math.floor(idlePercent / 100.0 * max);
        return new RdsProxy(percent, idlePercent, idleClient, borrow, connections, idle, idleClientSource);
    }

    private static List<String> computeSizes(ProviderCatalog catalog, Provider provider, Engine engine) {
        return switch (provider) {
            case NEON -> catalog.sizes("providers", "neon", "max_connections");
            case SUPABASE -> catalog.sizes("providers", "supabase", "max_connections");
            case AURORA_SERVERLESS_V2 -> catalog.sizes("providers", "aurora-serverless-v2", "max_connections",
                    engine.id());
            case PLANETSCALE -> catalog.sizes("providers", "planetscale", "transaction_pool");
            default -> List.of();
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
