package dev.poolwise.internal.sizing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the fleet in PostgreSQL's {@code pg_stat_activity}, by {@code application_name} (set by pgjdbc's
 * {@code ApplicationName} property).
 *
 * <p>{@code application_name} is one of the columns PostgreSQL shows every role for every session, so no
 * privilege beyond connecting is needed (other sessions' queries and states stay hidden without
 * {@code pg_read_all_stats}, and are not read). Parallel query workers carry their leader's name and count as
 * connections: an over-count, the safe side of a budget.
 *
 * <p>Behind a pooler, {@code pg_stat_activity} shows the pooler's server connections, not the fleet's client
 * connections. When the counting connection carries the fleet's label ({@code sourceCarriesLabel}), the
 * counter first checks that its own backend shows that label: a transaction pooler that hands out a server
 * connection last labelled by another client fails the check ({@code POOLER_IN_BETWEEN}) rather than return
 * a number that means something else. A pooler that passes the client's label on to the server (PgBouncer
 * does, for {@code application_name}) passes the check: the count is then of the pooler's server
 * connections, which is why a fleet behind PgBouncer counts on its console ({@link PgBouncerFleetCounter}).
 */
public final class PostgresFleetCounter implements FleetCounter {

    private static final String OWN_LABEL =
            "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()";
    private static final String QUERY = "SELECT application_name, count(*) FROM pg_stat_activity"
            + " WHERE application_name = ? OR left(application_name, ?) = ? GROUP BY application_name";

    private final ConnectionSource source;
    private final boolean sourceCarriesLabel;

    /**
     * @param source             where the counting connection comes from
     * @param sourceCarriesLabel whether that connection is one of this instance's own (a borrow from its pool),
     *                           so that the count must see at least it
     */
    public PostgresFleetCounter(ConnectionSource source, boolean sourceCarriesLabel) {
        this.source = source;
        this.sourceCarriesLabel = sourceCarriesLabel;
    }

    @Override
    public FleetCountResult count(FleetLabel fleet) {
        Map<String, Integer> byInstance = new HashMap<>();
        int unattributed = 0;
        try (Connection connection = source.get();
             PreparedStatement own = connection.prepareStatement(OWN_LABEL);
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            if (sourceCarriesLabel) {
                String seen;
                try (ResultSet row = own.executeQuery()) {
                    seen = row.next() ? row.getString(1) : null;
                }
                if (!fleet.isOwn(seen)) {
                    return new FleetCountResult.Unavailable(FleetCountResult.Cause.POOLER_IN_BETWEEN,
                            "pg_stat_activity shows this pool's own counting connection as '" + seen
                                    + "', not one of '" + fleet.label() + ".<n>': a pooler between the pool and"
                                    + " PostgreSQL (count on its admin console instead), or the connection's"
                                    + " ApplicationName was not applied");
                }
            }
            statement.setString(1, fleet.application());
            statement.setInt(2, fleet.prefix().length());
            statement.setString(3, fleet.prefix());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String instance = fleet.instanceOf(rows.getString(1));
                    int connections = rows.getInt(2);
                    if (instance.isEmpty()) {
                        unattributed += connections;
                    } else {
                        byInstance.merge(instance, connections, Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            return FleetCountResult.Unavailable.of(
                    "counting fleet '" + fleet.application() + "' in pg_stat_activity", e);
        }
        return new FleetCountResult.Counted(new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, unattributed));
    }
}
