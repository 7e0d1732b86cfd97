package dev.poolwise.benchmarks;

import dev.poolwise.benchmarks.noop.NoopDataSource;
import dev.poolwise.benchmarks.pools.PoolImplementation;
import dev.poolwise.benchmarks.pools.PoolSettings;
import dev.poolwise.benchmarks.pools.StartedPool;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool a benchmark borrows from, shared by all of its threads and started afresh for each trial (each
 * value of {@code pool}). The two concrete states differ only in size: {@link Roomy} has a connection for every
 * thread, {@link Contended} makes eight threads share four.
 *
 * <p>JMH wants {@code @State} on the class that declares a {@code @Param}, abstract or not; the benchmarks take
 * the concrete states as arguments.
 */
@State(Scope.Benchmark)
public abstract class PoolUnderTest {

    /** Which pool to measure: a {@link PoolImplementation} name, chosen on the command line with {@code -p pool=}. */
    @Param({"poolwise", "poolwise-adaptive", "hikari", "agroal", "agroal3", "vibur", "dbcp2", "tomcat", "c3p0"})
    public String pool;

    /** The running pool's data source; read by the benchmark methods, written once in {@link #start()}. */
    DataSource dataSource;

    private StartedPool started;

    /** How many connections the pool keeps: its maximum size and its minimum idle count. */
    protected abstract int size();

    /**
     * Starts the pool, then runs the statement cycle once so that a pool which cannot serve it fails here rather
     * than in the middle of a measurement.
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        PoolImplementation implementation = PoolImplementation.named(pool);
        started = implementation.factory().start(new PoolSettings("bench-" + pool, size(), new NoopDataSource()));
        dataSource = started.dataSource();
        int updated = StatementCycleBenchmark.cycle(dataSource);
        if (updated != 1) {
            throw new SQLException("The statement cycle through " + pool + " updated " + updated
                    + " rows, expected the no-op driver's 1");
        }
    }

    /** Closes the pool and its connections. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (started != null) {
            started.stop();
        }
    }

    /** A pool of 32 connections: more than the benchmark's threads, so borrowers never wait for one another. */
    @State(Scope.Benchmark)
    public static class Roomy extends PoolUnderTest {

        @Override
        protected int size() {
            return 32;
        }
    }

    /** A pool of 4 connections for 8 threads: borrowers queue, and the pool's hand-off between them is measured. */
    @State(Scope.Benchmark)
    public static class Contended extends PoolUnderTest {

        @Override
        protected int size() {
            return 4;
        }
    }
}
