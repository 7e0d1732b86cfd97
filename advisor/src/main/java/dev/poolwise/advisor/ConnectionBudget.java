package dev.poolwise.advisor;

/**
 * How many connections the whole application fleet may hold, and how that compares with what it would open.
 *
 * @param limitName       what limits the fleet, e.g. {@code database max_connections} or
 *                        {@code Neon pooler max_client_conn}
 * @param limit           the raw limit, e.g. 104
 * @param reserved        slots the application cannot use (superuser, provider)
 * @param headroom        slots kept for admin, migrations and other clients
 * @param budget          {@code limit − reserved − headroom}: what the fleet's pools may add up to
 * @param busyLimit       connections the database side serves at once behind a transaction pooler, or
 *                        {@code null} when that is the budget itself
 * @param efficientBusy   the database's efficient number of busy connections ({@code cores × 2 + spindles}),
 *                        or {@code null} when cores are unknown
 * @param minProcesses    pools in the fleet at its minimum
 * @param maxProcesses    pools in the fleet at its maximum (the autoscaler's maximum, or serverless concurrency)
 * @param fleetTotalAtMax the recommended pools added up at the maximum fleet; 0 when infeasible
 * @param reason          how the budget was worked out
 * @param hardLimit       {@code limit − reserved}: the vendor's limit, past which connections are refused; a fleet
 *                        between {@code budget} and this works, with a warning that it takes the headroom
 * @param multiplexed     whether the fleet's client connections are multiplexed without a client limit (RDS
 *                        Proxy): then {@code budget} bounds the fleet's busy connections, not its clients
 */
public record ConnectionBudget(String limitName, int limit, int reserved, int headroom, int budget,
                               Integer busyLimit, Integer efficientBusy, int minProcesses, int maxProcesses,
                               int fleetTotalAtMax, Reason reason, int hardLimit, boolean multiplexed) {

    /**
     * A budget whose hard limit is {@code limit − reserved}, clients not multiplexed: the components as above.
     *
     * @param limitName       what limits the fleet
     * @param limit           the raw limit
     * @param reserved        slots the application cannot use
     * @param headroom        slots kept for admin, migrations and other clients
     * @param budget          {@code limit − reserved − headroom}
     * @param busyLimit       connections served at once behind a transaction pooler, or {@code null}
     * @param efficientBusy   {@code cores × 2 + spindles}, or {@code null}
     * @param minProcesses    pools in the fleet at its minimum
     * @param maxProcesses    pools in the fleet at its maximum
     * @param fleetTotalAtMax the recommended pools added up at the maximum fleet; 0 when infeasible
     * @param reason          how the budget was worked out
     */
    public ConnectionBudget(String limitName, int limit, int reserved, int headroom, int budget, Integer busyLimit,
                            Integer efficientBusy, int minProcesses, int maxProcesses, int fleetTotalAtMax,
                            Reason reason) {
        this(limitName, limit, reserved, headroom, budget, busyLimit, efficientBusy, minProcesses, maxProcesses,
                fleetTotalAtMax, reason, limit - reserved, false);
    }
}
