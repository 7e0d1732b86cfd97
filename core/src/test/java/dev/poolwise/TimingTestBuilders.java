package dev.poolwise;

/**
 * For the pool's own timing tests outside this package, which run its timers at millisecond scale on a fake or
 * local database: a builder with the timing floors waived ({@code PoolConfig.Builder.waiveTimingFloors()} is
 * package-private, so that applications cannot do this).
 */
public final class TimingTestBuilders {

    private TimingTestBuilders() {
    }

    /** @return {@link PoolConfig#builder()} with the floors of the timing settings waived; ceilings still apply */
    public static PoolConfig.Builder builder() {
        return PoolConfig.builder().waiveTimingFloors();
    }
}
