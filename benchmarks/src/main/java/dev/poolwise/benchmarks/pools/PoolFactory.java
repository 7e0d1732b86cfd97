package dev.poolwise.benchmarks.pools;

/**
 * Starts one pool implementation with the common {@link PoolSettings}. One implementation per pool; each says
 * which of that pool's own settings it touches and why.
 */
public interface PoolFactory {

    /**
     * Starts a pool. It may still be filling to {@link PoolSettings#size()} when this returns: the warm-up
     * iterations of every benchmark run long enough for any of the pools to fill.
     *
     * @param settings the settings shared by every pool under benchmark
     * @return the running pool
     * @throws Exception whatever the pool throws when it cannot start
     */
    StartedPool start(PoolSettings settings) throws Exception;
}
