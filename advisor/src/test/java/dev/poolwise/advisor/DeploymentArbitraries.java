package dev.poolwise.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * Arbitrary deployments for the property tests, across every provider, engine, compute size, pooler and fleet
 * shape the model admits. Parts are drawn so that most combinations are valid; the few the model refuses
 * (e.g. reserved slots above {@code max_connections}) are filtered out, so every deployment generated is one a
 * user could give.
 */
final class DeploymentArbitraries {

    private static final ProviderCatalog CATALOG = ProviderCatalog.bundled();

    private DeploymentArbitraries() {
    }

    static Arbitrary<Deployment> deployments() {
        return databases().flatMap(db -> Combinators.combine(poolers(db), applications(), workloads())
                .as((pooler, app, work) -> build(db, pooler, app, work)))
                .filter(d -> d != null);
    }

    static Arbitrary<Deployment> serverlessDeployments() {
        return databases().flatMap(db -> Combinators.combine(poolers(db), functions(), workloads())
                .as((pooler, app, work) -> build(db, pooler, app, work)))
                .filter(d -> d != null);
    }

    private static Deployment build(Database db, Pooler pooler, Application app, Workload work) {
        try {
            return new Deployment(db, pooler, app, work);
        } catch (InvalidDeploymentException refused) {
            return null;
        }
    }

    static Arbitrary<Database> databases() {
        return Arbitraries.of(Provider.values()).flatMap(provider -> Arbitraries.of(CATALOG.engines(provider))
                .flatMap(engine -> Combinators.combine(computes(provider, engine), minComputes(provider),
                        maxConnections(provider, engine), Arbitraries.integers().between(0, 12).injectNull(0.6),
                        Arbitraries.integers().between(1, 64).injectNull(0.5),
                        Arbitraries.integers().between(0, 4).injectNull(0.7), waitTimeouts(engine),
                        suspends(provider))
                        .as((compute, minCompute, max, reserved, cores, spindles, wait, suspend) ->
                                new Object[] {compute, minCompute, max, reserved, cores, spindles, wait, suspend})
                        .flatMap(parts -> Combinators.combine(instanceClasses(provider, engine), headrooms())
                                .as((instanceClass, headroom) -> {
                                    try {
                                        return new Database(engine, provider, (String) parts[0], (String) parts[1],
                                                (Integer) parts[2], (Integer) parts[3], (Integer) parts[4],
                                                (Integer) parts[5], (Duration) parts[6], (Duration) parts[7], null,
                                                instanceClass, headroom);
                                    } catch (InvalidDeploymentException refused) {
                                        return null;
                                    }
                                })))).filter(db -> db != null);
    }

    private static Arbitrary<String> instanceClasses(Provider provider, Engine engine) {
        List<String> classes = switch (provider) {
            case RDS -> List.of("db.t3.micro", "db.t3.medium", "db.t4g.large", "db.m5.large", "db.m6g.2xlarge",
                    "db.r6g.xlarge", "db.r6g.16xlarge");
            case AURORA_PROVISIONED -> engine == Engine.MYSQL
                    ? List.of("db.t3.small", "db.t3.medium", "db.r6g.large", "db.r5.24xlarge")
                    : List.of("db.t4g.medium", "db.r6g.large", "db.r7g.8xlarge");
            case CLOUD_SQL -> List.of("db-f1-micro", "db-g1-small", "db-custom-2-7680", "db-custom-16-131072");
            case AZURE_POSTGRESQL -> List.of("B1ms", "Standard_B2s", "Standard_D2ds_v4", "GP_Standard_E4ds_v5",
                    "Standard_D16ds_v5");
            default -> List.of();
        };
        return classes.isEmpty() ? Arbitraries.just(null) : Arbitraries.of(classes);
    }

