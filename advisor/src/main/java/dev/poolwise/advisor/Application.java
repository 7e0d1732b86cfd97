package dev.poolwise.advisor;

/**
 * The application side of a {@link Deployment}: either long-running instances (servers, pods, containers)
 * with processes and threads, or serverless functions.
 *
 * @param minInstances          instances when the autoscaler is at its minimum (= {@code maxInstances} for a
 *                              fixed fleet); {@code null} when unknown, which the advisor lists as a missing
 *                              input (a maximum alone is not a fixed fleet)
 * @param maxInstances          instances when the autoscaler is at its maximum; {@code null} when unknown
 * @param processes             processes per instance, each with its own pool (1 for a typical JVM)
 * @param threads               threads per process that may use the database at once, or {@code null}
 * @param asyncConcurrency      concurrent units of work per process in an async runtime, instead of threads
 * @param serverlessConcurrency the functions' maximum concurrency (concurrent invocations), or {@code null}
 * @param instanceReuse         whether a function instance is reused across invocations (so a pool survives)
 * @param currentPoolSize       the pool size each process runs with today, to check against the budget, or
 *                              {@code null}
 */
public record Application(Integer minInstances, Integer maxInstances, Integer processes, Integer threads,
                          Integer asyncConcurrency, Integer serverlessConcurrency, Boolean instanceReuse,
                          Integer currentPoolSize) {

    /**
     * The most pools a fleet may have: more is a typo, not a fleet, since no database admits a connection for
     * each (PostgreSQL's {@code max_connections} tops out at 262,143), and the arithmetic would overflow.
     */
    public static final int MOST_POOLS = 1_000_000;

    /** Checks the values and that they describe one shape of application. */
    public Application {
        Database.requireAtLeast("application.min_instances", minInstances, 1);
        Database.requireAtLeast("application.max_instances", maxInstances, 1);
        Database.requireAtLeast("application.processes", processes, 1);
        Database.requireAtLeast("application.threads", threads, 1);
        Database.requireAtLeast("application.async_concurrency", asyncConcurrency, 1);
        Database.requireAtLeast("application.serverless.max_concurrency", serverlessConcurrency, 1);
        Database.requireAtLeast("application.pool_size", currentPoolSize, 1);
        if (serverlessConcurrency != null) {
            if (minInstances != null || maxInstances != null || processes != null || threads != null
                    || asyncConcurrency != null) {
                throw new InvalidDeploymentException("application.serverless.max_concurrency", serverlessConcurrency,
                        "describes serverless functions; remove instances, processes, threads and async_concurrency,"
                                + " which describe long-running servers");
            }
            if (instanceReuse == null) {
                instanceReuse = true;
            }
        } else {
            if (instanceReuse != null) {
                throw new InvalidDeploymentException("application.serverless.instance_reuse", instanceReuse,
                        "applies only to serverless functions (application.serverless.max_concurrency)");
            }
            if (minInstances != null && maxInstances != null && minInstances > maxInstances) {
                throw new InvalidDeploymentException("application.min_instances", minInstances,
                        "must not exceed application.max_instances (" + maxInstances + ")");
            }
            if (processes == null) {
                processes = 1;
            }
            Integer most = maxInstances != null ? maxInstances : minInstances;
            if (most != null && (long) most * processes > MOST_POOLS) {
                throw new InvalidDeploymentException("application.max_instances", most, "× processes " + processes
                        + " = " + ((long) most * processes) + " pools, more than " + MOST_POOLS + ": no database"
                        + " admits a connection for each (PostgreSQL's max_connections tops out at 262143), so this"
                        + " is likely a typo");
            }
            if (threads != null && asyncConcurrency != null) {
                throw new InvalidDeploymentException("application.async_concurrency", asyncConcurrency,
                        "give threads or async_concurrency, not both (threads is " + threads + ")");
            }
        }
    }

    /** @return whether the application is serverless functions rather than long-running instances */
    public boolean isServerless() {
        return serverlessConcurrency != null;
    }

    /** @return units of work one process runs at once: its threads or its async concurrency */
    public Integer concurrencyPerProcess() {
        return threads != null ? threads : asyncConcurrency;
    }

    /** @return whether the fleet grows and shrinks (minimum instances below maximum) */
    public boolean autoscales() {
        return !isServerless() && minInstances != null && maxInstances != null && minInstances < maxInstances;
    }
}
