package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Deployment} into a {@link Recommendation}. The rules, each of which leaves a {@link Reason}:
 * <ol>
 *   <li>Budget: the fleet's pools add up to at most the hard limit ({@code max_connections − reserved}, or a
 *       pooler's client limit), and should stay under the budget, which keeps Poolwise's headroom
 *       ({@code max(5, 10%)}, 20% on Supabase, or {@code --headroom}) for admin, migrations and other clients,
 *       shared across the <em>maximum</em> fleet ({@link DatabaseLimits}). Exceeding a hard limit is infeasible;
 *       eating into the headroom is a warning that says what it was for. Behind RDS Proxy clients are
 *       multiplexed and the budget bounds busy connections ({@link RdsProxyRules}).</li>
 *   <li>Deadlock floor: a unit of work holding {@code Cm} connections at once needs
 *       {@code threads × (Cm − 1) + 1} per pool, or some thread can wait forever.</li>
 *   <li>Little's law: the fleet's busy connections are {@code rate × p99 hold × Cm}; each process of the
 *       minimum fleet needs its share plus 25% (at least 1) for bursts, and never more than its threads can
 *       hold.</li>
 *   <li>Efficient busy connections: {@code cores × 2 + spindles} bounds the whole fleet's busy connections,
 *       so each pool of the minimum fleet is capped at its share of it. Behind Neon's pooler its server pool
 *       ({@code default_pool_size = 0.9 × max_connections}), and behind RDS Proxy its database connections,
 *       bound them the same way.</li>
 *   <li>Serverless functions: one invocation at a time per instance, so a pool of {@code Cm} (1 normally),
 *       unpooled when instances are not reused, behind the provider's pooler.</li>
 *   <li>Lifetimes, idle timeouts and keepalives below every limit in the path ({@link LifetimeRules}); driver
 *       settings for poolers ({@link DriverRules}), given whatever the size, feasible or not.</li>
 *   <li>A PgBouncer the user runs gets its own settings from the same numbers ({@link PgBouncerRules}).</li>
 * </ol>
 * The reason for the pool size names the term that decided it and what the others allowed.
 */
public final class SizingRules {

    /** Units of work at once in one process above which the number is more likely a typo than a fleet. */
    static final int IMPLAUSIBLE_CONCURRENCY = 10_000;

    private final ProviderCatalog catalog;

