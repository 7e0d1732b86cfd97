package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Deployment} into a {@link Recommendation}. The rules, each of which leaves a {@link Reason}:
 * <ol>
 *   <li>Budget: the fleet's pools add up to at most {@code max_connections − reserved − headroom}, headroom
 *       being {@code max(5, 10% of max_connections)} (20% on Supabase), shared across the <em>maximum</em>
 *       fleet; behind a transaction pooler the pooler's client limit takes its place.</li>
 *   <li>Deadlock floor: a unit of work holding {@code Cm} connections at once needs
 *       {@code threads × (Cm − 1) + 1} per pool, or some thread can wait forever.</li>
 *   <li>Little's law: the fleet's busy connections are {@code rate × p99 hold × Cm}; each process of the
 *       minimum fleet needs its share plus 25% (at least 1) for bursts, and never more than its threads can
 *       hold.</li>
 *   <li>Efficient busy connections: {@code cores × 2 + spindles} bounds the whole fleet's busy connections,
 *       so each pool of the minimum fleet is capped at its share of it. Behind Neon's pooler its server pool
 *       ({@code default_pool_size = 0.9 × max_connections}) bounds them the same way.</li>
 *   <li>Serverless functions: one invocation at a time per instance, so a pool of {@code Cm} (1 normally),
 *       unpooled when instances are not reused, behind the provider's pooler.</li>
 *   <li>Lifetimes, idle timeouts and keepalives below every limit in the path ({@link LifetimeRules}); driver
 *       settings for poolers ({@link DriverRules}).</li>
 *   <li>A PgBouncer the user runs gets its own settings from the same numbers ({@link PgBouncerRules}).</li>
 * </ol>
 * When the deadlock floor or the functions' concurrency cannot fit the budget, the recommendation is
 * infeasible and says what would fix it.
 */
public final class SizingRules {

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
            if (app.maxInstances() == null) {
                missing.add("application.instances: how many instances (servers, pods) run the application; for"
                        + " an autoscaling fleet, min_instances and max_instances");
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
        for (String assumed : limits.assumedDefaults()) {
            warnings.add(new Warning("ASSUMED_DEFAULT", "Assumed " + assumed + "; give database.max_connections"
                    + " (--max-connections) if the server is configured otherwise."));
        }
        if (limits.fleetBudget() < 1) {
            infeasible.add(new Infeasibility("NO_BUDGET", "The " + limits.fleetLimitName() + " of "
                    + limits.fleetLimitRaw() + " leaves no connections for the application once reserved slots and"
                    + " headroom are kept (" + limits.budgetReason().formula() + ").",
                    List.of("use a larger compute size or plan", "raise max_connections", "put a pooler in front")));
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
            size = sizeServers(deployment, limits, efficient, minProcesses, maxProcesses, pool, warnings, infeasible);
        }
        LifetimeRules.apply(deployment, limits, catalog, size, pool, warnings, infeasible);
        List<Setting> driver = DriverRules.apply(deployment, catalog, warnings);
        List<Setting> pooler = PgBouncerRules.apply(deployment, limits, catalog, size, maxProcesses, warnings,
                infeasible);

        int fleetTotal = infeasible.isEmpty() ? size * maxProcesses : 0;
        ConnectionBudget budget = new ConnectionBudget(limits.fleetLimitName(), limits.fleetLimitRaw(),
                limits.fleetLimitName().startsWith("database") ? limits.reserved() : 0,
                limits.fleetLimitRaw() - limits.fleetBudget()
                        - (limits.fleetLimitName().startsWith("database") ? limits.reserved() : 0),
                limits.fleetBudget(), limits.busyLimit(), efficient, minProcesses, maxProcesses, fleetTotal,
                limits.budgetReason());
        return new Recommendation(deployment, pool, driver, budget, warnings, infeasible, pooler);
    }

    private static Integer efficientBusy(Database db) {
        if (db.cores() == null) {
            return null;
        }
        return db.cores() * 2 + (db.spindles() == null ? 0 : db.spindles());
    }

