package dev.poolwise.advisor;

import java.util.ArrayList;
import java.util.List;

/**
 * Driver parameters and pooler warnings: {@code prepareThreshold=0} for pgjdbc behind a transaction pooler
 * that cannot keep prepared statements (PgBouncer before 1.21, Supavisor transaction mode), the session-state
 * warning for every transaction pooler, Neon's TLS, and Connector/J's statement cache (RDS Proxy's pinning is
 * {@link RdsProxyRules}'s). They do not depend on the pool size, so they are given even when no size works.
 */
final class DriverRules {

    private DriverRules() {
    }

    static List<Setting> apply(Deployment deployment, ProviderCatalog catalog, List<Warning> warnings) {
        List<Setting> driver = new ArrayList<>();
        Database db = deployment.database();
        Pooler between = deployment.between();
        PoolerKind kind = between.kind();
        if (db.engine() == Engine.POSTGRESQL) {
            if (kind == PoolerKind.SUPAVISOR_TRANSACTION) {
                Fact fact = catalog.require("poolers", "supavisor-transaction", "prepared_statements");
                driver.add(new Setting("prepareThreshold", 0, "", new Reason("no server-side prepared statements",
                        "0: Supavisor in transaction mode has no prepared statements", java.util.Map.of(),
                        List.of(fact.citation()))));
            } else if (kind == PoolerKind.PGBOUNCER_TRANSACTION) {
                Fact since = catalog.require("poolers", "pgbouncer", "prepared_statements_since");
                Fact onByDefault = catalog.require("poolers", "pgbouncer", "prepared_statements_on_by_default_since");
                if (!between.versionAtLeast(since.value())) {
                    String why = between.version() == null
                            ? "the PgBouncer version is not known (give between.version); before " + since.value()
                                    + " transaction mode has no prepared statements"
                            : "PgBouncer " + between.version() + " is before " + since.value()
                                    + ": no prepared statements in transaction mode";
                    driver.add(new Setting("prepareThreshold", 0, "", new Reason("no server-side prepared statements",
                            "0: " + why, java.util.Map.of(), List.of(since.citation()))));
                } else if (!between.versionAtLeast(onByDefault.value())) {
                    warnings.add(new Warning("PGBOUNCER_PREPARED_STATEMENTS", "PgBouncer " + between.version()
                            + " keeps prepared statements in transaction mode only with max_prepared_statements"
                            + " above 0 (its default before " + onByDefault.value() + " is 0): set it, e.g. 200,"
                            + " or add prepareThreshold=0 to the JDBC URL."));
                }
            }
            if (db.provider() == Provider.NEON && !PgBouncerRules.userRuns(deployment)) {
                // Behind a PgBouncer of the user's own, TLS to Neon is PgBouncer's (server_tls_sslmode).
                driver.add(new Setting("sslmode", "require", "", Reason.of("TLS", "Neon accepts TLS connections only"
                        + " (Neon docs, 2026-02)")));
            }
        } else {
            driver.add(new Setting("connectTimeout", 10_000, "ms", Reason.of("connect timeout",
                    "10000 ms: Connector/J waits forever by default (connectTimeout 0)")));
            if (db.engine() == Engine.MYSQL && kind != PoolerKind.RDS_PROXY) {
                driver.add(new Setting("cachePrepStmts", true, "", Reason.of("statement cache",
                        "Connector/J does not cache prepared statements by default")));
                driver.add(new Setting("prepStmtCacheSize", 250, "", Reason.of("statement cache",
                        "250 (common advice 250–500; default 25)")));
                driver.add(new Setting("prepStmtCacheSqlLimit", 2048, "", Reason.of("statement cache",
                        "2048 characters (default 256 leaves most ORM statements uncached)")));
            }
        }
        if (kind.isTransactionMode()) {
            warnings.add(new Warning("SESSION_STATE", kind.displayName() + " gives each transaction whichever server"
                    + " connection is free: session state does not survive between transactions. Do not rely on SET"
                    + " (use SET LOCAL inside a transaction), LISTEN, session advisory locks, temporary tables or"
                    + " WITH HOLD cursors; run migrations and admin work over a direct connection."));
        }
        if (kind == PoolerKind.NEON_POOLER) {
            warnings.add(new Warning("NEON_STARTUP_PARAMETERS", "Neon's pooled endpoint rejects startup parameters"
                    + " PgBouncer does not track: do not pass pgjdbc options=-c ...; set search_path with"
                    + " ALTER ROLE ... SET."));
        }
        return driver;
    }
}
