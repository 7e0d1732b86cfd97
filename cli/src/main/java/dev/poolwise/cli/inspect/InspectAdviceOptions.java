package dev.poolwise.cli.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.inspect.InspectionReport;
import dev.poolwise.advisor.inspect.MeasuredDeployment;
import dev.poolwise.cli.common.DeploymentFlags;
import picocli.CommandLine.Option;

/**
 * The options of {@code poolwise inspect --advise}: the application fleet and workload, with the same names
 * and meanings as {@code poolwise advise}'s, and what an inspection cannot read (cores, a PgBouncer's own
 * limits, a plan). They become a deployment file tree that {@link DeploymentReader} checks as it checks
 * {@code advise}'s, with the database's engine and provider taken from the inspection.
 */
final class InspectAdviceOptions {

    /**
     * Each deployment field these options set and its flag, for error messages: {@code advise}'s own, less
     * what the inspection reads from the database itself (engine, provider, limits, timeouts).
     */
    static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        Set<String> readFromTheDatabase = Set.of("database.engine", "database.provider", "database.min_compute",
                "database.max_connections", "database.reserved_connections", "database.wait_timeout",
                "database.instance_class");
        DeploymentFlags.ALL.forEach((field, flag) -> {
            if (!readFromTheDatabase.contains(field)) {
                FLAGS.put(field, flag);
            }
        });
    }

    @Option(names = "--instances", paramLabel = "N", description = "With --advise: instances (servers, pods) of a"
            + " fixed fleet.")
    String instances;
    @Option(names = "--min-instances", paramLabel = "N", description = "With --advise: autoscaling minimum.")
    String minInstances;
    @Option(names = "--max-instances", paramLabel = "N", description = "With --advise: autoscaling maximum.")
    String maxInstances;
    @Option(names = "--processes", paramLabel = "N", description = "With --advise: processes (pools) per instance"
            + " (default 1).")
    String processes;
    @Option(names = "--threads", paramLabel = "N", description = "With --advise: threads per process that use the"
            + " database.")
    String threads;
    @Option(names = "--async-concurrency", paramLabel = "N",
            description = "With --advise: concurrent units of work per process in an async runtime.")
    String asyncConcurrency;
    @Option(names = "--current-pool-size", paramLabel = "N",
            description = "With --advise: the pool size each process runs with today.")
    String currentPoolSize;
    @Option(names = "--serverless-concurrency", paramLabel = "N",
            description = "With --advise: serverless functions' maximum concurrent invocations.")
    String serverlessConcurrency;
    @Option(names = "--instance-reuse", paramLabel = "true|false",
            description = "With --advise: whether a function instance is reused (default true).")
    String instanceReuse;
    @Option(names = "--hold-time", paramLabel = "DURATION", description = "With --advise: mean connection hold"
            + " time per unit of work, e.g. 15ms.")
    String holdTime;
    @Option(names = "--hold-time-p99", paramLabel = "DURATION", description = "With --advise: its p99, e.g. 80ms.")
    String holdTimeP99;
    @Option(names = "--rate", paramLabel = "N", description = "With --advise: units of work per second, whole"
            + " fleet, at peak.")
    String rate;
    @Option(names = "--connections-per-unit", paramLabel = "N",
            description = "With --advise: connections one unit of work holds at once (default 1).")
    String connectionsPerUnit;

    @Option(names = "--cores", paramLabel = "N", description = "With --advise: the database server's CPU cores.")
    String cores;
    @Option(names = "--spindles", paramLabel = "N", description = "With --advise: effective spindles (0 for SSD).")
    String spindles;
    @Option(names = "--compute", paramLabel = "SIZE", description = "With --advise: the plan or compute size, where"
            + " the limit is not max_connections (PlanetScale MySQL: PS-40) or for Supavisor's client limit.")
    String compute;
    @Option(names = "--suspend-after", paramLabel = "DURATION",
            description = "With --advise: scale-to-zero delay (Neon default 5m; 0 when off).")
    String suspendAfter;
    @Option(names = "--pooler", paramLabel = "KIND", description = "With --advise: what sits between, instead of"
            + " what the inspection saw: none, pgbouncer-session, pgbouncer-transaction, neon-pooler, rds-proxy,"
            + " supavisor-session, supavisor-transaction.")
    String pooler;
    @Option(names = "--pooler-version", paramLabel = "VERSION", description = "With --advise: PgBouncer version,"
            + " e.g. 1.18 (a client cannot read it).")
    String poolerVersion;
    @Option(names = "--pooler-max-clients", paramLabel = "N",
            description = "With --advise: PgBouncer max_client_conn (default 100).")
    String poolerMaxClients;
    @Option(names = "--pooler-pool-size", paramLabel = "N",
            description = "With --advise: PgBouncer default_pool_size (default 20).")
    String poolerPoolSize;

    @Option(names = "--headroom", paramLabel = "N|P%", description = "With --advise: connections kept free for"
            + " admin, migrations and other clients, a number (20) or a percentage (15%%).")
    String headroom;
    @Option(names = "--proxy-max-connections-percent", paramLabel = "P",
            description = "With --advise: RDS Proxy MaxConnectionsPercent (AWS default 100).")
    String proxyMaxConnectionsPercent;
    @Option(names = "--proxy-max-idle-connections-percent", paramLabel = "P",
            description = "With --advise: RDS Proxy MaxIdleConnectionsPercent (AWS default 50).")
    String proxyMaxIdleConnectionsPercent;
    @Option(names = "--proxy-idle-client-timeout", paramLabel = "DURATION",
            description = "With --advise: RDS Proxy IdleClientTimeout (AWS default 30m).")
    String proxyIdleClientTimeout;
    @Option(names = "--proxy-borrow-timeout", paramLabel = "DURATION",
            description = "With --advise: RDS Proxy ConnectionBorrowTimeout (AWS default 120s).")
    String proxyBorrowTimeout;

    /** @return whether any of these options was given (they mean nothing without --advise) */
    boolean anyGiven() {
        for (String value : new String[] {instances, minInstances, maxInstances, processes, threads,
            asyncConcurrency, currentPoolSize, serverlessConcurrency, instanceReuse, holdTime, holdTimeP99, rate,
            connectionsPerUnit, cores, spindles, compute, suspendAfter, pooler, poolerVersion, poolerMaxClients,
            poolerPoolSize, headroom, proxyMaxConnectionsPercent, proxyMaxIdleConnectionsPercent,
            proxyIdleClientTimeout, proxyBorrowTimeout}) {
            if (value != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param report what was read
     * @return the deployment these options describe, with the report's engine, provider and (unless
     *         {@code --pooler} names another) pooler, the measured limits applied
     * @throws dev.poolwise.advisor.InvalidDeploymentException  when an option's value is invalid
     * @throws dev.poolwise.advisor.MissingInputsException      when the pooler's mode is unknown and not given
     */
    Deployment deployment(InspectionReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode database = root.putObject("database");
        database.put("engine", report.engine().id());
        database.put("provider", MeasuredDeployment.provider(report).id());
        put(database, "compute", compute);
        put(database, "cores", cores);
        put(database, "spindles", spindles);
        put(database, "suspend_after", suspendAfter);
        put(database, "headroom", headroom);
        ObjectNode between = root.putObject("between");
        between.put("pooler", pooler != null ? pooler : MeasuredDeployment.pooler(report).kind().id());
        put(between, "version", poolerVersion);
        put(between, "max_client_connections", poolerMaxClients);
        put(between, "pool_size", poolerPoolSize);
        put(between, "max_connections_percent", proxyMaxConnectionsPercent);
        put(between, "max_idle_connections_percent", proxyMaxIdleConnectionsPercent);
        put(between, "idle_client_timeout", proxyIdleClientTimeout);
        put(between, "connection_borrow_timeout", proxyBorrowTimeout);
        ObjectNode application = root.putObject("application");
        put(application, "instances", instances);
        put(application, "min_instances", minInstances);
        put(application, "max_instances", maxInstances);
        put(application, "processes", processes);
        put(application, "threads", threads);
        put(application, "async_concurrency", asyncConcurrency);
        put(application, "pool_size", currentPoolSize);
        if (serverlessConcurrency != null || instanceReuse != null) {
            ObjectNode serverless = application.putObject("serverless");
            put(serverless, "max_concurrency", serverlessConcurrency);
            put(serverless, "instance_reuse", instanceReuse);
        }
        ObjectNode workload = root.putObject("workload");
        put(workload, "hold_time_mean", holdTime);
        put(workload, "hold_time_p99", holdTimeP99);
        put(workload, "units_per_second", rate);
        put(workload, "connections_per_unit", connectionsPerUnit);
        return MeasuredDeployment.apply(report, DeploymentReader.read(root));
    }

    private static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