    private int sizeServers(Deployment deployment, DatabaseLimits limits, Integer efficient, int minProcesses,
                            int maxProcesses, List<Setting> pool, List<Warning> warnings,
                            List<Infeasibility> infeasible) {
        Application app = deployment.application();
        Workload work = deployment.workload();
        int threads = app.concurrencyPerProcess();
        int perUnit = work.connectionsPerUnit();
        int budget = limits.fleetBudget();
        int share = Math.max(0, budget / maxProcesses);
        int floor = threads * (perUnit - 1) + 1;
        String fleetText = fleetText(app);

        int need = threads * perUnit;
        String needFormula = "threads " + threads + " × connections per unit " + perUnit + " = " + need
                + " (no hold time and rate given: every unit of work may hold its connections at once)";
        Double busyFleet = null;
        Duration hold = work.sizingHoldTime();
        if (hold != null && work.unitsPerSecond() != null) {
            busyFleet = work.unitsPerSecond() * hold.toNanos() / 1e9 * perUnit;
            double perProcess = busyFleet / minProcesses;
            int littles = (int) Math.ceil(perProcess - 1e-9) + Math.max(1, (int) Math.ceil(perProcess * 0.25 - 1e-9));
            need = Math.min(littles, threads * perUnit);
            needFormula = "rate " + number(work.unitsPerSecond()) + "/s × " + (work.holdTimeP99() != null ? "p99" : "mean")
                    + " hold " + HumanDuration.format(hold) + " × " + perUnit + " = " + number(busyFleet)
                    + " busy in the fleet; ÷ " + minProcesses + " processes (minimum fleet) = " + number(perProcess)
                    + "; + 25% (at least 1) = " + littles + "; at most threads × Cm = " + (threads * perUnit)
                    + " → " + need;
        }
        int effShare = Integer.MAX_VALUE;
        if (efficient != null) {
            effShare = Math.max(1, (efficient + minProcesses - 1) / minProcesses);
            if (busyFleet != null && busyFleet > efficient) {
                warnings.add(new Warning("BUSY_OVER_EFFICIENT", "The workload keeps about " + number(busyFleet)
                        + " connections busy (rate × hold), but a server with " + deployment.database().cores()
                        + " cores does its best work at about " + efficient + " (cores × 2 + spindles). More"
                        + " connections will not help: the database is the bottleneck. Shorten the time each unit"
                        + " holds a connection or give the database more cores."));
            }
        }
        // Behind Neon's pooler the client limit is generous, but its PgBouncer serves at most default_pool_size
        // (0.9 × max_connections) transactions at once for the whole fleet: like the efficient number, that bounds
        // the fleet's busy connections, so each pool of the minimum fleet gets its share. A larger pool would only
        // queue in the pooler (failing at query_wait_timeout) instead of waiting, visibly, in getConnection.
        Integer poolerBusy = deployment.between().kind() == PoolerKind.NEON_POOLER ? limits.busyLimit() : null;
        int poolerShare = Integer.MAX_VALUE;
        if (poolerBusy != null) {
            poolerShare = Math.max(1, (poolerBusy + minProcesses - 1) / minProcesses);
        }
        int size = Math.max(floor, Math.min(Math.min(need, poolerShare), Math.min(effShare, share)));

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("need", String.valueOf(need));
        inputs.put("budget share", budget + " / " + maxProcesses + " = " + share);
        if (efficient != null) {
            inputs.put("efficient share", "ceil(" + efficient + " / " + minProcesses + ") = " + effShare);
        }
        if (poolerBusy != null) {
            inputs.put("pooler share", "ceil(" + poolerBusy + " / " + minProcesses + ") = " + poolerShare);
        }
        inputs.put("deadlock floor", threads + " × (" + perUnit + " − 1) + 1 = " + floor);
        String formula = "max(deadlock floor " + floor + ", min(need " + need
                + (efficient != null ? ", efficient share " + effShare : "")
                + (poolerBusy != null ? ", pooler share " + poolerShare : "") + ", budget share " + share + ")) = "
                + size + "; need: " + needFormula + "; budget share: " + budget + " ÷ " + maxProcesses
                + " processes at the maximum fleet (" + fleetText + ")"
                + (efficient != null ? "; efficient share: (cores × 2 + spindles = " + efficient + ") ÷ "
                        + minProcesses + " processes at the minimum fleet" : "")
                + (poolerBusy != null ? "; pooler share: Neon's default_pool_size (0.9 × max_connections "
                        + limits.maxConnections() + " = " + poolerBusy + ") ÷ " + minProcesses
                        + " processes at the minimum fleet" : "");
        List<String> sources = new ArrayList<>(limits.budgetReason().sources());
        if (efficient != null) {
            sources.add(catalog.require("rules", "efficient_busy_connections").citation());
        }

        if (floor > share) {
            List<String> fixes = new ArrayList<>();
            int processesThatFit = budget / floor;
            if (processesThatFit >= 1) {
                fixes.add("run at most " + processesThatFit + " processes in all (now " + maxProcesses + ")");
            }
            if (perUnit > 1 && share >= 1) {
                fixes.add("use at most " + Math.max(1, (share - 1) / (perUnit - 1)) + " threads per process (now "
                        + threads + ")");
            }
            if (perUnit > 1) {
                fixes.add("hold one connection per unit of work instead of " + perUnit);
            }
            fixes.add("a larger compute size or a higher max_connections (the fleet needs "
                    + ((long) floor * maxProcesses) + " plus reserved slots and headroom)");
            if (deployment.between().kind() == PoolerKind.NONE && deployment.database().engine() == Engine.POSTGRESQL) {
                fixes.add("a transaction pooler in front (PgBouncer, or the provider's pooler)");
            }
            infeasible.add(new Infeasibility("DEADLOCK_FLOOR_OVER_BUDGET", "Each process needs at least " + floor
                    + (perUnit > 1 ? " connections (" + threads + " threads × (" + perUnit
                            + " connections per unit − 1) + 1) so that no thread waits forever"
                            : " connection")
                    + ", but the budget of " + budget + " shared by " + maxProcesses + " processes ("
                    + fleetText + ") allows " + share + " each.", fixes));
        }
        int current = threads * perUnit;
        String currentText = "one connection per thread";
        if (app.currentPoolSize() != null) {
            current = app.currentPoolSize();
            currentText = "pools of " + current;
        }
        long currentFleet = (long) current * maxProcesses;
        if (currentFleet > budget) {
            warnings.add(new Warning("FLEET_OVER_BUDGET", (app.autoscales() ? "At the autoscaler's maximum, " : "")
                    + fleetText + " × " + current + " = " + currentFleet + " connections ("
                    + currentText + "), but the " + limits.fleetLimitName() + " admits "
                    + (limits.fleetLimitRaw() - (limits.fleetLimitName().startsWith("database") ? limits.reserved() : 0))
                    + " and the budget, after headroom, is " + budget + "."
                    + (floor <= share ? " Use pools of " + size + " (" + (long) size * maxProcesses + " in all)." : "")));
        }
        if (poolerBusy != null && floor <= share && poolerShare < Math.min(need, Math.min(effShare, share))) {
            warnings.add(new Warning("POOLER_CAPS_POOL", "Neon's pooler runs at most " + poolerBusy
                    + " transactions at once for the whole fleet (default_pool_size, per user and database, = 0.9 × max_connections "
                    + limits.maxConnections() + "), so each of the " + minProcesses + " processes at the minimum"
                    + " fleet gets " + poolerShare + " rather than the " + Math.min(need, effShare) + " its threads"
                    + " could use: more would only queue inside the pooler (failing after its query_wait_timeout)."
                    + " A larger compute raises the limit; a known hold time and rate (--hold-time-p99, --rate) may"
                    + " show fewer are needed."));
        }
        if (floor <= share && share < Math.min(Math.min(need, poolerShare), effShare)) {
            warnings.add(new Warning("BUDGET_CAPS_POOL", "The workload wants " + Math.min(Math.min(need, poolerShare),
                    effShare)
                    + " connections per process, but the budget allows " + share + " across " + maxProcesses
                    + " processes: expect waits in getConnection at peak, or give the database more connections"
                    + " (a larger compute) or a transaction pooler."));
        }
        if (limits.busyLimit() != null && busyFleet != null && busyFleet > limits.busyLimit()) {
            warnings.add(new Warning("BUSY_OVER_POOLER", "The workload keeps about " + number(busyFleet)
                    + " connections busy, but the pooler serves " + limits.busyLimit()
                    + " at once: transactions will queue in the pooler."));
        }
        pool.add(new Setting("mode", "pooled", "", Reason.of("long-running processes",
                "a process that lives across many units of work reuses connections")));
        pool.add(new Setting("maximumPoolSize", size, "connections",
                new Reason("pool size", formula, inputs, sources)));
        return size;
    }

