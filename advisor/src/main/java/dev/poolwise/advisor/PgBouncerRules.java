package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings for a PgBouncer the user runs (session or transaction mode, not PlanetScale's, which PlanetScale
 * runs): {@code pool_mode}, {@code max_client_conn}, {@code default_pool_size}, {@code reserve_pool_size},
 * {@code max_db_connections}, {@code server_idle_timeout}, {@code server_lifetime},
 * {@code max_prepared_statements} (transaction mode, 1.21 and later) and {@code ignore_startup_parameters}.
 * The numbers come from the same sizing as the pools in front of it:
 * <ul>
 *   <li>server connections never exceed the database's budget ({@code max_connections − reserved − headroom});
 *       {@code max_db_connections} holds PgBouncer to it;</li>
 *   <li>the client limit is the one the fleet's pools were sized against;</li>
 *   <li>server idle timeouts sit below the database's idle limits (scale to zero).</li>
 * </ul>
 * PgBouncer's time settings are in seconds.
 */
final class PgBouncerRules {

    /** PgBouncer's defaults (config docs 1.25): {@code server_idle_timeout} 600 s, {@code server_lifetime} 3600 s. */
    static final Duration DEFAULT_SERVER_IDLE_TIMEOUT = Duration.ofSeconds(600);
    static final Duration DEFAULT_SERVER_LIFETIME = Duration.ofSeconds(3600);
    static final Duration DEFAULT_RESERVE_POOL_TIMEOUT = Duration.ofSeconds(5);
    /** What {@code max_prepared_statements} is set to where PgBouncer supports it (its own default from 1.24). */
    static final int MAX_PREPARED_STATEMENTS = 200;

    private PgBouncerRules() {
    }

    /** PgBouncer's server pool per (user, database) pair, and how it was chosen. */
    record ServerPool(int size, String formula) {
    }

    /**
     * @param deployment a deployment through PgBouncer
     * @return whether it is a PgBouncer the user runs (and so configures): either mode, not PlanetScale's
     */
    static boolean userRuns(Deployment deployment) {
        return deployment.between().kind().isPgBouncer()
                && deployment.database().provider() != Provider.PLANETSCALE;
    }

    /**
     * The server pool: the given {@code between.pool_size}; else, in transaction mode with the server's cores
     * known, {@code cores × 2 + spindles} (the server's efficient busy connections, which every client's
     * transactions share); else PgBouncer's default. Never above the database's budget.
     *
     * @param deployment  a deployment through a PgBouncer the user runs
     * @param poolDefault PgBouncer's {@code default_pool_size} default
     * @param dbBudget    {@code max_connections − reserved − headroom}
     * @return the pool size, at least 1, with its formula
     */
    static ServerPool serverPool(Deployment deployment, int poolDefault, int dbBudget) {
        Database db = deployment.database();
        Pooler between = deployment.between();
        int wanted;
        String why;
        if (between.poolSize() != null) {
            wanted = between.poolSize();
            why = "given between.pool_size " + wanted;
        } else if (between.kind() == PoolerKind.PGBOUNCER_TRANSACTION && db.cores() != null) {
            int spindles = db.spindles() == null ? 0 : db.spindles();
            wanted = db.cores() * 2 + spindles;
            why = "cores × 2 + spindles = " + db.cores() + " × 2 + " + spindles + " = " + wanted
                    + " (the server's efficient busy connections, shared by every client's transactions)";
        } else {
            wanted = poolDefault;
            why = "PgBouncer's default " + poolDefault + " (give --pooler-pool-size"
                    + (between.kind() == PoolerKind.PGBOUNCER_TRANSACTION ? " or the server's --cores" : "") + ")";
        }
        int size = Math.max(1, Math.min(wanted, dbBudget));
        String formula = wanted > size ? why + ", capped at the database budget " + dbBudget + " = " + size : why;
        return new ServerPool(size, formula);
    }

