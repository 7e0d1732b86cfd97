package dev.poolwise.advisor.inspect;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.HumanDuration;
import dev.poolwise.advisor.PoolerKind;

/**
 * Reads a PostgreSQL server: {@code pg_settings} for the limits and timeouts, {@code pg_stat_activity} for
 * the connections, and {@link PgBouncerProbe} for a pooler in between.
 */
final class PostgresReadings {

    private static final List<String> LIMITS = List.of("max_connections", "superuser_reserved_connections",
            "reserved_connections");
    private static final List<String> TIMEOUTS = List.of("idle_session_timeout",
            "idle_in_transaction_session_timeout", "statement_timeout", "transaction_timeout", "tcp_keepalives_idle",
            "tcp_keepalives_interval", "tcp_keepalives_count");

    private PostgresReadings() {
    }

    /** A row of {@code pg_settings}. */
    private record PgSetting(String name, String setting, String unit) {
    }

    static InspectionReport read(QueryRunner q, Endpoint endpoint, ConnectionOpener opener) throws SQLException {
        String version = q.row("server_version", "SELECT current_setting('server_version')", rs -> rs.getString(1));
        if (version == null) {
            version = q.connection().getMetaData().getDatabaseProductVersion();
        }
        List<String> names = new ArrayList<>(LIMITS);
        names.addAll(TIMEOUTS);
        Map<String, PgSetting> settings = new LinkedHashMap<>();
        q.rows("pg_settings", "SELECT name, setting, unit FROM pg_settings WHERE name IN ('"
                        + String.join("', '", names) + "')",
                rs -> new PgSetting(rs.getString(1), rs.getString(2), rs.getString(3)))
                .forEach(s -> settings.put(s.name(), s));
        if (!settings.containsKey("max_connections")) {
            throw new SQLException("could not read max_connections from pg_settings; the inspection needs it");
        }
        List<ServerSetting> limits = new ArrayList<>();
        int reserved = 0;
        for (String name : LIMITS) {
            PgSetting s = settings.get(name);
            if (s == null) {
                continue; // reserved_connections exists from PostgreSQL 16.
            }
            limits.add(new ServerSetting(name, s.setting(), null, switch (name) {
                case "max_connections" -> "connections the server admits";
                case "superuser_reserved_connections" -> "slots kept for superusers";
                default -> "slots kept for roles with pg_use_reserved_connections";
            }));
            if (!name.equals("max_connections")) {
                reserved += Integer.parseInt(s.setting());
            }
        }
        List<ServerSetting> timeouts = new ArrayList<>();
        for (String name : TIMEOUTS) {
            PgSetting s = settings.get(name);
            if (s != null) {
                timeouts.add(timeout(s));
            }
        }
        List<ConnectionGroup> connections = q.rows("pg_stat_activity",
                "SELECT coalesce(state, ''), coalesce(application_name, ''), coalesce(usename, ''), datname,"
                        + " count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                        + " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2, 3",
                rs -> new ConnectionGroup(rs.getString(1).isEmpty() ? "(not visible)" : rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
        if (connections.stream().anyMatch(c -> c.state().equals("(not visible)"))) {
            q.note("the state of other users' sessions is hidden from this user: connect as a superuser or a"
                    + " member of pg_read_all_stats to see it");
        }
        PoolerDetection pooler = PgBouncerProbe.probe(q, endpoint, opener);
        RecognizedHost host = HostRecognizer.recognize(endpoint);
        if (pooler.detected() && host.isRecognized() && host.pooler() == PoolerKind.NONE) {
            q.note("something other than the server answered the startup of what the host name says is a direct"
                    + " endpoint; providers route direct endpoints through proxies of their own (Neon does), which may"
                    + " answer the startup themselves (inferred), so the advice follows the host name: give --pooler"
                    + " if a pooler is really in between");
        }
        if (pooler.detected()) {
            q.note("settings were read through the pooler: they are those of its server connection, and"
                    + " pg_stat_activity counts the pooler's server connections, not its clients");
        }
        return new InspectionReport(endpoint, Engine.POSTGRESQL, version,
                Integer.parseInt(settings.get("max_connections").setting()), reserved, limits, timeouts,
                connections, null, null, host, pooler, q.notesSoFar());
    }

    private static ServerSetting timeout(PgSetting s) {
        String name = s.name();
        long amount = Long.parseLong(s.setting());
        String unit = s.unit() == null ? "" : s.unit();
        if (name.equals("tcp_keepalives_count")) {
            return new ServerSetting(name, s.setting(), null, amount == 0
                    ? "the OS default (Linux: 9 probes)" : "connection dropped after " + amount + " unanswered probes");
        }
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
        String value = s.setting() + unit;
        String human = amount == 0 ? "" : HumanDuration.format(duration);
        String meaning = switch (name) {
            case "idle_session_timeout" -> amount == 0 ? "off" : "ends sessions idle (outside a transaction) for " + human;
            case "idle_in_transaction_session_timeout" -> amount == 0 ? "off"
                    : "ends sessions idle inside an open transaction for " + human;
            case "statement_timeout" -> amount == 0 ? "off" : "cancels statements running longer than " + human;
            case "transaction_timeout" -> amount == 0 ? "off" : "ends sessions whose transaction lasts longer than " + human;
            case "tcp_keepalives_idle" -> amount == 0 ? "the OS default (Linux: 2h), or a Unix-socket session"
                    : "first keepalive probe after " + human + " without traffic";
            case "tcp_keepalives_interval" -> amount == 0 ? "the OS default (Linux: 75s), or a Unix-socket session"
                    : "probes every " + human;
            default -> "";
        };
        return new ServerSetting(name, value, duration, meaning);
    }
}
