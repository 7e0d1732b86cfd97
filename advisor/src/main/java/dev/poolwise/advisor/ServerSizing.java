package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool size for long-running processes:
 * {@code max(deadlock floor, min(need, efficient share, pooler share, budget share))}, with a reason that names
 * the term that decided and what the others allowed ("need (Little's law) is 2 and decides; budget share
 * allows 67"). A deadlock floor above the hard limit's share is infeasible; above the budget's share only, a
 * warning that the fleet takes Poolwise's headroom.
 */
final class ServerSizing {

    private final Deployment deployment;
    private final DatabaseLimits limits;
    private final ProviderCatalog catalog;
    private final Integer efficient;
    private final int minProcesses;
    private final int maxProcesses;

    ServerSizing(Deployment deployment, DatabaseLimits limits, ProviderCatalog catalog, Integer efficient,
                 int minProcesses, int maxProcesses) {
        this.deployment = deployment;
        this.limits = limits;
        this.catalog = catalog;
        this.efficient = efficient;
        this.minProcesses = minProcesses;
        this.maxProcesses = maxProcesses;
    }

    /** One term of the size: its name for people, its value, and whether it is a lower bound. */
    private record Term(String name, int value) {
    }

    int size(List<Setting> pool, List<Warning> warnings, List<Infeasibility> infeasible) {
        Application app = deployment.application();
        Workload work = deployment.workload();
        int threads = app.concurrencyPerProcess();
        int perUnit = work.connectionsPerUnit();
        int budget = limits.fleetBudget();
        boolean multiplexed = limits.multiplexed();
        // Behind RDS Proxy clients are not limited: the proxy's database connections bound busy ones (below).
        int share = multiplexed ? Integer.MAX_VALUE : Math.max(0, budget / maxProcesses);
        int hardShare = multiplexed ? Integer.MAX_VALUE : Math.max(0, limits.fleetHardLimit() / maxProcesses);
        int floor = threads * (perUnit - 1) + 1;
        String fleetText = SizingRules.fleetText(app);

        if (threads > SizingRules.IMPLAUSIBLE_CONCURRENCY) {
            warnings.add(new Warning("IMPLAUSIBLE_CONCURRENCY", threads + " units of work at once in one process is"
                    + " more than " + SizingRules.IMPLAUSIBLE_CONCURRENCY + ": check --threads. A pool only needs"
                    + " the units that use the database at once (with virtual threads, not the thread count), and"
                    + " no pool usefully exceeds what the database runs at once."));
        }
        int need = threads * perUnit;
        String needName = "need (threads × Cm)";
        String needFormula = "threads " + threads + " × connections per unit " + perUnit + " = " + need
                + (work.unitsPerSecond() == null && work.sizingHoldTime() == null
                        ? " (no hold time or rate given: every unit of work may hold its connections at once)"
                        : " (Little's law needs both the hold time and the rate: every unit of work may hold its"
                                + " connections at once)");
        Double busyFleet = SizingRules.busyFleet(work);
        if (busyFleet != null) {
            Duration hold = work.sizingHoldTime();
            double perProcess = busyFleet / minProcesses;
            int littles = (int) Math.ceil(perProcess - 1e-9) + Math.max(1, (int) Math.ceil(perProcess * 0.25 - 1e-9));
            need = Math.min(littles, threads * perUnit);
            needName = "need (Little's law)";
            needFormula = "rate " + SizingRules.number(work.unitsPerSecond()) + "/s × "
                    + (work.holdTimeP99() != null ? "p99" : "mean") + " hold " + HumanDuration.format(hold) + " × "
                    + perUnit + " = " + SizingRules.number(busyFleet) + " busy in the fleet; ÷ " + minProcesses
                    + " processes (minimum fleet) = " + SizingRules.number(perProcess) + "; + 25% (at least 1) = "
                    + littles + "; at most threads × Cm = " + (threads * perUnit) + " → " + need;
        }
        int effShare = Integer.MAX_VALUE;
        if (efficient != null) {
            effShare = Math.max(1, (efficient + minProcesses - 1) / minProcesses);
            if (busyFleet != null && busyFleet > efficient) {
                warnings.add(new Warning("BUSY_OVER_EFFICIENT", "The workload keeps about "
                        + SizingRules.number(busyFleet) + " connections busy (rate × hold), but a server with "
                        + deployment.database().cores() + " cores does its best work at about " + efficient
                        + " (cores × 2 + spindles). More connections will not help: the database is the bottleneck."
                        + " Shorten the time each unit holds a connection or give the database more cores."));
            }
        }
        // Behind Neon's pooler the client limit is generous, but its PgBouncer serves at most default_pool_size
        // (0.9 × max_connections) transactions at once for the whole fleet; behind RDS Proxy, its database
        // connections do the same. Like the efficient number, that bounds the fleet's busy connections, so each pool
        // of the minimum fleet gets its share: a larger pool would only queue in the pooler (failing at its
        // timeout) instead of waiting, visibly, in getConnection.
        PoolerKind kind = deployment.between().kind();
        Integer poolerBusy = kind == PoolerKind.NEON_POOLER || kind == PoolerKind.RDS_PROXY ? limits.busyLimit() : null;
        int poolerShare = Integer.MAX_VALUE;
        if (poolerBusy != null) {
            poolerShare = Math.max(1, (poolerBusy + minProcesses - 1) / minProcesses);
        }
        String poolerName = kind == PoolerKind.RDS_PROXY ? "RDS Proxy share" : "pooler share";
        List<Term> caps = new ArrayList<>();
        caps.add(new Term(needName, need));
        if (efficient != null) {
            caps.add(new Term("efficient share", effShare));
        }
        if (poolerBusy != null) {
            caps.add(new Term(poolerName, poolerShare));
        }
        if (!multiplexed) {
            caps.add(new Term("budget share", share));
        }
        Term binding = caps.stream().min((a, b) -> Integer.compare(a.value(), b.value())).orElseThrow();
        int size = Math.max(floor, binding.value());
        String decision = decision(size, floor, perUnit, binding, caps);

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("need", String.valueOf(need));
        if (!multiplexed) {
            inputs.put("budget share", budget + " / " + maxProcesses + " = " + share);
        }
        if (efficient != null) {
            inputs.put("efficient share", "ceil(" + efficient + " / " + minProcesses + ") = " + effShare);
        }
        if (poolerBusy != null) {
            inputs.put(poolerName, "ceil(" + poolerBusy + " / " + minProcesses + ") = " + poolerShare);
        }
        inputs.put("deadlock floor", threads + " × (" + perUnit + " − 1) + 1 = " + floor);
        StringBuilder formula = new StringBuilder(decision).append(". Size = max(deadlock floor ").append(floor)
                .append(", min(");
        for (int i = 0; i < caps.size(); i++) {
            formula.append(i == 0 ? "" : ", ").append(caps.get(i).name()).append(' ').append(caps.get(i).value());
        }
        formula.append(")) = ").append(size).append("; need: ").append(needFormula);
        if (!multiplexed) {
            formula.append("; budget share: ").append(budget).append(" ÷ ").append(maxProcesses)
                    .append(" processes at the maximum fleet (").append(fleetText).append(')');
        }
        if (efficient != null) {
            formula.append("; efficient share: (cores × 2 + spindles = ").append(efficient).append(") ÷ ")
                    .append(minProcesses).append(" processes at the minimum fleet");
        }
        if (poolerBusy != null) {
            formula.append("; ").append(poolerName).append(": ").append(kind == PoolerKind.RDS_PROXY
                    ? "the proxy's database connections (" + poolerBusy + ")"
                    : "Neon's default_pool_size (0.9 × max_connections " + limits.maxConnections() + " = "
                            + poolerBusy + ")").append(" ÷ ").append(minProcesses)
                    .append(" processes at the minimum fleet");
        }
        List<String> sources = new ArrayList<>(limits.budgetReason().sources());
        if (efficient != null) {
            sources.add(catalog.require("rules", "efficient_busy_connections").citation());
        }

        long fleet = (long) size * maxProcesses;
        if (floor > hardShare) {
            infeasible.add(deadlockInfeasible(floor, threads, perUnit, share, fleetText));
        } else if (!multiplexed && fleet > budget) {
            warnings.add(SizingRules.headroomUsed(limits, fleetText + " × " + SizingRules.connections(size) + " = "
                    + fleet + " connections (the deadlock floor, " + floor + " per process, decides)"));
        }
        int current = threads * perUnit;
        String currentText = "one connection per thread";
        if (app.currentPoolSize() != null) {
            current = app.currentPoolSize();
            currentText = "pools of " + current;
        }
        long currentFleet = (long) current * maxProcesses;
        if (!multiplexed && currentFleet > budget) {
            warnings.add(new Warning("FLEET_OVER_BUDGET", (app.autoscales() ? "At the autoscaler's maximum, " : "")
                    + fleetText + " × " + current + " = " + currentFleet + " connections ("
                    + currentText + "), but the " + limits.fleetLimitName() + " admits " + limits.fleetHardLimit()
                    + " and the budget, after headroom, is " + budget + "."
                    + (floor <= hardShare ? " Use pools of " + size + " (" + fleet + " in all): " + decision + "."
                            : "")));
        }
        if (poolerBusy != null && floor <= hardShare && binding.name().equals(poolerName) && size > floor) {
            warnings.add(new Warning("POOLER_CAPS_POOL", (kind == PoolerKind.RDS_PROXY
                    ? "RDS Proxy opens at most " + poolerBusy + " database connections for the whole fleet"
                    : "Neon's pooler runs at most " + poolerBusy + " transactions at once for the whole fleet"
                            + " (default_pool_size, per user and database, = 0.9 × max_connections "
                            + limits.maxConnections() + ")")
                    + ", so each of the " + minProcesses + " processes at the minimum fleet gets " + poolerShare
                    + " rather than the " + Math.min(need, effShare) + " its threads could use: more would only"
                    + " queue inside the " + (kind == PoolerKind.RDS_PROXY ? "proxy (failing after its"
                            + " ConnectionBorrowTimeout)" : "pooler (failing after its query_wait_timeout)")
                    + ". A larger compute raises the limit; a known hold time and rate (--hold-time-p99, --rate)"
                    + " may show fewer are needed."));
        }
        if (!multiplexed && floor <= share && binding.name().equals("budget share") && size < others(caps)) {
            warnings.add(new Warning("BUDGET_CAPS_POOL", "The workload wants " + others(caps)
                    + " connections per process, but the budget allows " + share + " across " + maxProcesses
                    + " processes: expect waits in getConnection at peak, or give the database more connections ("
                    + ProviderFixes.largerDatabase(deployment) + ")"
                    + ProviderFixes.pooler(deployment).map(fix -> ", or " + fix).orElse("") + "."));
        }
        if (limits.busyLimit() != null && busyFleet != null && busyFleet > limits.busyLimit() && !multiplexed) {
            warnings.add(new Warning("BUSY_OVER_POOLER", "The workload keeps about " + SizingRules.number(busyFleet)
                    + " connections busy, but the pooler serves " + limits.busyLimit()
                    + " at once: transactions will queue in the pooler."));
        }
        if (multiplexed) {
            RdsProxyRules.apply(deployment, limits, fleet, busyFleet, fleetText + " × " + size, warnings);
        }
        pool.add(new Setting("mode", "pooled", "", Reason.of("long-running processes",
                "a process that lives across many units of work reuses connections")));
        pool.add(new Setting("maximumPoolSize", size, "connections",
                new Reason("pool size", formula.toString(), inputs, sources)));
        return size;
    }

    /** @return the smallest cap other than the budget share: what the workload would use without the budget */
    private static int others(List<Term> caps) {
        return caps.stream().filter(t -> !t.name().equals("budget share")).mapToInt(Term::value).min()
                .orElse(Integer.MAX_VALUE);
    }

    /**
     * @return {@code pools of 2: need (Little's law) is 2 and decides; budget share allows 67; deadlock floor 1}
     */
    private static String decision(int size, int floor, int perUnit, Term binding, List<Term> caps) {
        StringBuilder text = new StringBuilder("pools of ").append(size).append(": ");
        List<String> others = new ArrayList<>();
        if (floor > binding.value()) {
            text.append("the deadlock floor is ").append(floor).append(" and decides (each unit of work may hold ")
                    .append(perUnit).append(" connections at once)");
            caps.forEach(t -> others.add(t.name() + (t.name().startsWith("need") ? " is " : " allows ") + t.value()));
        } else {
            text.append(binding.name()).append(" is ").append(binding.value()).append(" and decides");
            caps.stream().filter(t -> t != binding).forEach(t -> others.add(t.name()
                    + (t.name().startsWith("need") ? " is " : " allows ") + t.value()));
            others.add("the deadlock floor is " + floor);
        }
        if (!others.isEmpty()) {
            text.append("; ").append(String.join("; ", others));
        }
        return text.toString();
    }

    private Infeasibility deadlockInfeasible(int floor, int threads, int perUnit, int share, String fleetText) {
        int hard = limits.fleetHardLimit();
        int hardShare = hard / maxProcesses;
        List<String> fixes = new ArrayList<>();
        int processesThatFit = hard / floor;
        if (processesThatFit >= 1) {
            fixes.add("run at most " + processesThatFit + " processes in all (now " + maxProcesses + ")");
        }
        if (perUnit > 1 && hardShare >= 1) {
            fixes.add("use at most " + Math.max(1, (hardShare - 1) / (perUnit - 1)) + " threads per process (now "
                    + threads + ")");
        }
        if (perUnit > 1) {
            fixes.add("hold one connection per unit of work instead of " + perUnit);
        }
        fixes.add(ProviderFixes.largerDatabase(deployment) + " (the fleet needs " + ((long) floor * maxProcesses)
                + " plus reserved slots)");
        ProviderFixes.pooler(deployment).ifPresent(fixes::add);
        return new Infeasibility("DEADLOCK_FLOOR_OVER_BUDGET", "Each process needs at least "
                + (perUnit > 1 ? floor + " connections (" + threads + " threads × (" + perUnit
                        + " connections per unit − 1) + 1) so that no thread waits forever"
                        : SizingRules.connections(floor))
                + ", but the " + limits.fleetLimitName() + " admits " + hard + " in all, shared by " + maxProcesses
                + " processes (" + fleetText + "): " + hardShare + " each.", fixes);
    }
}
