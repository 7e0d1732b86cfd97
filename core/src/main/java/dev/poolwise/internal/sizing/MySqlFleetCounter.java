package dev.poolwise.internal.sizing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the fleet on MariaDB or MySQL, with whichever the server offers.
 *
 * <ol>
 *   <li><b>By label</b>, where {@code performance_schema} is on: the {@code program_name} connection attribute
 *       in {@code performance_schema.session_connect_attrs}. MariaDB Connector/J sends it from its
 *       {@code connectionAttributes} property ({@code program_name:orders/3f9a2c01.7}; tested against MariaDB
 *       10.11); MySQL Connector/J documents a property of the same name (not tested here: no MySQL server on
 *       these machines). Needs {@code SELECT} on that table. MySQL turns
 *       {@code performance_schema} on by default; MariaDB ships it off, and turning it on needs a restart.</li>
 *   <li><b>By user</b>, otherwise: {@code information_schema.PROCESSLIST} rows of the counting connection's own
 *       user. Without the {@code PROCESS} privilege that is exactly what the processlist shows; with it, the
 *       filter keeps it so. Every connection of that user counts, whatever application holds it: an upper
 *       bound of the fleet (the safe side of a budget, exact when the fleet has a database user of its own),
 *       and no way to tell instances apart ({@link FleetCount.Basis#BY_USER}).</li>
 * </ol>
 * The label count falls back to the user count when the attributes cannot be read, or when they do not show
 * the counting connection's own label although it carries one (the attribute was not sent, or the server's
 * {@code performance_schema_session_connect_attrs_size} cut it).
 */
public final class MySqlFleetCounter implements FleetCounter {

    private static final String BY_LABEL = "SELECT ATTR_VALUE, count(*) FROM performance_schema.session_connect_attrs"
            + " WHERE ATTR_NAME = 'program_name' AND (ATTR_VALUE = ? OR left(ATTR_VALUE, ?) = ?) GROUP BY ATTR_VALUE";
    private static final String OWN_LABEL = "SELECT ATTR_VALUE FROM performance_schema.session_connect_attrs"
            + " WHERE PROCESSLIST_ID = connection_id() AND ATTR_NAME = 'program_name'";
    private static final String BY_USER = "SELECT count(*) FROM information_schema.PROCESSLIST"
            + " WHERE USER = substring_index(user(), '@', 1)";

    private final ConnectionSource source;
    private final boolean sourceCarriesLabel;

    /**
     * Set once the server refused the label count for lack of privilege or of the table: not asked again (the
     * driver logs each refusal at WARN), the user count serves from then on. Only the counting thread reads
     * and writes it.
     */
    private boolean labelCountRefused;

    /**
     * @param source             where the counting connection comes from
     * @param sourceCarriesLabel whether that connection is one of this instance's own, labelled as it is
     */
    public MySqlFleetCounter(ConnectionSource source, boolean sourceCarriesLabel) {
        this.source = source;
        this.sourceCarriesLabel = sourceCarriesLabel;
    }

    @Override
    public FleetCountResult count(FleetLabel fleet) {
        try (Connection connection = source.get()) {
            if (!labelCountRefused && performanceSchemaOn(connection)) {
                FleetCount byLabel = countByLabel(connection, fleet);
                if (byLabel != null) {
                    return new FleetCountResult.Counted(byLabel);
                }
            }
            return countByUser(connection, fleet);
        } catch (SQLException e) {
            return FleetCountResult.Unavailable.of("counting fleet '" + fleet.application() + "' on MariaDB/MySQL", e);
        }
    }

    private static boolean performanceSchemaOn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@performance_schema")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }

    /** @return the count by label, or {@code null} when it cannot be read or cannot be right */
    private FleetCount countByLabel(Connection connection, FleetLabel fleet) {
        Map<String, Integer> byInstance = new HashMap<>();
        int unattributed = 0;
        try (PreparedStatement own = connection.prepareStatement(OWN_LABEL);
             PreparedStatement statement = connection.prepareStatement(BY_LABEL)) {
            if (sourceCarriesLabel) {
                try (ResultSet row = own.executeQuery()) {
                    if (!row.next() || !fleet.isOwn(row.getString(1))) {
                        return null; // the attribute was not sent, or was cut: the label count cannot be right
                    }
                }
            }
            statement.setString(1, fleet.application());
            statement.setInt(2, fleet.prefix().length());
            statement.setString(3, fleet.prefix());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String instance = fleet.instanceOf(rows.getString(1));
                    if (instance.isEmpty()) {
                        unattributed += rows.getInt(2);
                    } else {
                        byInstance.merge(instance, rows.getInt(2), Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            FleetCountResult.Cause cause = FleetCountResult.Unavailable.of("", e).cause();
            labelCountRefused = cause == FleetCountResult.Cause.PERMISSION
                    || cause == FleetCountResult.Cause.NOT_SUPPORTED;
            return null; // the processlist still serves
        }
        return new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, unattributed);
    }

    private static FleetCountResult countByUser(Connection connection, FleetLabel fleet) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(BY_USER)) {
            rows.next();
            return new FleetCountResult.Counted(new FleetCount(FleetCount.Basis.BY_USER, Map.of(), rows.getInt(1)));
        } catch (SQLException e) {
            return FleetCountResult.Unavailable.of("counting fleet '" + fleet.application()
                    + "' in information_schema.PROCESSLIST by user", e);
        }
    }
}
