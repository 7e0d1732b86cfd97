package dev.poolwise.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order service on Poolwise: Spring Data JPA and JdbcTemplate on one pool, Flyway migrating with a user
 * of its own, the actuator's health and metrics. Run it with no arguments for an embedded PostgreSQL, or with
 * {@code --spring.datasource.url=jdbc:postgresql://host:5432/db --spring.datasource.username=...} (and
 * {@code --spring.flyway.user=...}) for a real database.
 */
@SpringBootApplication
public class OrdersApplication {

    /**
     * @param args Spring Boot arguments, e.g. {@code --spring.datasource.url=...}
     */
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
