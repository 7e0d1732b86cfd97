package dev.poolwise.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Borrow and return: {@code getConnection()} then {@code close()}, the cost a pool adds to every unit of work.
 * One method per thread count, so that a plain run covers them all; {@code threads8Pool4} is the contended case.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConnectionCycleBenchmark {

    /** One thread, 32 connections. */
    @Benchmark
    @Threads(1)
    public Connection threads1(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Two threads (one per core here), 32 connections. */
    @Benchmark
    @Threads(2)
    public Connection threads2(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Eight threads, 32 connections. */
    @Benchmark
    @Threads(8)
    public Connection threads8(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Eight threads sharing 4 connections. */
    @Benchmark
    @Threads(8)
    public Connection threads8Pool4(PoolUnderTest.Contended pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Borrows a connection and returns it; the closed handle goes to JMH's black hole. */
    static Connection cycle(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }
}
