package dev.poolwise.fake;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a {@link FakeDatabase}, configured through JavaBean properties so the pool's
 * {@code dataSourceClassName} path can create it by reflection: {@code databaseName} (required), {@code user},
 * {@code password}, or {@code url} ({@code jdbc:fake:<name>}, which sets {@code databaseName}).
 *
 * <pre>{@code
 * FakeDataSource ds = new FakeDataSource();
 * ds.setDatabaseName(db.name());
 * ds.setUser("app");
 * Connection c = ds.getConnection();   // same faults and counters as FakeDriver connects
 * }</pre>
 */
public final class FakeDataSource implements DataSource {

    private volatile String databaseName;
    private volatile String user;
    private volatile String password;
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;

    /** Public no-argument constructor, for creation by class name. */
    public FakeDataSource() {
    }

    public String getDatabaseName() {
        return databaseName;
    }

    public void setDatabaseName(String databaseName) {
        this.databaseName = databaseName;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** {@code jdbc:fake:<databaseName>}, or {@code null} when no database name is set. */
    public String getUrl() {
        String name = databaseName;
        return name == null ? null : FakeDriver.URL_PREFIX + name;
    }

    /** Sets {@code databaseName} from a {@code jdbc:fake:<name>} URL. */
    public void setUrl(String url) {
        if (url == null || !url.startsWith(FakeDriver.URL_PREFIX)) {
            throw new IllegalArgumentException("not a fake database URL: " + url + " (expected "
                    + FakeDriver.URL_PREFIX + "<name>)");
        }
        this.databaseName = url.substring(FakeDriver.URL_PREFIX.length());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        String name = databaseName;
        if (name == null) {
            throw new SQLException("FakeDataSource has no databaseName; set it (dataSourceProperties"
                    + " databaseName=<name>)", "08001");
        }
        FakeDatabase db = FakeDatabase.byName(name);
        if (db == null) {
            throw new SQLException("no fake database named '" + name + "'; create it with FakeDatabase.create()",
                    "08001");
        }
        Properties info = new Properties();
        if (username != null) {
            info.setProperty("user", username);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        return db.connect(info);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.poolwise.fake");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("FakeDataSource does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "FakeDataSource[" + databaseName + (user == null ? "" : ", user=" + user) + "]";
    }
}