    private int sizeFunctions(Deployment deployment, DatabaseLimits limits, List<Setting> pool,
                              List<Warning> warnings, List<Infeasibility> infeasible) {
        Application app = deployment.application();
        int perUnit = deployment.workload().connectionsPerUnit();
        int concurrency = app.serverlessConcurrency();
        boolean reuse = Boolean.TRUE.equals(app.instanceReuse());
        int size = perUnit;
        long fleet = (long) size * concurrency;
        PoolerKind kind = deployment.between().kind();
        Provider provider = deployment.database().provider();
        if (kind == PoolerKind.NONE && provider != Provider.SELF_MANAGED && provider != Provider.PLANETSCALE) {
            warnings.add(new Warning("USE_PROVIDER_POOLER", "Serverless functions open connections in bursts;"
                    + " connect through " + switch (provider) {
                        case NEON -> "Neon's pooled endpoint (the -pooler host)";
                        case SUPABASE -> "Supavisor in transaction mode (port 6543)";
                        case AURORA_SERVERLESS_V2 -> "RDS Proxy";
                        default -> "the provider's pooler";
                    } + " rather than directly."));
        }
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
        if (fleet > limits.fleetBudget()) {
            List<String> fixes = new ArrayList<>();
            if (kind == PoolerKind.NONE) {
                fixes.add("connect through the provider's transaction pooler (Neon -pooler endpoint, Supavisor port"
                        + " 6543, RDS Proxy, PgBouncer)");
            }
            fixes.add("cap the functions' concurrency at " + Math.max(0, limits.fleetBudget() / size) + " (now "
                    + concurrency + ")");
            fixes.add("a larger compute size or a higher connection limit");
            infeasible.add(new Infeasibility("FUNCTIONS_OVER_BUDGET", concurrency + " concurrent functions × "
                    + size + " = " + fleet + " connections, but the " + limits.fleetLimitName() + " budget is "
                    + limits.fleetBudget() + " (" + limits.budgetReason().formula() + ").", fixes));
        }
        pool.add(new Setting("mode", reuse ? "pooled" : "unpooled", "", Reason.of("serverless functions", reuse
                ? "instances are reused across invocations, so a tiny pool survives between them"
                : "instances are not reused, so a pool would be thrown away; open per borrow (SQLAlchemy's NullPool)"
                        + " and let the provider's pooler keep server connections")));
        pool.add(new Setting("maximumPoolSize", size, "connections", new Reason("serverless pool size",
                "one invocation at a time per instance × connections per unit " + perUnit + " = " + size
                        + "; fleet: " + concurrency + " × " + size + " = " + fleet + " of budget "
                        + limits.fleetBudget(), Map.of("concurrency", String.valueOf(concurrency)),
                limits.budgetReason().sources())));
        pool.add(new Setting("initializationFailTimeout", -1L, "ms", Reason.of("serverless start-up",
                "-1: do not fail the function's start when the database is unreachable; the first borrow connects")));
        return size;
    }

    private static String fleetText(Application app) {
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
