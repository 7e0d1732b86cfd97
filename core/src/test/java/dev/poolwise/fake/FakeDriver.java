package dev.poolwise.fake;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A {@link Driver} for {@code jdbc:fake:<name>} URLs that connects to the registered {@link FakeDatabase} of
 * that name. It registers itself with {@link DriverManager} when loaded, and is listed in
 * {@code META-INF/services/java.sql.Driver} so {@code DriverManager.getConnection(db.url(), props)} finds it.
 * {@code new FakeDriver().connect(url, props)} works too.
 *
 * <p>The URL may carry properties, {@code jdbc:fake:orders?user=app&password=secret}; entries in the
 * {@code Properties} argument win over them. An unknown database name fails with SQLException 08001.
 */
public final class FakeDriver implements Driver {

    /** The prefix of every URL this driver accepts. */
    public static final String URL_PREFIX = "jdbc:fake:";

    static {
        try {
            DriverManager.registerDriver(new FakeDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Public for {@link java.util.ServiceLoader} and for tests that bypass DriverManager. */
    public FakeDriver() {
    }

    /** Returns {@code null} for URLs of other drivers, as {@link Driver#connect} requires. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String rest = url.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        Properties merged = new Properties();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    merged.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        if (info != null) {
            merged.putAll(info);
        }
        FakeDatabase db = FakeDatabase.byName(name);
        if (db == null) {
            throw new SQLException("no fake database named '" + name + "' (url " + url
                    + "); create it with FakeDatabase.create() and use its url()", "08001");
        }
        return db.connect(merged);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null : info.getProperty("user"));
        DriverPropertyInfo password = new DriverPropertyInfo("password", null);
        return new DriverPropertyInfo[] {user, password};
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.poolwise.fake");
    }
}
