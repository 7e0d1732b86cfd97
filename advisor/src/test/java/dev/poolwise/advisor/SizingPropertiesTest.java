package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The rules that must hold for every deployment the model admits, checked by jqwik over arbitrary ones
 * ({@link DeploymentArbitraries}): every provider, engine, compute size, pooler and fleet shape. The limits
 * each property checks against are worked out here from the deployment and the catalog, not read back from the
 * recommendation.
 */
class SizingPropertiesTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();
    private static final ProviderCatalog CATALOG = ProviderCatalog.bundled();

    @Provide
    Arbitrary<Deployment> deployments() {
        return DeploymentArbitraries.deployments();
    }

    @Provide
    Arbitrary<Deployment> functions() {
        return DeploymentArbitraries.serverlessDeployments();
    }

    @Provide
    Arbitrary<Deployment> anything() {
        return net.jqwik.api.Arbitraries.oneOf(DeploymentArbitraries.deployments(),
                DeploymentArbitraries.serverlessDeployments());
    }

    /**
     * The recommendation, or {@code null} when the deployment lacks an input the rules need, or its given
     * {@code max_connections} is below the catalog's reserved slots (a usage error naming the field).
     */
    private static Recommendation recommend(Deployment d) {
        try {
            return RULES.recommend(d);
        } catch (MissingInputsException missing) {
            Statistics.label("outcome").collect("missing inputs");
            return null;
        } catch (InvalidDeploymentException refused) {
            assertThat(refused.field()).isEqualTo("database.reserved_connections");
            Statistics.label("outcome").collect("refused");
            return null;
        }
    }

    /**
     * What the advisor recommends, Poolwise itself accepts: the rendered properties build a {@code PoolConfig}
     * (core enforces floors such as 10 s for idleTimeout and 30 s for keepaliveTime and maxLifetime).
     */
    @Property(tries = 1000)
    void everyFeasibleRecommendationBuildsAPoolConfig(@ForAll("anything") Deployment d) throws Exception {
        Recommendation r = recommend(d);
        if (r == null || !r.isFeasible()) {
            return;
        }
        java.util.Properties rendered = new java.util.Properties();
        rendered.load(new java.io.StringReader(new PoolwisePropertiesRenderer().render(r)));
        rendered.setProperty("jdbcUrl", "jdbc:postgresql://db.example/app");
        assertThat(dev.poolwise.PoolConfig.fromProperties(rendered)).as(describe(r)).isNotNull();
    }

    @Property(tries = 1000)
    void whenFeasibleTheMaximumFleetStaysWithinTheBudget(@ForAll("anything") Deployment d) {
        Recommendation r = recommend(d);
        if (r == null) {
            return;
        }
        Statistics.label("outcome").collect(r.isFeasible() ? "feasible" : "infeasible");
        Statistics.label("between").collect(d.between().kind().id());
        Statistics.label("provider").collect(d.database().provider().id());
        if (!r.isFeasible()) {
            assertThat(r.poolSettings()).as("an infeasible recommendation prints no configuration").isEmpty();
            assertThat(r.infeasibilities()).allSatisfy(i -> assertThat(i.fixes()).isNotEmpty());
            return;
        }
        int size = r.poolSetting("maximumPoolSize").orElseThrow().intValue();
        long fleet = (long) size * r.budget().maxProcesses();
        assertThat(size).isPositive();
        assertThat(r.budget().fleetTotalAtMax()).isEqualTo((int) fleet);
        if (r.budget().multiplexed()) {
            // RDS Proxy: clients are multiplexed; what the proxy may open stays within the database's usable slots.
            assertThat(r.budget().budget()).as(describe(r)).isLessThanOrEqualTo(databaseLimit(d) - reserved(d));
        } else {
            // A vendor's hard limit is never exceeded; eating into Poolwise's headroom is said.
            assertThat(fleet).as(describe(r)).isLessThanOrEqualTo(r.budget().hardLimit());
            if (fleet > r.budget().budget()) {
                assertThat(r.hasWarning("HEADROOM_USED")).as(describe(r)).isTrue();
            }
        }

        // What reaches the database: every pool's connection, unless a transaction pooler multiplexes them.
        PoolerKind kind = d.between().kind();
        if (!kind.isTransactionMode() && kind != PoolerKind.RDS_PROXY) {
            int limit = databaseLimit(d);
            int reserved = reserved(d);
            assertThat(fleet).as("direct or session-mode connections fit the database's usable slots\n"
                    + describe(r)).isLessThanOrEqualTo(limit - reserved);
        }
        // PgBouncer the user runs: server connections within the database's usable slots.
        if (PgBouncerRules.userRuns(d)) {
            int pool = r.poolerSetting("default_pool_size").orElseThrow().intValue();
            int reserve = r.poolerSetting("reserve_pool_size").orElseThrow().intValue();
            int maxDb = r.poolerSetting("max_db_connections").orElseThrow().intValue();
            assertThat(pool + reserve).as(describe(r)).isLessThanOrEqualTo(maxDb);
            assertThat(maxDb).as(describe(r)).isLessThanOrEqualTo(databaseLimit(d) - reserved(d));
            assertThat(r.poolerSetting("max_client_conn").orElseThrow().intValue()).as(describe(r))
                    .isGreaterThanOrEqualTo((int) fleet);
        }
        // Neon's pooler: the minimum fleet's pools together stay within its server pool (0.9 × max_connections),
        // unless the deadlock floor needs more.
        if (kind == PoolerKind.NEON_POOLER && !d.application().isServerless()) {
            int busy = (int) Math.floor(0.9 * databaseLimit(d));
            int perUnit = d.workload().connectionsPerUnit();
            int floor = d.application().concurrencyPerProcess() * (perUnit - 1) + 1;
            int minProcesses = r.budget().minProcesses();
            assertThat(size).as(describe(r)).isLessThanOrEqualTo(Math.max(floor, (busy + minProcesses - 1) / minProcesses));
        }
        r.poolSettings().forEach(s -> assertThat(s.reason().formula()).as(s.name()).isNotBlank());
        r.poolerSettings().forEach(s -> assertThat(s.reason().formula()).as(s.name()).isNotBlank());
    }

    @Property(tries = 1000)
    void lifetimesSitBelowEveryKnownLimitInThePath(@ForAll("anything") Deployment d) {
        Recommendation r = recommend(d);
        if (r == null || !r.isFeasible()) {
            return;
        }
        Duration lifetime = r.poolSetting("maxLifetime").orElseThrow().duration();
        Duration idle = r.poolSetting("idleTimeout").orElseThrow().duration();
        Duration keepalive = r.poolSetting("keepaliveTime").orElseThrow().duration();
        assertThat(lifetime).isGreaterThanOrEqualTo(LifetimeRules.SHORTEST_LIFETIME);
        assertThat(idle).isPositive().isLessThanOrEqualTo(lifetime);
        for (Duration limit : lifetimeLimits(d)) {
            assertThat(lifetime).as("maxLifetime below %s\n%s", limit, describe(r)).isLessThan(limit);
            assertThat(idle).as("idleTimeout below %s", limit).isLessThan(limit);
        }
        for (Duration limit : idleLimits(d)) {
            assertThat(idle).as("idleTimeout below idle limit %s\n%s", limit, describe(r)).isLessThan(limit);
            assertThat(keepalive).as("keepalive below idle limit %s", limit).isLessThan(limit);
        }
        Duration suspend = suspendAfter(d);
        if (suspend != null) {
            if (LifetimeRules.under(suspend).compareTo(LifetimeRules.IDLE_TIMEOUT_FLOOR) >= 0) {
                assertThat(idle).as("idle timeout under the suspend delay").isLessThan(suspend);
            } else {
                // A delay too short for a margin above Poolwise's floor: the floor is the shortest it accepts.
                assertThat(idle).as("idle timeout at Poolwise's floor").isEqualTo(LifetimeRules.IDLE_TIMEOUT_FLOOR);
            }
            assertThat(keepalive).as("no keepalive that would keep the compute awake").isZero();
            assertThat(r.poolSetting("minimumIdle").orElseThrow().intValue()).isZero();
            r.poolerSetting("server_idle_timeout").ifPresent(s ->
                    assertThat(Duration.ofSeconds(s.intValue())).isLessThan(suspend));
        }
    }

    @Property(tries = 1000)
    void minimumsNeverExceedMaximums(@ForAll("anything") Deployment d) {
        Recommendation r = recommend(d);
        if (r == null) {
            return;
        }
        assertThat(r.budget().minProcesses()).isLessThanOrEqualTo(r.budget().maxProcesses());
        if (!r.isFeasible()) {
            return;
        }
        int max = r.poolSetting("maximumPoolSize").orElseThrow().intValue();
        int min = r.poolSetting("minimumIdle").orElseThrow().intValue();
        assertThat(min).as(describe(r)).isBetween(0, max);
        assertThat(r.poolSetting("idleTimeout").orElseThrow().duration())
                .isLessThanOrEqualTo(r.poolSetting("maxLifetime").orElseThrow().duration());
        r.poolerSetting("default_pool_size").ifPresent(pool -> assertThat(pool.intValue())
                .isLessThanOrEqualTo(r.poolerSetting("max_db_connections").orElseThrow().intValue()));
    }

    @Property(tries = 1000)
    void serverlessFunctionsNeverGetAPoolLargerThanTheRuleAllows(@ForAll("functions") Deployment d) {
        Recommendation r = recommend(d);
        if (r == null) {
            return;
        }
        Statistics.label("outcome").collect(r.isFeasible() ? "feasible" : "infeasible");
        if (!r.isFeasible()) {
            return;
        }
        int perUnit = d.workload().connectionsPerUnit();
        int size = r.poolSetting("maximumPoolSize").orElseThrow().intValue();
        assertThat(size).as("one invocation at a time per instance × connections per unit").isEqualTo(perUnit);
        if (!r.budget().multiplexed()) {
            assertThat((long) size * d.application().serverlessConcurrency())
                    .isLessThanOrEqualTo(r.budget().hardLimit());
        }
        assertThat(r.poolSetting("minimumIdle").orElseThrow().intValue()).isZero();
        assertThat(r.poolSetting("keepaliveTime").orElseThrow().duration()).isZero();
        assertThat(r.isUnpooled()).isEqualTo(!d.application().instanceReuse());
    }

    @Property(tries = 500)
    void everyConfigurationFormatRendersAFeasibleRecommendation(@ForAll("anything") Deployment d) {
        Recommendation r = recommend(d);
        if (r == null || !r.isFeasible()) {
            return;
        }
        for (OutputFormat format : OutputFormat.values()) {
            if (format == OutputFormat.PGBOUNCER && !PgBouncerRules.userRuns(d)) {
                continue;
            }
            assertThat(format.renderer().render(r)).as(format.id()).endsWith("\n");
        }
    }

    // ---- limits worked out from the deployment and the catalog ----

    private static int databaseLimit(Deployment d) {
        Database db = d.database();
        if (db.maxConnections() != null) {
            return db.maxConnections();
        }
        int max = switch (db.provider()) {
            case SELF_MANAGED -> CATALOG.require("engines", db.engine().id(), "max_connections").asInt();
            case NEON, SUPABASE -> CATALOG.byComputeSize("c", db.compute(), "providers", db.provider().id(),
                    "max_connections").asInt();
            case AURORA_SERVERLESS_V2 -> CATALOG.byComputeSize("c", db.compute(), "providers",
                    "aurora-serverless-v2", "max_connections", db.engine().id()).asInt();
            case PLANETSCALE -> CATALOG.byComputeSize("c", db.compute(), "providers", "planetscale",
                    "transaction_pool").asInt();
            case RDS, AURORA_PROVISIONED, CLOUD_SQL, AZURE_POSTGRESQL -> InstanceClasses.maxConnections(CATALOG,
                    db.provider(), db.engine(), db.instanceClass()).maxConnections();
        };
        if (db.provider() == Provider.AURORA_SERVERLESS_V2 && db.engine() == Engine.POSTGRESQL
                && "0.5".equals(db.minCompute())) {
            max = Math.min(max, 2000);
        }
        return max;
    }

    private static int reserved(Deployment d) {
        Database db = d.database();
        if (db.reservedConnections() != null) {
            return db.reservedConnections();
        }
        return switch (db.provider()) {
            case NEON -> 7;
            case AZURE_POSTGRESQL -> 15;
            case PLANETSCALE -> 0;
            default -> db.engine() == Engine.POSTGRESQL ? 3 : 0;
        };
    }

    private static Duration suspendAfter(Deployment d) {
        Duration given = d.database().suspendAfter();
        if (given != null) {
            return given.isZero() ? null : given;
        }
        return d.database().provider() == Provider.NEON ? Duration.ofMinutes(5) : null;
    }

    /** Limits that cut a connection whatever it does. */
    private static List<Duration> lifetimeLimits(Deployment d) {
        List<Duration> limits = new ArrayList<>();
        if (d.database().provider() == Provider.PLANETSCALE) {
            limits.add(Duration.ofHours(24));
        }
        return limits;
    }

    /** Limits that cut a connection left idle. */
    private static List<Duration> idleLimits(Deployment d) {
        List<Duration> limits = new ArrayList<>();
        Database db = d.database();
        if (db.engine().isMysqlFamily() && d.between().kind() == PoolerKind.NONE
                && db.provider() != Provider.PLANETSCALE) {
            limits.add(db.waitTimeout() != null ? db.waitTimeout() : Duration.ofHours(8));
        }
        if (d.between().kind() == PoolerKind.RDS_PROXY) {
            Duration given = d.between().proxy().idleClientTimeout();
            limits.add(given != null ? given : Duration.ofMinutes(30));
        }
        return limits;
    }

    private static String describe(Recommendation r) {
        return new TextRenderer().render(r);
    }
}
