package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lifetimes, idle timeouts, keepalives and the idle floor, kept below every limit in the path: MySQL's
 * {@code wait_timeout}, PlanetScale's 24 h, RDS Proxy's {@code IdleClientTimeout}, Neon's scale to zero. Each
 * limit gets a margin of {@code max(1 min, 10%)}, so a connection retires before the far side cuts it.
 */
final class LifetimeRules {

    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DEFAULT_KEEPALIVE = Duration.ofMinutes(2);
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** Shorter lifetimes churn connections for nothing; HikariCP refuses below 30 s. */
    static final Duration SHORTEST_LIFETIME = Duration.ofSeconds(30);
    /** The shortest idleTimeout Poolwise accepts (other than 0, off): core's floor, HikariCP's too. */
    static final Duration IDLE_TIMEOUT_FLOOR = Duration.ofSeconds(10);
    /** The shortest keepaliveTime Poolwise accepts (other than 0, off): core's floor, HikariCP's too. */
    static final Duration KEEPALIVE_FLOOR = Duration.ofSeconds(30);

    private LifetimeRules() {
    }

    /** A limit in the path that cuts connections. */
    private record Cut(String name, Duration limit, boolean idleOnly, String source) {
        Duration under() {
            return LifetimeRules.under(limit);
        }
    }

    /**
     * @param limit a limit that cuts connections
     * @return the limit less its margin: {@code max(1 min, 10%)}, but never more than half of it, so that a
     *         limit shorter than two minutes (a 15 s scale-to-zero delay) still leaves a positive duration
     */
    static Duration under(Duration limit) {
        long margin = Math.min(Math.max(Duration.ofMinutes(1).toMillis(), limit.toMillis() / 10), limit.toMillis() / 2);
        return Duration.ofMillis(limit.toMillis() - margin);
    }

    /** @return how {@link #under(Duration)} takes the margin, for a formula */
    static String marginText(Duration limit) {
        return limit.compareTo(Duration.ofMinutes(2)) < 0 ? "half" : "max(1m, 10%)";
    }

