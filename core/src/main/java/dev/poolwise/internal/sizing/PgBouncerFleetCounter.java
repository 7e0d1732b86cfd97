package dev.poolwise.internal.sizing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the fleet's client connections on PgBouncer's admin console ({@code SHOW CLIENTS}, by its
 * {@code application_name} column), for a fleet that reaches PostgreSQL through PgBouncer. There the budget
 * that matters is the pooler's (its {@code max_client_conn}, a user's or database's client limit); the
 * database itself only sees PgBouncer's server connections.
 *
 * <p>The console is a separate connection: pgjdbc to the virtual database {@code pgbouncer}, with
 * {@code preferQueryMode=simple} (the console speaks only the simple query protocol) and, for pgjdbc 42.7.5
 * and later, {@code replication=database} (see the {@code SET failed} case below), as a user listed in
 * PgBouncer's {@code admin_users} or {@code stats_users}. A user not listed is refused at login, which comes
 * back as {@link FleetCountResult.Cause#PERMISSION}. The console's own connections (database
 * {@code pgbouncer}) are not counted.
 */
public final class PgBouncerFleetCounter implements FleetCounter {

    private final ConnectionSource console;

    /** @param console where connections to PgBouncer's admin console come from */
    public PgBouncerFleetCounter(ConnectionSource console) {
        this.console = console;
    }

    @Override
    public FleetCountResult count(FleetLabel fleet) {
        Map<String, Integer> byInstance = new HashMap<>();
        int unattributed = 0;
        try (Connection connection = console.get();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW CLIENTS")) {
            if (!hasColumn(rows.getMetaData(), "application_name")) {
                return new FleetCountResult.Unavailable(FleetCountResult.Cause.NOT_SUPPORTED,
                        "PgBouncer's SHOW CLIENTS has no application_name column here (PgBouncer 1.18 has it);"
                                + " upgrade PgBouncer to count the fleet on its console");
            }
            while (rows.next()) {
                String label = rows.getString("application_name");
                if ("pgbouncer".equals(rows.getString("database")) || !fleet.isFleet(label)) {
                    continue;
                }
                String instance = fleet.instanceOf(label);
                if (instance.isEmpty()) {
                    unattributed++;
                } else {
                    byInstance.merge(instance, 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SET failed")) {
                return new FleetCountResult.Unavailable(FleetCountResult.Cause.NOT_SUPPORTED,
                        "PgBouncer's admin console refused a SET at login (" + e.getMessage() + "): pgjdbc 42.7.5 and"
                                + " later send SET extra_float_digits to servers reporting a version below 12, which"
                                + " the console does not accept (pgbouncer/pgbouncer#1509); connect to the console"
                                + " with replication=database, which makes pgjdbc skip that SET");
            }
            return FleetCountResult.Unavailable.of("counting fleet '" + fleet.application()
                    + "' with SHOW CLIENTS on PgBouncer's admin console", e);
        }
        return new FleetCountResult.Counted(new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, unattributed));
    }

    private static boolean hasColumn(ResultSetMetaData meta, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(meta.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }
}
