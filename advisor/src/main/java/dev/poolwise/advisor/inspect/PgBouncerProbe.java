package dev.poolwise.advisor.inspect;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether a PostgreSQL connection goes through a pooler, from what the two ends say about the session:
 * <ul>
 *   <li>The backend key. At startup the server sends the client its process id ({@code BackendKeyData}); a
 *       pooler such as PgBouncer answers the startup itself and sends a key of its own. When pgjdbc's
 *       {@code PGConnection.getBackendPID()} differs from {@code pg_backend_pid()} run over the same
 *       connection, something other than the server answered the startup. This is the deciding signal.</li>
 *   <li>Transactions moving. Two transactions on one connection that run in different server processes mean
 *       the connection is pooled per transaction.</li>
 *   <li>The port. {@code inet_server_port()} names the port the server accepted the session on; when it is
 *       not the port the URL connects to (or the session arrived over a Unix socket), something relays the
 *       traffic: a pooler, a proxy or a port mapping. On its own this is not taken as a pooler.</li>
 * </ul>
 * When a pooler is seen and a {@link ConnectionOpener} is given, a second client connection tells the pool
 * mode: in session mode each client keeps its own server process; in transaction mode an idle client's
 * server process serves the other client, or a client's transactions move between processes.
 */
final class PgBouncerProbe {

    private static final String SESSION_QUERY = "SELECT pg_backend_pid(), inet_server_port()";

    private PgBouncerProbe() {
    }

    /** The server side of one query. */
    private record ServerSide(int pid, Integer port) {
    }

    static PoolerDetection probe(QueryRunner q, Endpoint endpoint, ConnectionOpener opener) {
        List<String> evidence = new ArrayList<>();
        ServerSide first = serverSide(q);
        ServerSide second = serverSide(q);
        if (first == null || second == null) {
            evidence.add("pg_backend_pid() could not be read; no pooler detection");
            return PoolerDetection.none(evidence);
        }
        Integer driverPid = driverBackendPid(q.connection());
        boolean keyDiffers = driverPid != null && driverPid != first.pid();
        boolean moved = first.pid() != second.pid();
        if (driverPid == null) {
            evidence.add("the driver does not report its backend key (not pgjdbc), so only the port and moving"
                    + " transactions can show a pooler");
        } else if (keyDiffers) {
            evidence.add("the startup was answered with backend key " + driverPid + ", but the session runs in"
                    + " server process " + first.pid() + ": a pooler answered the startup");
        } else {
            evidence.add("the backend key from the startup (" + driverPid + ") is the server process running the"
                    + " session: no pooler answered the startup");
        }
        if (moved) {
            evidence.add("two transactions on one connection ran in server processes " + first.pid() + " and "
                    + second.pid() + ": the connection is pooled per transaction");
        }
        if (first.port() == null) {
            evidence.add("the server accepted this session over a Unix socket, while the URL connects over TCP to "
                    + endpoint.address() + ": something on that host relays the traffic");
        } else if (first.port() != endpoint.port()) {
            evidence.add("the server accepted this session on port " + first.port() + ", while the URL connects to"
                    + " port " + endpoint.port() + ": a pooler, proxy or port mapping relays the traffic");
        }
        if (!keyDiffers && !moved) {
            return PoolerDetection.none(evidence);
        }
        if (moved) {
            return new PoolerDetection(true, "transaction", evidence);
        }
        if (opener == null) {
            evidence.add("session or transaction mode could not be told with one connection");
            return new PoolerDetection(true, null, evidence);
        }
        String mode = modeFromSecondClient(q, opener, first, evidence);
        return new PoolerDetection(true, mode, evidence);
    }

    /**
     * Opens a second client while the first stays open and idle, and runs one query on each, twice, in turn.
     */
    private static String modeFromSecondClient(QueryRunner q, ConnectionOpener opener, ServerSide first,
                                               List<String> evidence) {
        try (Connection other = opener.open()) {
            other.setAutoCommit(true);
            QueryRunner otherRunner = new QueryRunner(other, new ArrayList<>());
            ServerSide b1 = serverSide(otherRunner);
            ServerSide a2 = serverSide(q);
            ServerSide b2 = serverSide(otherRunner);
            if (b1 == null || a2 == null || b2 == null) {
                evidence.add("a second connection could not read pg_backend_pid(); the pool mode is not known");
                return null;
            }
            if (b1.pid() == first.pid() || a2.pid() != first.pid() || b2.pid() != b1.pid()) {
                evidence.add("a second client was served by server processes " + b1.pid() + " and " + b2.pid()
                        + ", the first by " + first.pid() + " and " + a2.pid()
                        + ": server processes are shared between clients (transaction mode)");
                return "transaction";
            }
            evidence.add("a second client kept its own server process (" + b1.pid() + ") while the first kept "
                    + first.pid() + ": each client holds a server connection (session mode)");
            return "session";
        } catch (SQLException e) {
            evidence.add("a second connection could not be opened to tell the pool mode: "
                    + QueryRunner.firstLine(e.getMessage()));
            return null;
        }
    }

    private static ServerSide serverSide(QueryRunner q) {
        return q.row("pg_backend_pid()", SESSION_QUERY, rs -> {
            int port = rs.getInt(2);
            return new ServerSide(rs.getInt(1), rs.wasNull() ? null : port);
        });
    }

    /**
     * @return the process id in the key the startup was answered with, from pgjdbc's
     *         {@code PGConnection.getBackendPID()} found by reflection (so that this module needs no driver), or
     *         {@code null} when the connection is not pgjdbc's
     */
    static Integer driverBackendPid(Connection connection) {
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false,
                    connection.getClass().getClassLoader());
            if (!connection.isWrapperFor(pgConnection)) {
                return null;
            }
            Object unwrapped = connection.unwrap(pgConnection);
            Method method = pgConnection.getMethod("getBackendPID");
            return (Integer) method.invoke(unwrapped);
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
