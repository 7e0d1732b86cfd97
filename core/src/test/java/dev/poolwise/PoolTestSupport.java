package dev.poolwise;

import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared set-up for pool tests on the fake driver: a fresh fake database per test, a config builder with
 * short timeouts, and clean-up that closes every pool a test opened.
 */
abstract class PoolTestSupport {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    protected final FakeDatabase db = FakeDatabase.create();
    private final List<PoolwiseDataSource> pools = new ArrayList<>();

    /**
     * Short timeouts so failing tests fail fast; keepalive off unless a test turns it on. The timing floors are
     * waived: these tests run the pool's timers at millisecond scale.
     */
    protected PoolConfig.Builder config() {
        return PoolConfig.builder().waiveTimingFloors()
                .jdbcUrl(db.url())
                .poolName(getClass().getSimpleName() + "-" + POOL_NUMBER.incrementAndGet())
                .maximumPoolSize(4)
                .connectionTimeout(Duration.ofSeconds(2))
                .keepaliveTime(Duration.ZERO)
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    protected PoolwiseDataSource open(PoolConfig.Builder builder) {
        PoolwiseDataSource pool = new PoolwiseDataSource(builder.build());
        pools.add(pool);
        return pool;
    }

    protected static FakeConnection physical(Connection handle) throws SQLException {
        return handle.unwrap(FakeConnection.class);
    }

    @AfterEach
    void closePoolsAndDropDatabase() {
        for (PoolwiseDataSource pool : pools) {
            pool.close();
        }
        db.drop();
    }

    protected static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
