package dev.poolwise.internal;

import dev.poolwise.internal.sizing.FleetBudget;
import dev.poolwise.internal.sizing.FleetCeiling;
import dev.poolwise.internal.sizing.FleetCeilingSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/** Test access to a pool's fleet budget from the fleet tests in {@code internal.sizing}. */
public final class FleetOfPool {

    private FleetOfPool() {
    }

    /** A pool opened for a test, closed by try-with-resources. */
    public record Opened(Pool pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /** @return a new pool on the configuration, to close with try-with-resources */
    public static Opened open(dev.poolwise.PoolConfig config) {
        return new Opened(new Pool(config));
    }

    /** @return the pool's fleet ceiling source ({@link FleetCeilingSource#NONE} without a budget) */
    public static FleetCeilingSource of(Pool pool) {
        return pool.fleet;
    }

    /** @return the pool's {@link FleetBudget}; fails when it has none */
    public static FleetBudget budget(Pool pool) {
        if (!(pool.fleet instanceof FleetBudget budget)) {
            throw new AssertionError(pool.name() + " has no fleet budget: " + pool.fleet);
        }
        return budget;
    }

    /**
     * Asks for the ceiling as the housekeeper's sizing step does: with the pool's maximum and the
     * connections it has open or opening.
     */
    public static int ceiling(Pool pool) {
        return pool.fleet.ceiling(pool.maximumPoolSize(), pool.total());
    }

    /** @return the label the pool's connections carry, without the connection part */
    public static String label(Pool pool) {
        return budget(pool).label().label();
    }

    /**
     * Asks for the pool's ceiling, as its sizing step does, until a count shows what {@code expected} wants
     * (counts are due once a second). Waits up to 60 s: what the fleet tests check is the count, not how soon it
     * comes, and on a loaded machine the first counts have taken from 2 s to over 30 s. A pool that cannot count
     * fails at once; a count that never comes fails with the last count and what the pool held.
     *
     * @return the count that satisfied {@code expected}
     */
    public static FleetCeiling awaitCount(Pool pool, Predicate<FleetCeiling> expected) {
        AtomicReference<FleetCeiling> seen = new AtomicReference<>();
        try {
            await("a count of " + pool.name() + "'s fleet as expected").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        ceiling(pool);
                        String problem = of(pool).problem();
                        if (problem != null) {
                            throw new AssertionError(pool.name() + " cannot count: " + problem);
                        }
                        seen.set(budget(pool).lastCount());
                        return seen.get() != null && expected.test(seen.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(pool.name() + ": the last count was " + seen.get() + " while the pool held "
                    + pool.stats(), e);
        }
        return seen.get();
    }
}
