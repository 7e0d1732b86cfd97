package dev.poolwise.advisor.inspect;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.HumanDuration;

/**
 * Reads a MySQL or MariaDB server: the global {@code max_connections}, {@code wait_timeout} and
 * {@code interactive_timeout} (what a new connection gets), the status counters {@code Threads_connected} and
 * {@code Max_used_connections}, and {@code information_schema.PROCESSLIST} by command, user and database.
 */
final class MysqlReadings {

    private MysqlReadings() {
    }

    /** The global variables read. */
    private record Globals(int maxConnections, long waitTimeout, long interactiveTimeout) {
    }

    static InspectionReport read(QueryRunner q, Endpoint endpoint, Engine engine) throws SQLException {
        String version = q.row("VERSION()", "SELECT VERSION()", rs -> rs.getString(1));
        if (version == null) {
            version = q.connection().getMetaData().getDatabaseProductVersion();
        }
        Globals globals = q.row("global variables", "SELECT @@GLOBAL.max_connections, @@GLOBAL.wait_timeout,"
                + " @@GLOBAL.interactive_timeout", rs -> new Globals(rs.getInt(1), rs.getLong(2), rs.getLong(3)));
        if (globals == null) {
            throw new SQLException("could not read @@GLOBAL.max_connections; the inspection needs it");
        }
        List<ServerSetting> limits = List.of(
                new ServerSetting("max_connections", String.valueOf(globals.maxConnections()), null,
                        "connections the server admits (plus one for an account with CONNECTION_ADMIN or SUPER)"));
        List<ServerSetting> timeouts = new ArrayList<>();
        timeouts.add(new ServerSetting("wait_timeout", globals.waitTimeout() + "s",
                Duration.ofSeconds(globals.waitTimeout()), "ends connections idle for "
                + HumanDuration.format(Duration.ofSeconds(globals.waitTimeout())) + " (a pool's connections get"
                + " this one)"));
        timeouts.add(new ServerSetting("interactive_timeout", globals.interactiveTimeout() + "s",
                Duration.ofSeconds(globals.interactiveTimeout()), "the same for interactive clients (mysql shell),"
                + " not for JDBC pools"));
        Map<String, Integer> status = new HashMap<>();
        q.rows("global status", "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected',"
                        + " 'Max_used_connections')", rs -> Map.entry(rs.getString(1), Integer.parseInt(rs.getString(2))))
                .forEach(e -> status.put(e.getKey(), e.getValue()));
        List<ConnectionGroup> connections = q.rows("information_schema.PROCESSLIST",
                "SELECT COMMAND, USER, DB, COUNT(*) FROM information_schema.PROCESSLIST"
                        + " GROUP BY COMMAND, USER, DB ORDER BY 4 DESC, 1, 2",
                rs -> new ConnectionGroup(rs.getString(1), null, rs.getString(2), rs.getString(3), rs.getInt(4)));
        Integer threads = status.get("Threads_connected");
        int visible = connections.stream().mapToInt(ConnectionGroup::count).sum();
        if (threads != null && visible < threads) {
            q.note("the process list shows " + visible + " of " + threads + " connected threads: this user lacks"
                    + " the PROCESS privilege to see the others");
        }
        return new InspectionReport(endpoint, engine, version, globals.maxConnections(), 0, limits, timeouts,
                connections, threads, status.get("Max_used_connections"), HostRecognizer.recognize(endpoint),
                PoolerDetection.none(List.of("pooler detection covers PostgreSQL only; on MySQL the host name"
                        + " tells (PlanetScale's edge, RDS Proxy)")), q.notesSoFar());
    }
}
