package dev.poolwise.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * A unit of work as an application writes it: borrow a connection, prepare a statement, execute an update, close
 * the statement, return the connection. Beyond the connection cycle this measures how a pool wraps and tracks
 * statements. One method per thread count; {@code threads8Pool4} is the contended case.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StatementCycleBenchmark {

    /** The statement prepared each cycle; the no-op driver never reads it. */
    static final String SQL = "UPDATE account SET balance = balance + 1 WHERE id = 1";

    /** One thread, 32 connections. */
    @Benchmark
    @Threads(1)
    public int threads1(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Two threads (one per core here), 32 connections. */
    @Benchmark
    @Threads(2)
    public int threads2(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Eight threads, 32 connections. */
    @Benchmark
    @Threads(8)
    public int threads8(PoolUnderTest.Roomy pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Eight threads sharing 4 connections. */
    @Benchmark
    @Threads(8)
    public int threads8Pool4(PoolUnderTest.Contended pool) throws SQLException {
        return cycle(pool.dataSource);
    }

    /** Borrows, prepares, executes, and closes statement then connection; returns the update count. */
    static int cycle(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            return statement.executeUpdate();
        }
    }
}
