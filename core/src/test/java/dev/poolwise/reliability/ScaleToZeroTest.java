package dev.poolwise.reliability;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.TimingTestBuilders;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.reliability.Sql.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, scenario 5: a pool for a database that scales to zero. With {@code minimumIdle = 0} and a short
 * {@code idleTimeout} the pool drains to no physical connection (PostgreSQL's {@code pg_stat_activity} shows
 * none under the pool's {@code application_name}); the next borrow reconnects. A cold start is simulated by
 * {@link FaultProxy}: the database accepts only after 1.5 s, or refuses for 1 s; the connect retry inside
 * {@code connectionTimeout} rides it out, so the first request after the wake-up does not fail.
 */
class ScaleToZeroTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new FaultProxy(Sql.port(PG));
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** loginTimeout=1: a connect the cold database holds fails after 1 s and is retried by the pool. */
    private PoolConfig.Builder pool(String name) {
        return TimingTestBuilders.builder()
                .jdbcUrl(EmbeddedPostgresExtension.jdbcUrl(proxy.port()) + "?ApplicationName=" + name
                        + "&connectTimeout=1&loginTimeout=1&socketTimeout=5")
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(4)
                .minimumIdle(0)
                .idleTimeout(Duration.ofMillis(400))
                .keepaliveTime(Duration.ZERO)
                .connectionTimeout(CONNECTION_TIMEOUT);
    }

    @Test
    void drainsToNoPhysicalConnectionAndTheNextBorrowReconnects() throws Exception {
        String name = "rel-zero-drain";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).build());
             Connection admin = PG.adminConnection()) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(ds.getConnection());
            }
            assertThat(Sql.backends(admin, name)).as("backends while three are borrowed").isEqualTo(3);
            for (Connection c : held) {
                c.close();
            }

            await("the pool to drain").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ds.stats().total() == 0 && Sql.backends(admin, name) == 0);
            long createdBefore = ds.stats().connectionsCreated();

            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                assertThat(Sql.backends(admin, name)).isEqualTo(1);
            }
            assertThat(ds.stats().connectionsCreated()).as("the borrow reconnected").isEqualTo(createdBefore + 1);
        }
    }

    @Test
    void aColdDatabaseThatAcceptsOnlyAfterOneAndAHalfSecondsServesTheFirstBorrow() throws Exception {
        String name = "rel-zero-hold";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).initializationFailTimeout(-1).build())) {
            proxy.holdNewConnectionsFor(Duration.ofMillis(1_500));
            long start = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("cold start (held 1.5 s): first borrow served after %d ms, %d connect failures%n",
                    millis, ds.stats().connectFailures());
            assertThat(millis).as("served inside connectionTimeout, not before the database woke")
                    .isBetween(1_400L, CONNECTION_TIMEOUT.toMillis());
            assertThat(ds.stats().connectFailures()).as("the held connect timed out (loginTimeout=1) and was retried")
                    .isPositive();
        }
    }

    @Test
    void aColdDatabaseThatRefusesForOneSecondServesTheFirstBorrow() throws Exception {
        String name = "rel-zero-refuse";
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).initializationFailTimeout(-1).build())) {
            proxy.refuseNewConnectionsFor(Duration.ofSeconds(1));
            long start = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("cold start (refused 1 s): first borrow served after %d ms, %d connect failures%n",
                    millis, ds.stats().connectFailures());
            assertThat(millis).as("served inside connectionTimeout").isBetween(900L, CONNECTION_TIMEOUT.toMillis());
            assertThat(ds.stats().connectFailures()).as("refused connects were retried").isGreaterThan(1);
            assertThat(proxy.accepted()).as("connects that reached the proxy").isGreaterThan(1);
        }
    }
}