    /** @param catalog the provider facts to use */
    public SizingRules(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return rules over the catalog shipped with Poolwise */
    public static SizingRules withBundledCatalog() {
        return new SizingRules(ProviderCatalog.bundled());
    }

    /**
     * @param deployment the deployment to size pools for
     * @return the recommendation, feasible or not
     * @throws MissingInputsException when inputs the rules need are absent (all of them are listed)
     */
    public Recommendation recommend(Deployment deployment) {
        List<String> missing = new ArrayList<>();
        Application app = deployment.application();
        if (!app.isServerless()) {
            if (app.maxInstances() == null && app.minInstances() == null) {
                missing.add("application.instances: how many instances (servers, pods) run the application; for"
                        + " an autoscaling fleet, min_instances and max_instances");
            } else if (app.minInstances() == null) {
                missing.add("application.min_instances: the autoscaler's minimum (max_instances alone is not a"
                        + " fixed fleet; for one, give instances)");
            } else if (app.maxInstances() == null) {
                missing.add("application.max_instances: the autoscaler's maximum (min_instances alone is not a"
                        + " fixed fleet; for one, give instances)");
            }
            if (app.concurrencyPerProcess() == null) {
                missing.add("application.threads: threads per process that use the database (or"
                        + " async_concurrency)");
            }
        }
        DatabaseLimits limits = DatabaseLimits.resolve(deployment, catalog, missing);
        if (!missing.isEmpty()) {
            throw new MissingInputsException(missing);
        }
        List<Warning> warnings = new ArrayList<>();
        List<Infeasibility> infeasible = new ArrayList<>();
        List<Setting> pool = new ArrayList<>();
        for (String assumed : limits.assumed()) {
            warnings.add(new Warning("ASSUMED_DEFAULT", "Assumed " + assumed));
        }
        workloadInputs(deployment.workload(), warnings);
        if (limits.fleetHardLimit() < 1) {
            infeasible.add(new Infeasibility("NO_BUDGET", "The " + limits.fleetLimitName() + " of "
                    + limits.fleetLimitRaw() + " leaves no connections for the application once reserved slots are"
                    + " kept (" + limits.budgetReason().formula() + ").",
                    List.of(ProviderFixes.largerDatabase(deployment))));
        }

        int size;
        int minProcesses;
        int maxProcesses;
        Integer efficient = efficientBusy(deployment.database());
        if (app.isServerless()) {
            minProcesses = 1;
            maxProcesses = app.serverlessConcurrency();
            size = sizeFunctions(deployment, limits, pool, warnings, infeasible);
        } else {
            minProcesses = app.minInstances() * app.processes();
            maxProcesses = app.maxInstances() * app.processes();
            size = new ServerSizing(deployment, limits, catalog, efficient, minProcesses, maxProcesses)
                    .size(pool, warnings, infeasible);
        }
        LifetimeRules.apply(deployment, limits, catalog, size, pool, warnings, infeasible);
        List<Setting> driver = DriverRules.apply(deployment, catalog, warnings);
        List<Setting> pooler = PgBouncerRules.apply(deployment, limits, catalog, size, maxProcesses, warnings,
                infeasible);

        int fleetTotal = infeasible.isEmpty() ? (int) Math.min(Integer.MAX_VALUE, (long) size * maxProcesses) : 0;
        ConnectionBudget budget = new ConnectionBudget(limits.fleetLimitName(), limits.fleetLimitRaw(),
                limits.fleetReserved(), limits.fleetHeadroom(), limits.fleetBudget(), limits.busyLimit(), efficient,
                minProcesses, maxProcesses, fleetTotal, limits.budgetReason(), limits.fleetHardLimit(),
                limits.multiplexed());
        return new Recommendation(deployment, pool, driver, budget, warnings, infeasible, pooler);
    }

    /** A rate without a hold time (or the reverse) cannot feed Little's law: say it is not used, and why. */
    private static void workloadInputs(Workload work, List<Warning> warnings) {
        if (work.unitsPerSecond() != null && work.sizingHoldTime() == null) {
            warnings.add(new Warning("RATE_WITHOUT_HOLD_TIME", "The rate of " + number(work.unitsPerSecond())
                    + "/s is not used: Little's law needs how long each unit of work holds a connection as well"
                    + " (busy connections = rate × hold time). Give --hold-time-p99 (or --hold-time); until then"
                    + " each thread is taken to hold its connections at once."));
        }
        if (work.sizingHoldTime() != null && work.unitsPerSecond() == null) {
            warnings.add(new Warning("HOLD_TIME_WITHOUT_RATE", "The hold time of "
                    + HumanDuration.format(work.sizingHoldTime()) + " is not used: Little's law needs the rate of"
                    + " units of work as well (busy connections = rate × hold time). Give --rate (units per second,"
                    + " whole fleet, at peak); until then each thread is taken to hold its connections at once."));
        }
    }

    static Integer efficientBusy(Database db) {
        if (db.cores() == null) {
            return null;
        }
        return db.cores() * 2 + (db.spindles() == null ? 0 : db.spindles());
    }

    private int sizeFunctions(Deployment deployment, DatabaseLimits limits, List<Setting> pool,
                              List<Warning> warnings, List<Infeasibility> infeasible) {
        Application app = deployment.application();
        Workload work = deployment.workload();
        int perUnit = work.connectionsPerUnit();
        int concurrency = app.serverlessConcurrency();
        boolean reuse = Boolean.TRUE.equals(app.instanceReuse());
        int size = perUnit;
        long fleet = (long) size * concurrency;
        PoolerKind kind = deployment.between().kind();
        ProviderFixes.pooler(deployment).ifPresent(fix -> {
            if (deployment.database().provider() != Provider.SELF_MANAGED) {
                warnings.add(new Warning("USE_PROVIDER_POOLER", "Serverless functions open connections in bursts"
                        + " and should not connect directly: " + fix + "."));
            }
        });
        if (kind == PoolerKind.NEON_POOLER && limits.busyLimit() != null && fleet > limits.busyLimit()) {
            warnings.add(new Warning("FUNCTIONS_OVER_POOLER", concurrency + " concurrent functions × " + size + " = "
                    + fleet + " connections, but Neon's pooler runs at most " + limits.busyLimit() + " transactions"
                    + " at once (default_pool_size = 0.9 × max_connections " + limits.maxConnections() + "): at peak,"
                    + " transactions queue in the pooler and fail after its query_wait_timeout. Cap the functions'"
                    + " concurrency at " + (limits.busyLimit() / size) + " or use a larger compute."));
        }
        if (perUnit > 2) {
            warnings.add(new Warning("FUNCTION_HOLDS_MANY", "Each invocation holds " + perUnit
                    + " connections at once; functions should hold 1 (2 at most): every extra one multiplies by the"
                    + " functions' concurrency (" + concurrency + ")."));
        }
        String fleetText = concurrency + " concurrent functions × " + connections(size) + " = " + fleet;
        if (limits.multiplexed()) {
            Double busy = busyFleet(work);
            RdsProxyRules.apply(deployment, limits, fleet, busy, concurrency + " functions × " + size, warnings);
        } else if (fleet > limits.fleetHardLimit()) {
            List<String> fixes = new ArrayList<>();
            ProviderFixes.pooler(deployment).ifPresent(fixes::add);
            int keepsHeadroom = Math.max(0, limits.fleetBudget() / size);
            int most = Math.max(0, limits.fleetHardLimit() / size);
            fixes.add("cap the functions' concurrency at " + keepsHeadroom + " (now " + concurrency + ")"
                    + (most > keepsHeadroom ? "; " + most + " at most, without Poolwise's headroom" : ""));
            fixes.add(ProviderFixes.largerDatabase(deployment));
            infeasible.add(new Infeasibility("FUNCTIONS_OVER_BUDGET", fleetText + " connections, but the "
                    + limits.fleetLimitName() + " admits " + limits.fleetHardLimit() + " ("
                    + limits.budgetReason().formula() + ").", fixes));
        } else if (fleet > limits.fleetBudget()) {
            warnings.add(headroomUsed(limits, fleetText + " connections"));
        }
        pool.add(new Setting("mode", reuse ? "pooled" : "unpooled", "", Reason.of("serverless functions", reuse
                ? "instances are reused across invocations, so a tiny pool survives between them"
                : "instances are not reused, so a pool would be thrown away; open per borrow (SQLAlchemy's NullPool)"
                        + " and let the provider's pooler keep server connections")));
        pool.add(new Setting("maximumPoolSize", size, "connections", new Reason("serverless pool size",
                "one invocation at a time per instance × connections per unit " + perUnit + " = " + size
                        + "; fleet: " + concurrency + " × " + size + " = " + fleet
                        + (limits.multiplexed() ? " client connections, multiplexed by RDS Proxy onto at most "
                                + limits.busyLimit() + " database connections"
                                : " of budget " + limits.fleetBudget()),
                Map.of("concurrency", String.valueOf(concurrency)), limits.budgetReason().sources())));
        pool.add(new Setting("initializationFailTimeout", -1L, "ms", Reason.of("serverless start-up",
                "-1: do not fail the function's start when the database is unreachable; the first borrow connects")));
        return size;
    }

    /** @return the fleet's busy connections by Little's law, or {@code null} without both rate and hold time */
    static Double busyFleet(Workload work) {
        Duration hold = work.sizingHoldTime();
        if (hold == null || work.unitsPerSecond() == null) {
            return null;
        }
        return work.unitsPerSecond() * hold.toNanos() / 1e9 * work.connectionsPerUnit();
    }

    /**
     * @param limits the limits
     * @param what   what takes the headroom, e.g. {@code 200 concurrent functions × 1 connection = 200 connections}
     * @return the warning that the fleet eats into Poolwise's headroom, saying what the headroom was for
     */
    static Warning headroomUsed(DatabaseLimits limits, String what) {
        boolean pooler = !limits.fleetLimitName().startsWith("database");
        return new Warning("HEADROOM_USED", what + " fit the " + limits.fleetLimitName() + " of "
                + limits.fleetHardLimit() + (pooler ? "" : " usable (max_connections " + limits.maxConnections()
                        + " − reserved " + limits.reserved() + ")")
                + ", but take the headroom of " + limits.fleetHeadroom() + " Poolwise keeps under it ("
                + limits.budgetReason().formula() + "). That headroom is for "
                + (pooler ? "admin consoles, migrations, monitoring and other clients of the same pooler, and for a"
                        + " deploy that briefly runs old and new instances side by side"
                        : "admin sessions, migrations, monitoring and other applications, and for a deploy that"
                                + " briefly runs old and new instances side by side")
                + ": at the peak they would be refused. It still works; --headroom sets the margin.");
    }

    /** @return {@code 1 connection}, {@code 2 connections} */
    static String connections(long count) {
        return count + (count == 1 ? " connection" : " connections");
    }

    static String fleetText(Application app) {
        return app.maxInstances() + " instance" + (app.maxInstances() == 1 ? "" : "s") + " × " + app.processes()
                + " process" + (app.processes() == 1 ? "" : "es");
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
