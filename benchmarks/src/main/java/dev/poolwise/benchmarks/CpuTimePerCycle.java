package dev.poolwise.benchmarks;

import dev.poolwise.benchmarks.noop.NoopDataSource;
import dev.poolwise.benchmarks.pools.PoolImplementation;
import dev.poolwise.benchmarks.pools.PoolSettings;
import dev.poolwise.benchmarks.pools.StartedPool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A side measurement for a busy machine: the CPU time one thread spends per cycle, read from
 * {@link ThreadMXBean#getCurrentThreadCpuTime()}, which time slices lost to other processes do not inflate
 * the way they inflate JMH's wall-clock throughput. One pool per JVM (so each gets its own JIT profile); run
 * it for several pools in turn, several times, and compare medians:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.poolwise.benchmarks.CpuTimePerCycle poolwise connection
 * </pre>
 *
 * Prints one line per measured round (5 rounds of 4 million cycles after 3 warm-up rounds): the pool, the
 * cycle, the thread's CPU nanoseconds per cycle and the wall-clock nanoseconds per cycle.
 */
public final class CpuTimePerCycle {

    /**
     * Written by every cycle, so that the JIT cannot drop the handle's allocation. Plain, not volatile: a
     * volatile write would add a fence to every cycle.
     */
    static Object sink;

    private CpuTimePerCycle() {
    }

    /**
     * @param args the pool's name ({@code -p pool=} values) and {@code connection} or {@code statement}
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[1].equals("connection") || args[1].equals("statement"))) {
            System.err.println("usage: CpuTimePerCycle <pool> connection|statement");
            System.exit(2);
        }
        boolean statement = args[1].equals("statement");
        StartedPool started = PoolImplementation.named(args[0]).factory()
                .start(new PoolSettings("cpu-" + args[0], 32, new NoopDataSource()));
        try {
            DataSource dataSource = started.dataSource();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cycles = 4_000_000;
            for (int round = 0; round < 8; round++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (long i = 0; i < cycles; i++) {
                    if (statement) {
                        StatementCycleBenchmark.cycle(dataSource);
                    } else {
                        connectionCycle(dataSource);
                    }
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                long wall = System.nanoTime() - wallStart;
                if (round >= 3) {
                    System.out.printf("%s %s cpu %.1f ns/cycle wall %.1f ns/cycle%n", args[0], args[1],
                            cpu / (double) cycles, wall / (double) cycles);
                }
            }
        } finally {
            started.stop();
        }
    }

    private static void connectionCycle(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        sink = connection;
    }
}
