package dev.poolwise.cli.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database {@code demo} and {@code tune} run against: an embedded PostgreSQL started for the run and
 * stopped after it, or a database the user names with {@code --url}. Holds the credentials;
 * {@link #toString()} never shows the password.
 */
public final class DatabaseTarget implements AutoCloseable {

    /** Connections PostgreSQL keeps for superusers beyond the pool's; its default {@code max_connections} is 100. */
    private static final int SPARE_CONNECTIONS = 10;

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DatabaseTarget(EmbeddedPostgres embedded, String jdbcUrl, String username, String password,
            String description) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    /**
     * Starts PostgreSQL from the binaries on the class path, in a fresh temporary data directory, with
     * {@code max_connections} raised when the pool would not otherwise fit.
     *
     * @param poolSize the pool's maximum size
     * @return the running database
     * @throws IOException when the server cannot be unpacked, initialized or started
     */
    public static DatabaseTarget startEmbedded(int poolSize) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // This class stops the server itself, also on Ctrl-C (see the commands' ShutdownCleanup).
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", String.valueOf(Math.max(100, poolSize + SPARE_CONNECTIONS)))
                .start();
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        return new DatabaseTarget(postgres, url, "postgres", null, "embedded PostgreSQL at " + url);
    }

    /**
     * @param jdbcUrl  the database's JDBC URL
     * @param username the user, or {@code null} for the driver's default
     * @param password the password, or {@code null}
     * @return a target the demo neither starts nor stops
     */
    public static DatabaseTarget external(String jdbcUrl, String username, String password) {
        return new DatabaseTarget(null, jdbcUrl, username, password, null);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /**
     * @param maskedUrl the URL with any password in it masked (from the pool's configuration)
     * @return where the demo runs, safe to print
     */
    public String describe(String maskedUrl) {
        if (description != null) {
            return description;
        }
        return maskedUrl + (username != null ? " as " + username : "");
    }

    /** Stops the embedded server, if this target started one; safe to call more than once, from any thread. */
    @Override
    public void close() {
        if (embedded != null && closed.compareAndSet(false, true)) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Stopping embedded PostgreSQL failed: " + e.getMessage()
                        + "; a postgres process may be left running", e);
            }
        }
    }

    @Override
    public String toString() {
        return description != null ? description : "database (" + username + ")";
    }
}
