package dev.poolwise.internal;

import dev.poolwise.LeakReport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds connections held longer than {@code leakDetectionThreshold} and reports each borrow once: a WARN line
 * with the report, and {@code PoolListener.onSuspectedLeak}. Runs on the housekeeper thread, scanning the
 * bag, so a borrow costs no timer task (only the stack capture, and only when detection is on).
 */
final class LeakDetector {

    private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);

    private final Pool pool;

    LeakDetector(Pool pool) {
        this.pool = pool;
    }

    /** A quarter of the threshold, between 10 ms and 1 s, so reports come at most that late. */
    long periodNanos() {
        long quarter = pool.leakThresholdNanos / 4;
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), quarter));
    }

    void run() {
        try {
            long now = pool.clock.nanoTime();
            for (PooledConnection connection : pool.connections()) {
                if (!connection.isInUse() || connection.leakReported) {
                    continue;
                }
                long borrowed = connection.borrowedNanos;
                if (borrowed == Pool.NOT_BORROWED || now - borrowed < pool.leakThresholdNanos) {
                    continue;
                }
                LeakReport report = report(pool, connection, now);
                if (report == null) {
                    continue;
                }
                connection.leakReported = true;
                pool.suspectedLeaks.increment();
                LOG.warn("{} - suspected connection leak: {}", pool.name, report);
                pool.events().suspectedLeak(report);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} - leak detection failed: {}", pool.name, e.toString(), e);
        }
    }

    /**
     * Builds a report from what the borrower's thread last wrote; the fields are read without the borrower's
     * cooperation, so a value may be a moment old, which a report can live with.
     *
     * @return the report, or {@code null} if the connection is no longer borrowed
     */
    static LeakReport report(Pool pool, PooledConnection connection, long now) {
        long borrowed = connection.borrowedNanos;
        if (borrowed == Pool.NOT_BORROWED) {
            return null;
        }
        Thread thread = connection.borrowThread;
        Throwable site = connection.borrowSite;
        long lastStatement = connection.lastStatementNanos;
        Duration sinceLastStatement = lastStatement == Pool.NOT_BORROWED || lastStatement - borrowed < 0
                ? null : Duration.ofNanos(now - lastStatement);
        boolean transactionOpen = connection.transactionDirty && !connection.autoCommit;
        return new LeakReport(pool.name, connection.id, thread == null ? "(unknown)" : thread.getName(),
                site == null ? new StackTraceElement[0] : site.getStackTrace(), Duration.ofNanos(now - borrowed),
                transactionOpen, sinceLastStatement);
    }
}
