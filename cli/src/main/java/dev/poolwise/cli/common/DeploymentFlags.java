package dev.poolwise.cli.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each field of a deployment (as the advisor's deployment file names it) and the command-line flag that sets it,
 * so that an error about a field can name the flag the user typed. {@code advise} and {@code inspect --advise}
 * share it.
 */
public final class DeploymentFlags {

    /** Field to flag, in the order {@code advise --help} lists the flags; unmodifiable. */
    public static final Map<String, String> ALL;

    static {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("database.engine", "--engine");
        flags.put("database.provider", "--provider");
        flags.put("database.compute", "--compute");
        flags.put("database.min_compute", "--min-compute");
        flags.put("database.max_connections", "--max-connections");
        flags.put("database.reserved_connections", "--reserved-connections");
        flags.put("database.cores", "--cores");
        flags.put("database.spindles", "--spindles");
        flags.put("database.wait_timeout", "--wait-timeout");
        flags.put("database.suspend_after", "--suspend-after");
        flags.put("database.instance_class", "--instance-class");
        flags.put("database.headroom", "--headroom");
        flags.put("between.pooler", "--pooler");
        flags.put("between.version", "--pooler-version");
        flags.put("between.max_client_connections", "--pooler-max-clients");
        flags.put("between.pool_size", "--pooler-pool-size");
        flags.put("between.max_connections_percent", "--proxy-max-connections-percent");
        flags.put("between.max_idle_connections_percent", "--proxy-max-idle-connections-percent");
        flags.put("between.idle_client_timeout", "--proxy-idle-client-timeout");
        flags.put("between.connection_borrow_timeout", "--proxy-borrow-timeout");
        flags.put("application.instances", "--instances");
        flags.put("application.min_instances", "--min-instances");
        flags.put("application.max_instances", "--max-instances");
        flags.put("application.processes", "--processes");
        flags.put("application.threads", "--threads");
        flags.put("application.async_concurrency", "--async-concurrency");
        flags.put("application.pool_size", "--current-pool-size");
        flags.put("application.serverless.max_concurrency", "--serverless-concurrency");
        flags.put("application.serverless.instance_reuse", "--instance-reuse");
        flags.put("workload.hold_time_mean", "--hold-time");
        flags.put("workload.hold_time_p99", "--hold-time-p99");
        flags.put("workload.units_per_second", "--rate");
        flags.put("workload.connections_per_unit", "--connections-per-unit");
        ALL = Collections.unmodifiableMap(flags);
    }

    private DeploymentFlags() {
    }
}
