package dev.poolwise.cli.demo;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolStats;
import dev.poolwise.cli.common.LatencyHistogram;

/**
 * Prints what a demo run did: operations and throughput, the pool's counts at the end of the run and after
 * it was closed, and the latency of {@code getConnection} and of the operations.
 */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * @param out        where to print
     * @param workload   the finished workload
     * @param atEnd      the pool's stats when the workers had finished, before close
     * @param afterClose the pool's stats after close, or {@code null} when they could not be read
     * @param total      the table's sum of balances after the run, or {@code null} when it could not be read
     */
    static void print(PrintWriter out, DemoWorkload workload, PoolStats atEnd, PoolStats afterClose, Long total) {
        double seconds = workload.elapsed().toNanos() / 1e9;
        long done = workload.selects() + workload.transactions();
        out.println();
        out.printf(Locale.ROOT, "Operations   %,d done in %.1f s: %,.0f ops/s (%,d selects, %,d transactions), %,d failed%n",
                done, seconds, seconds > 0 ? done / seconds : 0.0, workload.selects(), workload.transactions(),
                workload.failures());
        SQLException failure = workload.firstFailure();
        if (failure != null) {
            out.println("             first failure: " + failure.getMessage().strip()
                    + (failure.getSQLState() != null ? " (SQLState " + failure.getSQLState() + ")" : ""));
        }
        if (total != null) {
            long expected = DemoWorkload.ROWS * DemoWorkload.INITIAL_BALANCE;
            out.printf(Locale.ROOT, "Consistency  sum of balances %,d, expected %,d: %s%n", total, expected,
                    total == expected ? "ok" : "WRONG, a transaction was not atomic");
        }

        out.println();
        out.println("Pool \"" + atEnd.poolName() + "\" at the end of the run");
        out.printf(Locale.ROOT, "  connections  total %d of max %d, active %d, idle %d, waiting %d (minimumIdle %d)%n",
                atEnd.total(), atEnd.maximumPoolSize(), atEnd.active(), atEnd.idle(), atEnd.waiting(),
                atEnd.minimumIdle());
        out.printf(Locale.ROOT, "  opened       %d; closed %d%s%n", atEnd.connectionsCreated(), atEnd.totalClosed(),
                reasons(atEnd.connectionsClosed()));
        out.printf(Locale.ROOT, "  problems     %d acquire timeouts, %d connect failures, %d validation failures, "
                + "%d suspected leaks%n", atEnd.acquireTimeouts(), atEnd.connectFailures(), atEnd.validationFailures(),
                atEnd.suspectedLeaks());
        if (afterClose != null) {
            out.printf(Locale.ROOT, "  after close  total %d, opened %d, closed %d%s%n", afterClose.total(),
                    afterClose.connectionsCreated(), afterClose.totalClosed(), reasons(afterClose.connectionsClosed()));
        }

        out.println();
        out.println("Latency                 p50         p99         max       count");
        latency(out, "getConnection", workload.acquireLatency());
        latency(out, "operation", workload.operationLatency());
        latency(out, "close (return)", workload.returnLatency());
        out.flush();
    }

    private static void latency(PrintWriter out, String name, LatencyHistogram histogram) {
        out.printf(Locale.ROOT, "  %-14s %s %s %s %,11d%n", name, time(histogram.percentileNanos(50)),
                time(histogram.percentileNanos(99)), time(histogram.maxNanos()), histogram.count());
    }

    /** @return the duration in a unit that shows its significant digits: us below 1 ms, ms below 1 s, else s */
    static String time(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%8.1f us", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%8.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%8.2f s ", nanos / 1e9);
    }

    private static String reasons(Map<CloseReason, Long> closed) {
        StringJoiner joined = new StringJoiner(", ", " (", ")").setEmptyValue("");
        new TreeMap<>(closed).forEach((reason, count) -> {
            if (count > 0) {
                joined.add(reason.name().toLowerCase(Locale.ROOT) + " " + count);
            }
        });
        return joined.toString();
    }
}
