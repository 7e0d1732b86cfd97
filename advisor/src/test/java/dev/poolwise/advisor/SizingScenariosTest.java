package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven scenarios across every provider, with and without poolers, fixed and autoscaling fleets,
 * serverless functions and over-budget fleets. Each row: a deployment file, then the expected pool size (0 when
 * infeasible), fleet budget, minimumIdle, maxLifetime, keepaliveTime, and the warning or infeasibility codes.
 */
class SizingScenariosTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // 1. Self-managed PostgreSQL, defaults: 100 − 3 − 10 = 87; 2 × 1 × 16 threads → need 16.
                row("self-managed postgres, 2 instances", """
                        database: {engine: postgresql, max_connections: 100}
                        application: {instances: 2, threads: 16}
                        """, 16, 87, "16", "30m", "2m"),
                // 2. The DESIGN example: 3 servers × 4 workers × 20 threads against Neon 0.25 CU direct.
                row("neon 0.25 direct, 3×4×20 over budget", """
                        database: {provider: neon, compute: 0.25}
                        application: {instances: 3, processes: 4, threads: 20}
                        """, 7, 86, "0", "30m", "0", "FLEET_OVER_BUDGET", "BUDGET_CAPS_POOL"),
                // 3. Same fleet behind Neon's pooler: the client limit is 10,000 − 1,000, but its PgBouncer runs
                // floor(0.9 × 104) = 93 transactions at once: ceil(93 / 12 processes) = 8 each.
                row("neon 0.25 pooled", """
                        database: {provider: neon, compute: 0.25}
                        between: {pooler: neon-pooler}
                        application: {instances: 3, processes: 4, threads: 20}
                        """, 8, 9000, "0", "30m", "0", "SESSION_STATE", "NEON_STARTUP_PARAMETERS",
                        "POOLER_CAPS_POOL"),
                // 4. Neon with scale to zero off: fixed-size pool and keepalive again.
                row("neon 1 CU, scale to zero off", """
                        database: {provider: neon, compute: 1, suspend_after: 0}
                        application: {instances: 2, threads: 10}
                        """, 10, 370, "10", "30m", "2m"),
                // 5. MySQL with a short wait_timeout: 151 − 0 − 16 = 135; lifetime 10m − 1m = 9m.
                row("self-managed mysql, wait_timeout 10m", """
                        database: {engine: mysql, max_connections: 151, wait_timeout: 10m}
                        application: {instances: 4, threads: 8}
                        """, 8, 135, "8", "9m", "2m"),
                // 6. Little's law: 200/s × 50ms = 10 busy ÷ 2 processes = 5, + 2 = 7.
                row("postgres with workload (Little's law)", """
                        database: {engine: postgresql, max_connections: 200}
                        application: {instances: 2, threads: 50}
                        workload: {hold_time_mean: 20ms, hold_time_p99: 50ms, units_per_second: 200}
                        """, 7, 177, "7", "30m", "2m"),
                // 7. Cores cap: 4 cores → 8 busy; min fleet 2 processes → 4 each.
                row("postgres, 4 cores caps the pools", """
                        database: {engine: postgresql, max_connections: 100, cores: 4}
                        application: {instances: 2, threads: 32}
                        """, 4, 87, "4", "30m", "2m"),
                // 8. Autoscaling 2–10 × 2 against 100: budget 87 ÷ 20 = 4.
                row("autoscaling fleet over budget", """
                        database: {engine: postgresql}
                        application: {min_instances: 2, max_instances: 10, processes: 2, threads: 20}
                        """, 4, 87, "4", "30m", "2m", "ASSUMED_DEFAULT", "FLEET_OVER_BUDGET", "BUDGET_CAPS_POOL"),
                // 9. Deadlock floor: 10 threads × (2 − 1) + 1 = 11 per process.
                row("deadlock floor fits", """
                        database: {engine: postgresql, max_connections: 500}
                        application: {instances: 2, threads: 10}
                        workload: {connections_per_unit: 2}
                        """, 20, 447, "20", "30m", "2m"),
                // 10. Deadlock floor over budget: 20 × (3 − 1) + 1 = 41 > 87 / 4 = 21.
                row("deadlock floor infeasible", """
                        database: {engine: postgresql, max_connections: 100}
                        application: {instances: 4, threads: 20}
                        workload: {connections_per_unit: 3}
                        """, 0, 87, null, null, null, "DEADLOCK_FLOOR_OVER_BUDGET", "FLEET_OVER_BUDGET"),
                // 11. PlanetScale MySQL PS-10: transaction pool 70 − 0 − 7 = 63; lifetime under 24 h → 30m.
                row("planetscale mysql PS-10", """
                        database: {provider: planetscale, compute: PS-10}
                        application: {instances: 3, threads: 10}
                        """, 10, 63, "10", "30m", "2m", "PLANETSCALE_TRANSACTION_TIMEOUT"),
                // 12. PlanetScale Postgres through its PgBouncer (version unknown → prepareThreshold=0).
                row("planetscale postgres via pgbouncer", """
                        database: {provider: planetscale, engine: postgresql, max_connections: 200}
                        between: {pooler: pgbouncer-transaction}
                        application: {instances: 2, threads: 10}
                        """, 10, 177, "10", "30m", "2m", "SESSION_STATE"),
                // 13. Aurora PostgreSQL 8 ACU behind RDS Proxy: lifetime 30m − 3m = 27m, no keepalive. The proxy
                // multiplexes: its budget is the database connections it may open, 100% of 1669 less 3 reserved,
                // for busy connections; AWS's defaults for its settings are said as assumed.
                row("aurora postgres 8 ACU via RDS Proxy", """
                        database: {provider: aurora-serverless-v2, engine: postgresql, compute: 8}
                        between: {pooler: rds-proxy}
                        application: {min_instances: 2, max_instances: 6, threads: 20}
                        """, 20, 1666, "20", "27m", "0", "RDS_PROXY_PINNING", "ASSUMED_DEFAULT"),
                // 14. Aurora MySQL 1 ACU: 90 − 0 − 9 = 81 direct, wait_timeout 8h.
                row("aurora mysql 1 ACU", """
                        database: {provider: aurora-serverless-v2, engine: mysql, compute: 1}
                        application: {instances: 2, processes: 2, threads: 30}
                        """, 20, 81, "20", "30m", "2m", "FLEET_OVER_BUDGET", "BUDGET_CAPS_POOL"),
                // 15. Supabase small direct: 90 − 3 − 18 = 69.
                row("supabase small direct", """
                        database: {provider: supabase, compute: small}
                        application: {instances: 2, threads: 10}
                        """, 10, 69, "10", "30m", "2m"),
                // 16. Supabase via Supavisor transaction mode: client limit 400 − 40 = 360.
                row("supabase small via supavisor transaction", """
                        database: {provider: supabase, compute: small}
                        between: {pooler: supavisor-transaction}
                        application: {instances: 4, threads: 20}
                        """, 20, 360, "20", "30m", "2m", "SESSION_STATE"),
                // 17. Serverless functions on Neon through its pooler, reused instances: pool of 1; 500 at once is
                // more than the pooler's floor(0.9 × 209) = 188 server connections.
                row("serverless on neon pooler", """
                        database: {provider: neon, compute: 0.5}
                        between: {pooler: neon-pooler}
                        application: {serverless: {max_concurrency: 500, instance_reuse: true}}
                        """, 1, 9000, "0", "30m", "0", "SESSION_STATE", "NEON_STARTUP_PARAMETERS",
                        "FUNCTIONS_OVER_POOLER"),
                // 18. Serverless functions straight to Neon 0.25: 200 > 86 → infeasible.
                row("serverless direct to neon over budget", """
                        database: {provider: neon, compute: 0.25}
                        application: {serverless: {max_concurrency: 200, instance_reuse: false}}
                        """, 0, 86, null, null, null, "USE_PROVIDER_POOLER", "FUNCTIONS_OVER_BUDGET"),
                // 19. Self-run PgBouncer 1.18 in transaction mode, default max_client_conn 100 − 10 = 90 ÷ 3.
                row("pgbouncer 1.18 transaction", """
                        database: {engine: postgresql, max_connections: 100}
                        between: {pooler: pgbouncer-transaction, version: "1.18"}
                        application: {instances: 3, threads: 40}
                        """, 30, 90, "30", "30m", "2m", "SESSION_STATE", "FLEET_OVER_BUDGET", "BUDGET_CAPS_POOL",
                        "ASSUMED_DEFAULT"),
                // 20. Serverless on Supabase via Supavisor transaction: unpooled, prepareThreshold=0.
                row("serverless on supavisor transaction, not reused", """
                        database: {provider: supabase, compute: medium}
                        between: {pooler: supavisor-transaction}
                        application: {serverless: {max_concurrency: 100, instance_reuse: false}}
                        """, 1, 540, "0", "30m", "0", "SESSION_STATE"),
                // 21. Found by SizingPropertiesTest: a suspend delay under the 1-minute margin gave a negative
                // idleTimeout (15s − 1m = −45s). The margin is now at most half the limit: 15s − 7.5s.
                row("neon with a 15 s scale-to-zero delay", """
                        database: {provider: neon, compute: 0.5, suspend_after: 15s}
                        application: {serverless: {max_concurrency: 1, instance_reuse: true}}
                        """, 1, 181, "0", "30m", "0", "USE_PROVIDER_POOLER"),
                // 22. Neon's pooler bounds the autoscaling fleet's busy connections at its minimum: 0.5 CU runs
                // floor(0.9 × 209) = 188 at once; ceil(188 / 4) = 47 per pool, though 64 threads would use 64.
                row("neon 0.5 pooled, autoscaling 4-20", """
                        database: {provider: neon, compute: 0.5}
                        between: {pooler: neon-pooler}
                        application: {min_instances: 4, max_instances: 20, threads: 64}
                        """, 47, 9000, "0", "30m", "0", "SESSION_STATE", "NEON_STARTUP_PARAMETERS",
                        "POOLER_CAPS_POOL"),
                // 23. The same behind Neon's pooler with a known workload: 400/s × 50ms = 20 busy ÷ 4 = 5, + 2 = 7,
                // well under the pooler's share: no cap, no warning.
                row("neon 0.5 pooled, known workload", """
                        database: {provider: neon, compute: 0.5}
                        between: {pooler: neon-pooler}
                        application: {min_instances: 4, max_instances: 20, threads: 64}
                        workload: {hold_time_p99: 50ms, units_per_second: 400}
                        """, 7, 9000, "0", "30m", "0", "SESSION_STATE", "NEON_STARTUP_PARAMETERS"));
    }

    private static Arguments row(String name, String yaml, int size, int budget, String minimumIdle,
                                 String maxLifetime, String keepalive, String... codes) {
        return Arguments.of(name, yaml, size, budget, minimumIdle, maxLifetime, keepalive, Arrays.asList(codes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recommendsTheExpectedNumbersAndWarnings(String name, String yaml, int size, int budget, String minimumIdle,
                                                 String maxLifetime, String keepalive, List<String> codes) {
        Recommendation r = RULES.recommend(DeploymentReader.read(yaml));
        String shown = new TextRenderer().render(r);

        assertThat(r.budget().budget()).as(shown).isEqualTo(budget);
        List<String> actualCodes = Stream.concat(r.warnings().stream().map(Warning::code),
                r.infeasibilities().stream().map(Infeasibility::code)).toList();
        assertThat(actualCodes).as(shown).containsExactlyInAnyOrderElementsOf(codes);
        if (size == 0) {
            assertThat(r.isFeasible()).as(shown).isFalse();
            assertThat(r.poolSettings()).isEmpty();
            assertThat(r.infeasibilities().get(0).fixes()).isNotEmpty();
            return;
        }
        assertThat(r.isFeasible()).as(shown).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).as(shown).isEqualTo(size);
        assertThat(r.poolSetting("minimumIdle").orElseThrow().text()).as(shown).isEqualTo(minimumIdle);
        assertThat(r.poolSetting("maxLifetime").orElseThrow().text()).as(shown).isEqualTo(maxLifetime);
        assertThat(r.poolSetting("keepaliveTime").orElseThrow().text()).as(shown).isEqualTo(keepalive);
        assertThat(r.poolSetting("idleTimeout").orElseThrow().duration()).as(shown).isPositive()
                .isLessThanOrEqualTo(r.poolSetting("maxLifetime").orElseThrow().duration());
        // The rule that must always hold: the maximum fleet stays within the budget.
        assertThat(r.budget().fleetTotalAtMax()).as(shown).isLessThanOrEqualTo(budget);
        // Every setting has its reason.
        r.poolSettings().forEach(s -> assertThat(s.reason().formula()).isNotBlank());
    }
}