    static void apply(Deployment deployment, DatabaseLimits limits, ProviderCatalog catalog, int size,
                      List<Setting> pool, List<Warning> warnings, List<Infeasibility> infeasible) {
        List<Cut> cuts = new ArrayList<>();
        if (limits.waitTimeout() != null) {
            cuts.add(new Cut(deployment.database().engine().id() + " wait_timeout", limits.waitTimeout(), true,
                    deployment.database().waitTimeout() != null ? "given" : limits.cite("wait_timeout")));
        }
        Duration idleSession = deployment.database().idleSessionTimeout();
        if (idleSession != null && deployment.between().kind() == PoolerKind.NONE) {
            // Behind a pooler the timeout ends the pooler's server connections, not the application's.
            cuts.add(new Cut("postgresql idle_session_timeout", idleSession, true, "measured"));
        }
        if (deployment.database().provider() == Provider.PLANETSCALE) {
            Fact fact = catalog.require("providers", "planetscale", "connection_lifetime");
            cuts.add(new Cut("PlanetScale connection lifetime", fact.asDuration(), false, fact.citation()));
            if (deployment.database().engine() == Engine.MYSQL) {
                Fact tx = catalog.require("providers", "planetscale", "transaction_timeout");
                warnings.add(new Warning("PLANETSCALE_TRANSACTION_TIMEOUT", "PlanetScale ends transactions after "
                        + tx.value() + ": keep them short."));
            }
        }
        if (limits.proxy() != null) {
            cuts.add(new Cut("RDS Proxy IdleClientTimeout", limits.proxy().idleClientTimeout(), true,
                    limits.proxy().idleClientTimeoutSource()));
        }
        boolean scalesToZero = limits.suspendAfter() != null;
        if (scalesToZero) {
            cuts.add(new Cut(deployment.database().provider().displayName() + " scale to zero",
                    limits.suspendAfter(), true, limits.cite("suspend_after")));
        }
        boolean serverless = deployment.application().isServerless();

        Duration lifetime = DEFAULT_MAX_LIFETIME;
        StringBuilder lifetimeFormula = new StringBuilder("min(default 30m");
        Duration idle = DEFAULT_IDLE_TIMEOUT;
        StringBuilder idleFormula = new StringBuilder("min(default 10m");
        List<String> sources = new ArrayList<>();
        for (Cut cut : cuts) {
            String term = ", " + cut.name() + " " + HumanDuration.format(cut.limit()) + " − "
                    + marginText(cut.limit()) + " = "
                    + HumanDuration.format(cut.under());
            if (!cut.name().endsWith("scale to zero")) {
                lifetimeFormula.append(term);
                lifetime = min(lifetime, cut.under());
            }
            idleFormula.append(term);
            idle = min(idle, cut.under());
            if (!cut.source().isEmpty()) {
                sources.add(cut.name() + ": " + cut.source());
            }
        }
        lifetimeFormula.append(") = ").append(HumanDuration.format(lifetime));
        if (lifetime.compareTo(SHORTEST_LIFETIME) < 0) {
            Cut shortest = cuts.stream().min((a, b) -> a.limit().compareTo(b.limit())).orElseThrow();
            infeasible.add(new Infeasibility("LIFETIME_TOO_SHORT", "The " + shortest.name() + " of "
                    + HumanDuration.format(shortest.limit()) + " leaves a maximum lifetime of "
                    + HumanDuration.format(lifetime) + ", below the " + HumanDuration.format(SHORTEST_LIFETIME)
                    + " a pool needs to reuse connections at all.", List.of("raise " + shortest.name()
                    + " to at least 2m (8h is MySQL's default)")));
        }
        if (idle.compareTo(lifetime) >= 0 && lifetime.compareTo(Duration.ofSeconds(1)) > 0) {
            idle = lifetime.minusSeconds(1);
            idleFormula.append(", maxLifetime − 1s");
        }
        if (idle.compareTo(IDLE_TIMEOUT_FLOOR) < 0) {
            // A limit under 20 s (a short scale-to-zero delay) leaves less than the pool accepts: the floor is
            // still the shortest wait before idle connections close, which only delays the suspension.
            idle = IDLE_TIMEOUT_FLOOR;
            idleFormula.append(", raised to Poolwise's floor 10s");
        }
        idleFormula.append(") = ").append(HumanDuration.format(idle));

        int minimumIdle = size;
        String minimumIdleFormula = "= maximumPoolSize " + size + ": a fixed-size pool answers bursts without"
                + " opening connections (HikariCP's advice)";
        if (serverless) {
            minimumIdle = 0;
            minimumIdleFormula = "0: a function instance keeps nothing open it does not use";
        } else if (scalesToZero) {
            minimumIdle = 0;
            minimumIdleFormula = "0: idle connections would keep the database awake (or be killed when it suspends"
                    + " after " + HumanDuration.format(limits.suspendAfter()) + ")";
        }
        Duration keepalive = DEFAULT_KEEPALIVE;
        String keepaliveFormula = "Poolwise's default 2m, below every idle limit in the path";
        if (scalesToZero) {
            keepalive = Duration.ZERO;
            keepaliveFormula = "0: keepalive traffic would keep the compute from scaling to zero (inferred)";
        } else if (serverless) {
            keepalive = Duration.ZERO;
            keepaliveFormula = "0: a function instance is frozen between invocations; pings would not run";
        } else if (deployment.between().kind() == PoolerKind.RDS_PROXY) {
            keepalive = Duration.ZERO;
            keepaliveFormula = "0: client liveness pings defeat RDS Proxy's IdleClientTimeout (RDS Proxy docs)";
        } else {
            for (Cut cut : cuts) {
                if (cut.idleOnly() && keepalive.compareTo(cut.under()) > 0) {
                    keepalive = cut.under();
                    keepaliveFormula = "below " + cut.name() + " " + HumanDuration.format(cut.limit());
                }
            }
            if (!keepalive.isZero() && keepalive.compareTo(KEEPALIVE_FLOOR) < 0) {
                keepaliveFormula = "0: " + keepaliveFormula + " would be " + HumanDuration.format(keepalive)
                        + ", under Poolwise's floor 30s; idleTimeout retires idle connections before the cut, and"
                        + " a connection cut anyway fails validation on borrow and is replaced";
                keepalive = Duration.ZERO;
            }
        }
        Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        String connectionTimeoutFormula = "Poolwise's default 30s";
        if (scalesToZero) {
            connectionTimeoutFormula = "30s: the pool retries connects with backoff within it, covering a wake-up"
                    + " from scale to zero of up to " + HumanDuration.format(limits.wakeUp() != null
                    ? limits.wakeUp() : Duration.ofSeconds(3)) + " many times over";
        }

        pool.add(new Setting("minimumIdle", minimumIdle, "connections", Reason.of("idle floor", minimumIdleFormula)));
        pool.add(new Setting("connectionTimeout", connectionTimeout, "duration",
                Reason.of("connection timeout", connectionTimeoutFormula)));
        pool.add(new Setting("idleTimeout", idle, "duration", new Reason("idle timeout below every idle limit",
                idleFormula.toString(), Map.of(), sources)));
        pool.add(new Setting("maxLifetime", lifetime, "duration", new Reason("lifetime below every limit in the path",
                lifetimeFormula.toString(), Map.of(), sources)));
        pool.add(new Setting("keepaliveTime", keepalive, "duration", Reason.of("keepalive", keepaliveFormula)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
