package dev.poolwise.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolwise.PoolwiseDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The example service on embedded PostgreSQL, through the Poolwise starter of the Boot generation this module is
 * built for (the same test runs in {@code examples/spring-boot} on Boot 4 and in {@code examples/spring-boot/boot3}
 * on Boot 3). The actuator is read over HTTP, as an operator would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private OrderService orders;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private Environment environment;
    @Value("${local.server.port}")
    private int port;

    @Test
    void theDataSourceIsPoolwise() {
        assertThat(dataSource).isInstanceOf(PoolwiseDataSource.class);
        assertThat(((PoolwiseDataSource) dataSource).getPoolName()).isEqualTo("orders");
    }

    @Test
    void aTransactionalRollbackLeavesNothing() {
        long before = orders.count();

        assertThatThrownBy(() -> orders.placeThenFail("umbrella")).hasMessageContaining("payment declined");

        assertThat(orders.count()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE item LIKE 'umbrella%'", Long.class)).isZero();
    }

    @Test
    void aCommittedOrderIsStored() {
        long before = orders.count();
        orders.place("book");
        assertThat(orders.count()).isEqualTo(before + 1);
    }

    @Test
    void flywayMigratedAsItsOwnUser() {
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'orders'", String.class))
                .isEqualTo("orders_migrator");
        assertThat(jdbc.queryForObject("SELECT installed_by FROM flyway_schema_history WHERE version = '1'", String.class))
                .isEqualTo("orders_migrator");
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("postgres");
    }

    @Test
    void actuatorHealthShowsTheDatabaseAndThePool() throws Exception {
        // Boot 3 writes "status" first and Boot 4 last, so each component is read from its own endpoint.
        assertThat(get("/actuator/health")).contains("\"db\":", "\"poolwise\":").doesNotContain("DOWN", "DEGRADED");
        assertThat(get("/actuator/health/db")).contains("\"status\":\"UP\"", "\"database\":\"PostgreSQL\"");
        assertThat(get("/actuator/health/poolwise")).contains("\"status\":\"UP\"", "\"pool\":\"orders\"",
                "\"maximumPoolSize\":5");
    }

    @Test
    void actuatorMetricsShowThePoolsNumbers() throws Exception {
        jdbc.queryForObject("SELECT 1", Integer.class);

        assertThat(value(get("/actuator/metrics/jdbc.connections.max"))).isEqualTo(5.0);
        assertThat(value(get("/actuator/metrics/jdbc.connections.min"))).isEqualTo(1.0);
        assertThat(value(get("/actuator/metrics/db.client.connection.max"))).isEqualTo(5.0);
        assertThat(get("/actuator/metrics/db.client.connection.create_time")).contains("\"statistic\":\"COUNT\"");
    }

    @Test
    void closingTheContextClosesThePool() {
        ConfigurableApplicationContext second = new SpringApplicationBuilder(OrdersApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=postgres", "--spring.flyway.enabled=false");
        PoolwiseDataSource pool = second.getBean(PoolwiseDataSource.class);
        assertThat(second.getBean(OrderService.class).count()).isNotNegative();
        assertThat(pool.stats().total()).isPositive();

        second.close();

        assertThat(pool.isClosed()).isTrue();
        assertThat(pool.stats().total()).isZero();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static double value(String metric) {
        Matcher value = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.]+)").matcher(metric);
        assertThat(value.find()).as("a VALUE in " + metric).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
