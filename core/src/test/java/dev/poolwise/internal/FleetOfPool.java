package dev.poolwise.internal;

import dev.poolwise.internal.sizing.FleetBudget;
import dev.poolwise.internal.sizing.FleetCeilingSource;

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
}