    private static Arbitrary<Headroom> headrooms() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 30).map(n -> new Headroom(n, null)),
                Arbitraries.integers().between(0, 30).map(p -> new Headroom(null, p / 100.0))).injectNull(0.7);
    }

    private static Arbitrary<String> computes(Provider provider, Engine engine) {
        List<String> sizes = switch (provider) {
            case NEON -> CATALOG.sizes("providers", "neon", "max_connections");
            case SUPABASE -> CATALOG.sizes("providers", "supabase", "max_connections");
            case AURORA_SERVERLESS_V2 -> CATALOG.sizes("providers", "aurora-serverless-v2", "max_connections",
                    engine.id());
            case PLANETSCALE -> engine == Engine.MYSQL ? CATALOG.sizes("providers", "planetscale", "transaction_pool")
                    : List.of();
            default -> List.of();
        };
        if (sizes.isEmpty()) {
            return Arbitraries.just(null);
        }
        List<String> concrete = new ArrayList<>();
        for (String size : sizes) {
            // "9+" covers 9 and up: draw 9 and a larger one.
            if (size.endsWith("+")) {
                String from = size.substring(0, size.length() - 1);
                concrete.add(from);
                concrete.add(String.valueOf(Integer.parseInt(from) * 2));
            } else {
                concrete.add(size);
            }
        }
        return Arbitraries.of(concrete);
    }

    private static Arbitrary<String> minComputes(Provider provider) {
        return provider == Provider.AURORA_SERVERLESS_V2 ? Arbitraries.of("0.5", "1", "2").injectNull(0.5)
                : Arbitraries.just(null);
    }

    private static Arbitrary<Integer> maxConnections(Provider provider, Engine engine) {
        Arbitrary<Integer> any = Arbitraries.integers().between(1, 5000).edgeCases(c -> c.add(5, 6, 10, 100));
        if (provider == Provider.PLANETSCALE && engine == Engine.POSTGRESQL) {
            return any; // the catalog has no sizes for PlanetScale Postgres: max_connections is required
        }
        return any.injectNull(provider == Provider.SELF_MANAGED ? 0.3 : 0.8)
                .filter(max -> max == null || max <= engine.maxConnectionsCeiling());
    }

    private static Arbitrary<Duration> waitTimeouts(Engine engine) {
        if (!engine.isMysqlFamily()) {
            return Arbitraries.just(null);
        }
        return Arbitraries.longs().between(10, 8 * 3600).map(Duration::ofSeconds).injectNull(0.5);
    }

    private static Arbitrary<Duration> suspends(Provider provider) {
        // 0 turns scale to zero off; real delays are seconds to an hour (Neon's default is 5 minutes).
        Arbitrary<Duration> some = Arbitraries.oneOf(Arbitraries.just(Duration.ZERO),
                Arbitraries.longs().between(10, 3600).map(Duration::ofSeconds));
        return some.injectNull(provider == Provider.NEON ? 0.4 : 0.9);
    }

    static Arbitrary<Pooler> poolers(Database db) {
        List<PoolerKind> kinds = new ArrayList<>(List.of(PoolerKind.NONE));
        if (db.engine() == Engine.POSTGRESQL) {
            kinds.add(PoolerKind.PGBOUNCER_TRANSACTION);
            if (db.provider() != Provider.PLANETSCALE) {
                kinds.add(PoolerKind.PGBOUNCER_SESSION);
            }
        }
        switch (db.provider()) {
            case NEON -> kinds.add(PoolerKind.NEON_POOLER);
            case SUPABASE -> kinds.addAll(List.of(PoolerKind.SUPAVISOR_SESSION, PoolerKind.SUPAVISOR_TRANSACTION));
            case AURORA_SERVERLESS_V2, AURORA_PROVISIONED, RDS, SELF_MANAGED -> kinds.add(PoolerKind.RDS_PROXY);
            default -> {
            }
        }
        return Arbitraries.of(kinds).flatMap(kind -> {
            if (kind == PoolerKind.RDS_PROXY) {
                return Arbitraries.integers().between(1, 100).injectNull(0.5).flatMap(percent -> Combinators.combine(
                        Arbitraries.integers().between(0, percent == null ? 100 : percent).injectNull(0.6),
                        Arbitraries.longs().between(1, 8 * 3600).map(Duration::ofSeconds).injectNull(0.6),
                        Arbitraries.longs().between(0, 300).map(Duration::ofSeconds).injectNull(0.6))
                        .as((idle, idleClient, borrow) -> new Pooler(kind, null, null, null,
                                new RdsProxySettings(percent, idle, idleClient, borrow))));
            }
            if (!kind.isPgBouncer()) {
                return Arbitraries.just(new Pooler(kind, null, null, null));
            }
            return Combinators.combine(Arbitraries.of("1.17", "1.18", "1.21", "1.22", "1.24", "1.25.1").injectNull(0.3),
                    Arbitraries.integers().between(1, 20_000).injectNull(0.6),
                    Arbitraries.integers().between(1, 500).injectNull(0.6))
                    .as((version, clients, pool) -> new Pooler(kind, version, clients, pool));
        });
    }

    static Arbitrary<Application> applications() {
        // Biased towards small fleets, where most real deployments are and most recommendations are feasible.
        Arbitrary<Integer> minInstances = Arbitraries.integers().between(1, 20).withDistribution(RandomDistribution.biased());
        return minInstances.flatMap(min -> Combinators.combine(
                Arbitraries.integers().between(min, 50).withDistribution(RandomDistribution.biased()),
                Arbitraries.integers().between(1, 8).withDistribution(RandomDistribution.biased()),
                Arbitraries.integers().between(1, 200).withDistribution(RandomDistribution.biased()),
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 100).injectNull(0.7))
                .as((max, processes, concurrency, async, current) -> new Application(min, max, processes,
                        async ? null : concurrency, async ? concurrency : null, null, null, current)));
    }

    static Arbitrary<Application> functions() {
        return Combinators.combine(Arbitraries.integers().between(1, 3000), Arbitraries.of(true, false))
                .as((concurrency, reuse) -> new Application(null, null, null, null, null, concurrency, reuse, null));
    }

    static Arbitrary<Workload> workloads() {
        Arbitrary<Long> meanMicros = Arbitraries.longs().between(100, 2_000_000);
        return meanMicros.flatMap(mean -> Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.longs().between(mean, mean * 20), Arbitraries.doubles().between(0.1, 5000).ofScale(1),
                Arbitraries.integers().between(1, 4).edgeCases(c -> c.add(1)), Arbitraries.of(true, false))
                .as((known, p99, rate, perUnit, withRate) -> known
                        ? new Workload(Duration.ofNanos(mean * 1000), Duration.ofNanos(p99 * 1000),
                                withRate ? rate : null, perUnit)
                        : new Workload(null, null, null, perUnit)));
    }
}
