package dev.poolwise.cli.tune;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.poolwise.cli.common.LatencyHistogram;

/**
 * What the adaptive pool did during its run through the phases: one sample per second of its target size and
 * connections, with the work completed in that second, and every change of target the pool announced.
 *
 * @param maximumPoolSize the adaptive pool's ceiling: the static sweep's largest size
 * @param sizingWindow    the pool's {@code sizingWindow}
 * @param sizingTolerance the pool's {@code sizingTolerance}
 * @param phaseLength     each phase's length
 * @param phases          the phases' workloads, in order
 * @param seconds         one entry per second of the run, in order; second {@code k} covers {@code [k, k+1)}
 *                        seconds after the pool opened
 * @param latencies       each second's latency histogram (asking for a connection to giving it back), parallel
 *                        to {@code seconds}; not written to the JSON, the steady-state percentiles come from them
 * @param changes         each change of target, in order
 * @param firstFailure    the first failed unit of work's message, or {@code null}
 */
public record AdaptiveTrace(int maximumPoolSize, Duration sizingWindow, double sizingTolerance, Duration phaseLength,
                            Duration warmup, List<String> phases,
                            List<Second> seconds, List<LatencyHistogram> latencies, List<Change> changes,
                            String firstFailure) {

    /**
     * Copies the lists, so that the trace stays as it was made.
     *
     * @param maximumPoolSize the ceiling
     * @param sizingWindow    the control window
     * @param sizingTolerance the pool's {@code sizingTolerance}
     * @param phaseLength     each phase's length
     * @param warmup          how long an unjudged adaptive pool ran the first phase before this run; zero for none
     * @param phases          the phases' workloads
     * @param seconds         the samples
     * @param latencies       the samples' latencies
     * @param changes         the target changes
     * @param firstFailure    the first failure, or {@code null}
     */
    public AdaptiveTrace {
        phases = List.copyOf(phases);
        seconds = List.copyOf(seconds);
        latencies = List.copyOf(latencies);
        changes = List.copyOf(changes);
        if (seconds.size() != latencies.size()) {
            throw new IllegalArgumentException(seconds.size() + " samples but " + latencies.size() + " histograms");
        }
    }

    /** @return whole seconds per phase */
    public int secondsPerPhase() {
        return (int) phaseLength.toSeconds();
    }

    /**
     * One second of the run, sampled at its end.
     *
     * @param second        seconds since the pool opened, from 0
     * @param phase         the phase's index, from 0
     * @param target        the pool's target size at the end of the second
     * @param open          the pool's physical connections open (or being opened) then
     * @param active        connections borrowed then
     * @param waiting       threads waiting in {@code getConnection} then
     * @param completed     units of work that started and ended in this phase and ended in this second
     * @param failures      units of work that failed in this second
     * @param databaseOpen  the most of the pool's connections the database's activity view showed in this
     *                      second, or -1 when it could not be read
     */
    public record Second(int second, int phase, int target, int open, int active, int waiting, long completed,
                         long failures, int databaseOpen) {
    }

    /**
     * One change of target, as the pool's listener heard it, with the window's figures the controller decided
     * on ({@link dev.poolwise.TargetSizeChange}).
     *
     * @param atSeconds        seconds since the pool opened
     * @param from             the target before
     * @param to               the target after
     * @param reason           the controller's reason, e.g. {@code GROW_QUEUEING}
     * @param throughput       completed borrows per second in the window
     * @param holdMs           the window's mean hold time
     * @param baselineHoldMs   the controller's no-load hold time (0 while unknown)
     * @param queuedInDatabase its estimate of connections whose work waits inside the database
     * @param inUse            connections in use on average in the window
     * @param waiters          threads waiting in {@code getConnection} at the window's end
     * @param measured         the controller's throughput memory then: borrows per second by size
     *                         ({@link dev.poolwise.TargetSizeChange#measuredThroughput()})
     */
    public record Change(double atSeconds, int from, int to, String reason, double throughput, double holdMs,
                         double baselineHoldMs, double queuedInDatabase, double inUse, int waiters,
                         SortedMap<Integer, Double> measured) {

        /** Keeps a copy of the figures, so that the change stays as it was heard. */
        public Change {
            measured = Collections.unmodifiableSortedMap(new TreeMap<>(measured));
        }
    }
}
