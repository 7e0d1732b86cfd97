package dev.poolwise.advisor.inspect;

import java.util.List;
import java.util.Optional;

import dev.poolwise.advisor.Engine;

/**
 * What one inspection of a live database read. Immutable; holds no credentials.
 *
 * @param endpoint            where the connection pointed (host, port, database; no credentials)
 * @param engine              PostgreSQL, MySQL or MariaDB, as the server reports itself
 * @param serverVersion       the server's version text, e.g. {@code 17.6} or {@code 10.11.19-MariaDB-0+deb12u1}
 * @param maxConnections      the server's {@code max_connections}
 * @param reservedConnections slots the application cannot use: PostgreSQL's {@code superuser_reserved_connections}
 *                            plus {@code reserved_connections} (16+); 0 on MySQL and MariaDB, whose one extra
 *                            admin connection is beyond {@code max_connections}
 * @param limits              the settings behind the two counts above, as read
 * @param timeouts            the settings that cut connections, statements or transactions, as read (PostgreSQL
 *                            idle, idle-in-transaction, statement, transaction and TCP keepalive settings; MySQL
 *                            and MariaDB {@code wait_timeout} and {@code interactive_timeout})
 * @param connections         the connections open now, grouped; this inspection's own connection included
 * @param threadsConnected    MySQL/MariaDB status {@code Threads_connected}, or {@code null}
 * @param maxUsedConnections  MySQL/MariaDB status {@code Max_used_connections} (the peak since the server
 *                            started), or {@code null}
 * @param host                the provider and pooler the host name names
 * @param pooler              whether a pooler was seen between the client and the server
 * @param notes               what could not be read, or limits of what was (e.g. sessions of other users whose
 *                            state is hidden without the privilege to see them)
 */
public record InspectionReport(Endpoint endpoint, Engine engine, String serverVersion, int maxConnections,
                               int reservedConnections, List<ServerSetting> limits, List<ServerSetting> timeouts,
                               List<ConnectionGroup> connections, Integer threadsConnected,
                               Integer maxUsedConnections, RecognizedHost host, PoolerDetection pooler,
                               List<String> notes) {

    /** Checks the required parts and copies the lists. */
    public InspectionReport {
        if (endpoint == null || engine == null || serverVersion == null || host == null || pooler == null) {
            throw new IllegalArgumentException("endpoint, engine, serverVersion, host and pooler must be set");
        }
        if (maxConnections < 1 || reservedConnections < 0) {
            throw new IllegalArgumentException("max_connections " + maxConnections + " and reserved "
                    + reservedConnections + ": must be at least 1 and 0");
        }
        limits = List.copyOf(limits);
        timeouts = List.copyOf(timeouts);
        connections = List.copyOf(connections);
        notes = List.copyOf(notes);
    }

    /** @return the connections open at the time of the inspection, its own included */
    public int openConnections() {
        return connections.stream().mapToInt(ConnectionGroup::count).sum();
    }

    /**
     * @param name a setting's name, e.g. {@code wait_timeout} or {@code idle_session_timeout}
     * @return the timeout setting, if the server has it and it was read
     */
    public Optional<ServerSetting> timeout(String name) {
        return timeouts.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
