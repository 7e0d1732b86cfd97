package dev.poolwise.internal;

import java.util.Locale;
import java.util.Map;

/**
 * What to add when no driver on the classpath accepts a JDBC URL, chosen by the URL's subprotocol (the word
 * after {@code jdbc:}), so that a {@code jdbc:mysql:} URL is never told to add the PostgreSQL driver.
 */
public final class DriverHint {

    /** Subprotocol → what to add. Maven Central coordinates, current as of this release. */
    private static final Map<String, String> BY_SUBPROTOCOL = Map.ofEntries(
            Map.entry("postgresql", "add the PostgreSQL driver (org.postgresql:postgresql)"),
            Map.entry("mysql", "add MySQL Connector/J (com.mysql:mysql-connector-j), or use MariaDB Connector/J "
                    + "(org.mariadb.jdbc:mariadb-java-client) with permitMysqlScheme in the URL "
                    + "(jdbc:mysql://host/db?permitMysqlScheme), as MariaDB Connector/J 3 and later accept "
                    + "jdbc:mysql: only then"),
            Map.entry("mariadb", "add MariaDB Connector/J (org.mariadb.jdbc:mariadb-java-client)"),
            Map.entry("oracle", "add the Oracle driver (com.oracle.database.jdbc:ojdbc11)"),
            Map.entry("sqlserver", "add the Microsoft SQL Server driver (com.microsoft.sqlserver:mssql-jdbc)"),
            Map.entry("h2", "add H2 (com.h2database:h2)"),
            Map.entry("hsqldb", "add HSQLDB (org.hsqldb:hsqldb)"),
            Map.entry("sqlite", "add the SQLite driver (org.xerial:sqlite-jdbc)"),
            Map.entry("derby", "add Derby (org.apache.derby:derby and org.apache.derby:derbytools)"),
            Map.entry("db2", "add the Db2 driver (com.ibm.db2:jcc)"),
            Map.entry("clickhouse", "add the ClickHouse driver (com.clickhouse:clickhouse-jdbc)"),
            Map.entry("snowflake", "add the Snowflake driver (net.snowflake:snowflake-jdbc)"),
            Map.entry("redshift", "add the Amazon Redshift driver (com.amazon.redshift:redshift-jdbc42)"));

    private DriverHint() {
    }

    /**
     * @param jdbcUrl a JDBC URL (may hold a password: the message masks it), or {@code null}
     * @return the whole message for a URL no driver accepts: {@code jdbcUrl = <masked>: no JDBC driver on the
     *         classpath accepts it; add MySQL Connector/J (...) ...; or set driverClassName}
     */
    public static String noDriverFor(String jdbcUrl) {
        return "jdbcUrl = " + JdbcUrlMask.mask(jdbcUrl) + ": no JDBC driver on the classpath accepts it; "
                + forUrl(jdbcUrl) + "; or set driverClassName to a driver class that accepts it";
    }

    /**
     * @param jdbcUrl a JDBC URL, or {@code null}
     * @return what to add for its subprotocol, e.g. {@code add the PostgreSQL driver (org.postgresql:postgresql)}
     */
    static String forUrl(String jdbcUrl) {
        String subprotocol = subprotocol(jdbcUrl);
        String hint = BY_SUBPROTOCOL.get(subprotocol);
        if (hint != null) {
            return hint;
        }
        return subprotocol.isEmpty()
                ? "check that the URL starts with jdbc:<database>: and add that database's JDBC driver"
                : "add the JDBC driver for jdbc:" + subprotocol + ": to the classpath";
    }

    /** {@code jdbc:mysql://h/db} → {@code mysql}; {@code jdbc:oracle:thin:@h} → {@code oracle}; else "". */
    static String subprotocol(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return "";
        }
        int end = 5;
        while (end < jdbcUrl.length()
                && (Character.isLetterOrDigit(jdbcUrl.charAt(end)) || jdbcUrl.charAt(end) == '-')) {
            end++;
        }
        return jdbcUrl.substring(5, end).toLowerCase(Locale.ROOT);
    }
}
