package dev.poolwise.spring;

/**
 * Where and as whom to connect, as Spring Boot hands it over: from {@code spring.datasource.*}, or from a
 * {@code JdbcConnectionDetails} bean (Testcontainers or Docker Compose {@code @ServiceConnection}). Kept free of
 * Boot's types, whose package differs between Boot 3 and Boot 4.
 *
 * @param jdbcUrl         the JDBC URL, or {@code null}
 * @param username        the user name, or {@code null}
 * @param password        the password, or {@code null}; never shown by {@link #toString()}
 * @param driverClassName the driver class, or {@code null} to find it from the URL
 */
public record JdbcCoordinates(String jdbcUrl, String username, String password, String driverClassName) {

    /** Shows no password, and not the URL either, which may carry one. */
    @Override
    public String toString() {
        return "JdbcCoordinates[jdbcUrl=" + (jdbcUrl == null ? "(none)" : "(set)") + ", username=" + username
                + ", password=" + (password == null ? "(none)" : "****") + ", driverClassName=" + driverClassName + "]";
    }
}
