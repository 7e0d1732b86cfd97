package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link PoolwiseDataSource#health()}: UP, DEGRADED with the reason, DOWN with the last connect failure.
 */
class PoolHealthTest extends PoolTestSupport {

    @Test
    void aServingPoolIsUp() {
        PoolwiseDataSource pool = open(config());
        assertThat(pool.health().status()).isEqualTo(PoolHealth.Status.UP);
    }

    @Test
    void aPoolThatCannotConnectIsDownWithTheLastError() {
        SQLException refused = new SQLException("connection refused", "08001");
        db.failConnectsAlways(refused);
        PoolwiseDataSource pool = open(config().initializationFailTimeout(-1));
        await().until(() -> pool.stats().connectFailures() > 0);
        PoolHealth health = pool.health();
        assertThat(health.status()).isEqualTo(PoolHealth.Status.DOWN);
        assertThat(health.reason()).contains("connection refused");
        assertThat((Object) health.lastError()).isSameAs(refused);
    }

    @Test
    void aPoolWhoseConnectsKeepFailingIsDownEvenWhileABorrowerStillHoldsAConnection() throws Exception {
        // minimumIdle 0: no background fill may open the second connection before connects start failing.
        PoolwiseDataSource pool = open(config().maximumPoolSize(2).minimumIdle(0)
                .connectionTimeout(Duration.ofMillis(200)));
        try (Connection held = pool.getConnection()) {
            SQLException refused = new SQLException("connection refused", "08001");
            db.failConnectsAlways(refused);
            // The second borrow needs a new connection, which cannot be opened.
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            assertThat(pool.health().status()).as("a fresh failure with a connection borrowed")
                    .isEqualTo(PoolHealth.Status.DEGRADED);
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.health().status() == PoolHealth.Status.DOWN);
            PoolHealth health = pool.health();
            assertThat(health.reason()).contains("cannot connect for").contains("1 connection(s) still borrowed")
                    .contains("connection refused");
            assertThat((Object) health.lastError()).isSameAs(refused);

            db.stopFailingConnects();
            try (Connection second = pool.getConnection()) {
                assertThat(second.isValid(1)).isTrue();
            }
            assertThat(pool.health().status()).as("connecting again").isNotEqualTo(PoolHealth.Status.DOWN);
        }
    }

    @Test
    void aRecentTimeoutMakesItDegraded() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionTimeout(Duration.ofMillis(200)));
        try (Connection held = pool.getConnection()) {
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        }
        PoolHealth health = pool.health();
        assertThat(health.status()).isEqualTo(PoolHealth.Status.DEGRADED);
        assertThat(health.reason()).contains("timed out");
    }

    @Test
    void aSuspectedLeakMakesItDegraded() throws Exception {
        PoolwiseDataSource pool = open(config().leakDetectionThreshold(Duration.ofMillis(100)));
        try (Connection leaked = pool.getConnection()) {
            await().until(() -> pool.health().status() == PoolHealth.Status.DEGRADED);
            assertThat(pool.health().reason()).contains("leak");
        }
        assertThat(pool.health().status()).isEqualTo(PoolHealth.Status.UP);
    }

    @Test
    void aClosedPoolIsDown() {
        PoolwiseDataSource pool = open(config());
        pool.close();
        assertThat(pool.health().status()).isEqualTo(PoolHealth.Status.DOWN);
    }
}
