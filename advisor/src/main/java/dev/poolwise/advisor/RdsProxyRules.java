package dev.poolwise.advisor;

import java.util.List;

/**
 * What RDS Proxy changes, as warnings. The proxy multiplexes: a client holds a database connection only while
 * it runs a transaction (or for the rest of its session once it has pinned one), and the proxy opens at most
 * {@code MaxConnectionsPercent} of {@code max_connections}. So the fleet's client connections are not the
 * limit; its busy connections are, and pinning is the risk, since it turns every client back into a database
 * connection of its own. The fix offered for too many busy connections is to avoid pinning and to shorten
 * transactions before capping the concurrency.
 */
final class RdsProxyRules {

    private RdsProxyRules() {
    }

    /**
     * @param deployment  a deployment through RDS Proxy
     * @param limits      its limits ({@link DatabaseLimits#proxy()} set)
     * @param clients     the fleet's client connections at its maximum (pools × size, or functions × size)
     * @param busyFleet   the fleet's busy connections from rate × hold time, or {@code null} when unknown
     * @param clientsText what the clients are, e.g. {@code 1000 functions × 1}
     * @param warnings    receives the warnings
     */
    static void apply(Deployment deployment, DatabaseLimits limits, long clients, Double busyFleet,
                      String clientsText, List<Warning> warnings) {
        DatabaseLimits.RdsProxy proxy = limits.proxy();
        boolean serverless = deployment.application().isServerless();
        int cap = proxy.databaseConnections();
        long busy = busyFleet != null ? (long) Math.ceil(busyFleet - 1e-9) : clients;
        String capText = cap + " database connections (MaxConnectionsPercent " + proxy.maxConnectionsPercent()
                + "% of max_connections " + limits.maxConnections()
                + (cap < Math.floor(proxy.maxConnectionsPercent() / 100.0 * limits.maxConnections())
                        ? ", less the " + limits.reserved() + " reserved for the superuser" : "") + ")";
        String borrow = "ConnectionBorrowTimeout " + HumanDuration.format(proxy.connectionBorrowTimeout());
        if (busy > cap) {
            warnings.add(new Warning("RDS_PROXY_BUSY", (busyFleet != null
                    ? "The workload keeps about " + SizingRules.number(busyFleet) + " connections busy (rate × hold)"
                    : "Up to " + clients + " client connections (" + clientsText + ") may be in a transaction at"
                            + " once")
                    + ", but RDS Proxy opens at most " + capText + ". Past that, transactions wait inside the proxy"
                    + " for a database connection, up to " + borrow + ", then fail. The proxy multiplexes, so far"
                    + " fewer are usually busy at once"
                    + (busyFleet != null ? "" : ": give --hold-time-p99 and --rate to know")
                    + ". If they are not: avoid pinning (see below), shorten transactions, raise MaxConnectionsPercent"
                    + " (now " + proxy.maxConnectionsPercent() + "%), give the database more connections ("
                    + ProviderFixes.largerDatabase(deployment) + "), or "
                    + (serverless ? "cap the functions' concurrency at " + cap
                            : "cap the fleet's pools at " + cap + " connections in all") + "."));
        }
        int databaseBudget = limits.databaseBudget();
        if (Math.min(busy, cap) > databaseBudget) {
            int percent = (int) Math.floor(100.0 * Math.max(0, databaseBudget) / limits.maxConnections());
            warnings.add(new Warning("HEADROOM_USED", "The fleet may keep up to " + Math.min(busy, cap)
                    + " database connections busy through RDS Proxy, which takes the headroom of " + limits.headroom()
                    + " Poolwise keeps under max_connections " + limits.maxConnections() + " for admin sessions,"
                    + " migrations and clients that connect directly rather than through the proxy: when the proxy"
                    + " holds them all, those are refused. MaxConnectionsPercent " + percent + " keeps it"
                    + " (--headroom sets the headroom)."));
        }
        Engine engine = deployment.database().engine();
        String pins = engine == Engine.POSTGRESQL
                ? "SET (outside SET LOCAL), SQL-level PREPARE, temporary tables, cursors WITH HOLD, LISTEN, session"
                        + " advisory locks, or a statement over 16 KB"
                : "server-side prepared statements, LOCK TABLES, GET_LOCK, temporary tables, or a statement over"
                        + " 16 KB";
        String avoid = engine == Engine.POSTGRESQL
                ? "keep session settings in SET LOCAL inside transactions or in the proxy's initialization query,"
                        + " and leave the rest out of code that runs through the proxy (migrations and admin work"
                        + " can connect directly)"
                : "keep prepared statements client-side (Connector/J's default useServerPrepStmts=false), set"
                        + " session variables in the proxy's initialization query, and leave locks and temporary"
                        + " tables to code that connects directly";
        warnings.add(new Warning("RDS_PROXY_PINNING", "RDS Proxy pins a client to its database connection, for the"
                + " rest of the client's session, after " + pins + ". A pinned client holds its database connection"
                + " even when idle: if every client pinned, the " + clients + " client connections (" + clientsText
                + ") would need " + clients + " database connections"
                + (clients > cap ? ", more than the " + cap + " the proxy may open, and the rest would wait "
                        + borrow + " and fail" : "")
                + ". Avoid pinning: " + avoid + ". CloudWatch's DatabaseConnectionsCurrentlySessionPinned shows"
                + " whether it happens."));
    }
}