    static List<Setting> apply(Deployment deployment, DatabaseLimits limits, ProviderCatalog catalog, int poolSize,
                               int maxProcesses, List<Warning> warnings, List<Infeasibility> infeasible) {
        if (!userRuns(deployment)) {
            return List.of();
        }
        Pooler between = deployment.between();
        boolean transaction = between.kind() == PoolerKind.PGBOUNCER_TRANSACTION;
        int dbBudget = limits.databaseBudget();
        String dbBudgetText = "max_connections " + limits.maxConnections() + " − reserved " + limits.reserved()
                + " − headroom " + limits.headroom() + " = " + dbBudget;
        if (dbBudget < 1) {
            infeasible.add(new Infeasibility("PGBOUNCER_NO_SERVER_CONNECTIONS", "PgBouncer needs server"
                    + " connections, but the database leaves none once reserved slots and headroom are kept ("
                    + dbBudgetText + ").", List.of("raise max_connections", "use a larger compute size or plan")));
            return List.of();
        }
        Fact poolDefault = catalog.require("poolers", "pgbouncer", "pool_size");
        Fact clientsDefault = catalog.require("poolers", "pgbouncer", "max_client_connections");
        List<Setting> settings = new ArrayList<>();

        settings.add(new Setting("pool_mode", transaction ? "transaction" : "session", "",
                Reason.of("pool mode", transaction
                        ? "transaction: a server connection is shared between clients' transactions"
                        : "session: each client keeps its server connection until it disconnects")));

        long fleet = (long) poolSize * maxProcesses;
        int clients = between.maxClientConnections() != null ? between.maxClientConnections()
                : clientsDefault.asInt();
        String clientsSource = between.maxClientConnections() != null ? "given between.max_client_connections"
                : "PgBouncer's default";
        settings.add(new Setting("max_client_conn", clients, "connections", new Reason("client limit",
                clientsSource + " " + clients + ", the limit the fleet was sized against: " + maxProcesses
                        + " pools × " + poolSize + " = " + fleet + " at the maximum fleet, the rest for admin"
                        + " consoles and other clients; raise it (--pooler-max-clients) before the fleet grows",
                Map.of("fleet", String.valueOf(fleet)), between.maxClientConnections() != null ? List.of()
                        : List.of(clientsDefault.citation()))));

        ServerPool pool = serverPool(deployment, poolDefault.asInt(), dbBudget);
        if (between.poolSize() != null && between.poolSize() > dbBudget) {
            warnings.add(new Warning("PGBOUNCER_POOL_OVER_DATABASE", "between.pool_size " + between.poolSize()
                    + " server connections exceed the database's budget (" + dbBudgetText + "): at peak the"
                    + " database would refuse them. The pgbouncer.ini lowers default_pool_size to " + pool.size()
                    + "."));
        }
        settings.add(new Setting("default_pool_size", pool.size(), "connections", new Reason("server pool",
                pool.formula() + (transaction ? "" : "; session mode: every client holds one, so the fleet's pools"
                        + " add up to at most this"), Map.of("database budget", dbBudgetText),
                pool.formula().startsWith("PgBouncer's default") ? List.of(poolDefault.citation()) : List.of())));

        int spare = dbBudget - pool.size();
        int reserve = Math.min(Math.max(1, (pool.size() + 9) / 10), spare);
        settings.add(new Setting("reserve_pool_size", reserve, "connections", Reason.of("reserve pool",
                reserve == 0 ? "0: the server pool already takes the whole database budget " + dbBudget
                        : "min(max(1, 10% of default_pool_size " + pool.size() + "), database budget " + dbBudget
                                + " − " + pool.size() + ") = " + reserve + ": extra server connections for a"
                                + " burst, opened when a client has waited reserve_pool_timeout")));
        settings.add(new Setting("reserve_pool_timeout", DEFAULT_RESERVE_POOL_TIMEOUT.toSeconds(), "seconds",
                Reason.of("reserve pool", "PgBouncer's default 5 s")));
        settings.add(new Setting("max_db_connections", dbBudget, "connections", new Reason("database budget",
                dbBudgetText + ": PgBouncer never opens more server connections to the database, whatever the"
                        + " users and pools (default_pool_size " + pool.size() + " + reserve " + reserve + " fit)",
                Map.of(), limits.budgetReason().sources().stream().filter(c -> !c.startsWith("PgBouncer")).toList())));

        Duration serverIdle = DEFAULT_SERVER_IDLE_TIMEOUT;
        String serverIdleFormula = "PgBouncer's default 600 s: no idle limit in the path is shorter";
        if (limits.suspendAfter() != null) {
            Duration suspend = limits.suspendAfter();
            Duration under = LifetimeRules.under(suspend);
            if (under.compareTo(serverIdle) < 0) {
                // PgBouncer counts in whole seconds; 0 would turn the timeout off.
                serverIdle = Duration.ofSeconds(Math.max(1, under.toSeconds()));
                serverIdleFormula = deployment.database().provider().displayName() + " scale to zero after "
                        + HumanDuration.format(suspend) + " − " + LifetimeRules.marginText(suspend) + " = "
                        + serverIdle.toSeconds()
                        + " s: idle server connections close before the compute suspends and kills them";
            }
        }
        settings.add(new Setting("server_idle_timeout", serverIdle.toSeconds(), "seconds",
                new Reason("server idle timeout", serverIdleFormula, Map.of(),
                        limits.suspendAfter() != null && !limits.cite("suspend_after").isEmpty()
                                ? List.of(limits.cite("suspend_after")) : List.of())));
        settings.add(new Setting("server_lifetime", DEFAULT_SERVER_LIFETIME.toSeconds(), "seconds",
                Reason.of("server lifetime", "PgBouncer's default 3600 s: no limit in the path cuts server"
                        + " connections sooner; unused ones are retired after it")));

        if (transaction) {
            Fact since = catalog.require("poolers", "pgbouncer", "prepared_statements_since");
            if (between.versionAtLeast(since.value())) {
                Fact onByDefault = catalog.require("poolers", "pgbouncer", "prepared_statements_on_by_default_since");
                settings.add(new Setting("max_prepared_statements", MAX_PREPARED_STATEMENTS, "", new Reason(
                        "prepared statements in transaction mode", MAX_PREPARED_STATEMENTS + ": PgBouncer "
                                + between.version() + " keeps protocol-level prepared statements in transaction"
                                + " mode when this is above 0 (0 by default before " + onByDefault.value() + ", "
                                + MAX_PREPARED_STATEMENTS + " from it), so pgjdbc keeps its server-side prepare",
                        Map.of(), List.of(since.citation(), onByDefault.citation()))));
            }
        }
        if (deployment.database().provider() == Provider.NEON) {
            settings.add(new Setting("server_tls_sslmode", "require", "", Reason.of("TLS to the server",
                    "require: Neon accepts TLS connections only (Neon docs, 2026-02); the pools' sslmode applies to"
                            + " their connections to PgBouncer")));
        }
        settings.add(new Setting("ignore_startup_parameters", "extra_float_digits", "", Reason.of(
                "startup parameters", "pgjdbc sends extra_float_digits when it connects, and PgBouncer refuses"
                        + " startup parameters it does not track unless they are listed here (PgBouncer docs)")));
        return settings;
    }
}
