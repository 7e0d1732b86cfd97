package dev.poolwise.advisor.inspect;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a JDBC URL points: the scheme's engine, the (first) host, the port and the database. Credentials in
 * the URL ({@code user:secret@host}, {@code password=...}) are dropped, never kept, so an endpoint is safe to
 * print.
 *
 * @param scheme   the JDBC subprotocol, e.g. {@code postgresql}, {@code mysql}, {@code mariadb}
 * @param host     the host name or address, lower case, without IPv6 brackets
 * @param port     the port, the scheme's default when the URL gives none (PostgreSQL 5432, MySQL 3306)
 * @param database the database named in the URL's path, or {@code null}
 */
public record Endpoint(String scheme, String host, int port, String database) {

    /** Checks the values. */
    public Endpoint {
        if (scheme == null || scheme.isBlank()) {
            throw new IllegalArgumentException("scheme: must be set, e.g. postgresql");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": must be between 1 and 65535");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code jdbc:SCHEME://[user[:password]@]host[:port][,host2...][/database][?...]}, and
     * {@code jdbc:postgresql:database} (localhost). MySQL Connector/J's {@code jdbc:mysql:aws://} and
     * {@code jdbc:mysql:loadbalance://} style prefixes are accepted.
     *
     * @param jdbcUrl a JDBC URL
     * @return where it points
     * @throws IllegalArgumentException when it is not a JDBC URL with a host; the message does not repeat the
     *                                  URL (it may hold a password)
     */
    public static Endpoint parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: it must start with jdbc:, e.g."
                    + " jdbc:postgresql://db.example.com:5432/app");
        }
        String rest = jdbcUrl.substring("jdbc:".length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no subprotocol after jdbc: (postgresql, mysql or mariadb)");
        }
        String scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        rest = rest.substring(colon + 1);
        int slashes = rest.indexOf("//");
        if (slashes < 0) {
            if (scheme.equals("postgresql") && !rest.isEmpty()) {
                // jdbc:postgresql:database means localhost:5432.
                return new Endpoint(scheme, "localhost", defaultPort(scheme), stripParameters(rest));
            }
            throw new IllegalArgumentException("no //host in the URL, e.g. jdbc:" + scheme + "://host:port/database");
        }
        // "aws:", "loadbalance:", "replication:" and the like sit between the scheme and the //.
        String authorityAndPath = rest.substring(slashes + 2);
        // Drop user[:password]@ first: a password may hold '/', '?' or '@' itself, so cut at the last '@'
        // before the query string.
        int query = authorityAndPath.indexOf('?');
        int at = authorityAndPath.lastIndexOf('@', query < 0 ? authorityAndPath.length() : query);
        if (at >= 0) {
            authorityAndPath = authorityAndPath.substring(at + 1);
        }
        int pathStart = indexOfAny(authorityAndPath, "/?;");
        String authority = pathStart < 0 ? authorityAndPath : authorityAndPath.substring(0, pathStart);
        String path = pathStart < 0 ? "" : authorityAndPath.substring(pathStart);
        int comma = authority.indexOf(',');
        String first = comma < 0 ? authority : authority.substring(0, comma);
        String host;
        String portText = null;
        if (first.startsWith("[")) {
            int close = first.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("an IPv6 host opened with [ is not closed with ]");
            }
            host = first.substring(1, close);
            if (first.length() > close + 1 && first.charAt(close + 1) == ':') {
                portText = first.substring(close + 2);
            }
        } else {
            int portColon = first.lastIndexOf(':');
            host = portColon < 0 ? first : first.substring(0, portColon);
            portText = portColon < 0 ? null : first.substring(portColon + 1);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        int port = defaultPort(scheme);
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                // Not repeated: in a URL missing its '@', the "port" may be a password.
                throw new IllegalArgumentException("the port after the host is not a number");
            }
        }
        String database = null;
        if (path.startsWith("/")) {
            database = stripParameters(path.substring(1));
        }
        return new Endpoint(scheme, host, port, database == null || database.isEmpty() ? null : database);
    }

    /** @return the host and port, e.g. {@code db.example.com:5432} (IPv6 in brackets) */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the database, if the URL names one */
    public Optional<String> databaseName() {
        return Optional.ofNullable(database);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "mysql", "mariadb" -> 3306;
            default -> 5432;
        };
    }

    private static String stripParameters(String text) {
        int end = indexOfAny(text, "?;&");
        return end < 0 ? text : text.substring(0, end);
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
