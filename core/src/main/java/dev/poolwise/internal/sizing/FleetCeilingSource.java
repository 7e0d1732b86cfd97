package dev.poolwise.internal.sizing;

/**
 * The fleet budget as the pool's control loop sees it: this pool's ceiling now, and whether counting works.
 * The adaptive controller takes {@code min(maximumPoolSize, ceiling)} as its upper bound at each step.
 *
 * <p><b>Threads.</b> {@link #ceiling} is called by the housekeeper only (it may count, which is a query, when a
 * count is due); {@link #problem} by any thread (health, JMX).
 */
public interface FleetCeilingSource {

    /** No fleet budget: the static ceiling always applies and nothing is ever counted. */
    FleetCeilingSource NONE = new FleetCeilingSource() {
        @Override
        public int ceiling(int staticCeiling, int ownOpen) {
            return staticCeiling;
        }

        @Override
        public String problem() {
            return null;
        }
    };

    /**
     * @param staticCeiling {@code maximumPoolSize} now, at least 1
     * @param ownOpen       physical connections this pool has open or opening now
     * @return this pool's ceiling from 1 to {@code staticCeiling}: its share of the fleet budget, or
     *         {@code staticCeiling} when no budget is set or counting has failed (see {@link #problem})
     */
    int ceiling(int staticCeiling, int ownOpen);

    /** @return why the fleet cannot be counted (already masked), or {@code null} when it can or no budget is set */
    String problem();
}
