package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Reason;

import java.util.Collections;
import java.util.SortedMap;

/**
 * The adaptive pool's control loop: from one {@link SizingWindow} of signals to the next target size, with the
 * reason and the figures behind it ({@link SizingDecision}).
 *
 * <p><b>Method: TCP Vegas, applied to connections.</b> Vegas (Brakmo and Peterson, "TCP Vegas: End to End
 * Congestion Avoidance on a Global Internet", IEEE JSAC 13(8), 1995) compares the round-trip time with the
 * lowest one seen (the no-load RTT) and estimates how many packets sit in queues:
 * {@code window x (1 - rttNoLoad / rtt)}; it grows while that is below {@code alpha}, shrinks above
 * {@code beta}, and holds in between. Netflix's concurrency-limits ({@code VegasLimit}, and {@code Gradient2Limit}
 * with the same ratio of long-term to current latency) applies it to a server's concurrency. Here:
 * <ul>
 *   <li>the round trip is the <em>hold time</em> (how long a borrower keeps a connection), and the no-load
 *       hold time is the lowest window mean seen, as Vegas's base RTT. It is not aged out on a timer: a
 *       baseline that only drifts up with what it measures lets the target creep past the knee (a steady
 *       state past the knee would become the new "no load"). It is re-learnt on evidence instead (below);</li>
 *   <li>the window is the connections <em>actually in use</em> (Little's law: throughput x mean hold), not the
 *       target, so an under-used pool's spare connections do not count as queued work; for a database with
 *       {@code N} cores and hold time proportional to concurrency past {@code N}, the estimate
 *       {@code inUse x (1 - baseline / hold)} is exactly {@code inUse - N}: the connections past the knee;</li>
 *   <li>growth needs a second signal Vegas does not have: borrowers must be <em>queueing</em> (a waiter, a
 *       timeout, or a mean wait above {@code queueWaitFraction} of the no-load hold). A pool nobody waits on
 *       has no use for more connections, whatever hold time says (Vegas's and concurrency-limits'
 *       "inflight &lt; limit / 2: do not grow" guard, made exact).</li>
 * </ul>
 *
 * <p><b>The rules, in order.</b> Bounds first: a target outside [{@code max(1, min(minimumIdle, ceiling))},
 * {@code max(1, ceiling)}] moves inside ({@code BOUNDS}). For {@code settleWindows} windows after a change nothing
 * else happens. Then: more than {@code beta} connections queued in the database shrinks by
 * {@code ceil(queued - alpha)}, at most {@code maxStepDown} ({@code SHRINK_SATURATED}: more connections raised
 * hold time without raising throughput); borrowers queueing with fewer than {@code alpha} queued in the
 * database grows by the number waiting, at least 1, at most {@code maxStepUp} ({@code GROW_QUEUEING});
 * connections spare beyond the measured need plus {@code idleHeadroom} for {@code idleWindowsBeforeShrink}
 * windows in a row shrinks by half the spare, at most {@code maxStepDown} ({@code SHRINK_IDLE}). A saturation
 * shrink that does not lower hold time, in the mean of the two windows after it, shows the baseline is stale (the
 * queries got slower, not queued): the baseline is re-learnt from them and the shrink undone
 * ({@code REBASE_RESTORE}); when the first window alone shows hold time falling, one is enough. While borrowers
 * queue on a baseline not known to be a no-load one, the pool probes down ({@code SHRINK_PROBE}) in steps of
 * {@code maxStepDown}, judged the same way, until hold time stops falling ({@code PROBE_END}).
 *
 * <p><b>Invariants</b> (pinned by the property tests): every returned target is within the bounds passed in;
 * a decision other than {@code BOUNDS} moves the target by at most {@code max(maxStepUp, maxStepDown)}; the
 * same windows give the same decisions (no clock, no randomness).
 *
 * <p><b>Threads.</b> Not thread-safe: one thread (the housekeeper) calls {@link #decide}; {@link #target()} is
 * published through a volatile field for readers such as the opener, JMX and metrics.
 */
public final class TargetSizeController {

    /**
     * How far below the best measured, in {@code throughputTolerance}s, the size the pool is at must complete
     * before {@code GROW_THROUGHPUT} takes it back up towards the size to keep (which is within three quarters
     * of a tolerance of the best): the gap between the two is the hysteresis. It was two tolerances (20%), and a
     * pool walked down through a slow spell of the machine, which made the sizes it passed over look slower than
     * they were, rested at 80 to 85% of the best it had measured, under issue 12's 90% bar, with no rule to take
     * it back: tune's run 39 kept 8 connections at 86% of the best static size's throughput. At one and a half
     * (15%) the scripted closed loops gained share wherever the share moved by more than a point, most on curves
     * that rise past their plateau (run 39's {@code read} at ±10% noise: 0.86 to 0.90; run 35's: 0.93 to 0.96), for 2%
     * more changes. At one (10%) nine scripted scenario tests failed their bounds (changes in three drift cases,
     * connections on curves flat from 6), and a curve flat from 6 at ±25% noise kept 16.5 connections instead of
     * 12.4 (docs/adaptive.md, "The size to keep, and the bar").
     */
    private static final double GROW_BACK_TOLERANCES = 1.5;

    /**
     * Windows at one size, below the size to keep and above {@code GROW_THROUGHPUT}'s line, before the pool takes
     * a second look at the best size ({@link #followThroughput}). In the scenario report the pool rested in that
     * hysteresis in nine of twelve traced runs of {@code read} at ±10% noise, held there by a best figure from one
     * window of the climb that read 5 to 11% above the curve; going back after 2, 4, 6 or 10 s moved the share by
     * less than a point from one to the next, but after 6 s a noiseless fast-spell case lost 9 points
     * (docs/adaptive.md, "Second looks, and the other side of the trade").
     */
    private static final int SECOND_LOOK_AFTER_WINDOWS = 8;

    private final SizingParameters parameters;

    /** The current target. Written only by the deciding thread; volatile for readers elsewhere. */
    private volatile int target;

    /** The lowest trusted window mean hold time since the start or the last rebase; 0 while none. */
    private long baselineHold;

    /**
     * Whether the baseline is known to be a no-load hold time: it was measured with at most one connection in
     * use, a later window with more connections in use completed clearly more (so the baseline's was below the
     * knee), a probe ended, or the memory showed the size below slower. A baseline first measured with the
     * database already past its knee (a pool that starts large under load, or whose workload turned lighter, or
     * one re-learnt by {@code REBASE_RESTORE} with connections in use) is not, and only a probe downwards can
     * tell. A new lowest hold keeps the flag only within {@code holdTolerance} of a verified baseline.
     */
    private boolean baselineVerified;

    /** Connections in use in the window that set the baseline. */
    private double baselineInUse;

    /** Consecutive windows queueing without a change while the baseline is unverified. */
    private int unverifiedQueueingWindows;

    /**
     * The target at which the database last showed saturation, 0 when none is remembered. Growth towards it
     * goes one connection at a time (TCP's slow-start threshold), so that a grow step wider than the
     * alpha-beta band cannot cycle over the knee; passing it without saturation forgets it.
     */
    private int lastSaturatedTarget;

    /** Windows still to wait out after a change. */
    private int settleRemaining;

    /**
     * The most windows waited out, after a change, for the pool to open up to its target while borrowers wait
     * (connections take tens to hundreds of milliseconds each to open on a loaded database). After them the
     * window is judged with the connections open; a database that refuses more would otherwise stall it.
     */
    private static final int OPENING_WINDOWS = 4;

    /** Windows waited out so far since the last change for the pool to open up to its target. */
    private int openingWindows;

    /** Whether the last change raised the target: the windows after it may open connections for it. */
    private boolean lastChangeRaised;

    /** Consecutive windows with spare connections and no queueing. */
    private int idleWindows;

    /** The last saturation shrink, until the first window after it settles: what to compare hold time with. */
    private SaturationShrink pendingShrinkCheck;

    /** Throughput measured at each size while borrowers queued, since the workload last changed. */
    private final ThroughputMemory memory;

    /**
     * The size a {@code SHRINK_EXPLORE} step came from, until the first measured window at the size it reached
     * decides whether to go back; 0 otherwise.
     */
    private int exploredFrom;

    /** Windows decided so far: the memory's clock. */
    private long windowCount;

    /** The window of the last change of target: the stay at the current target began after it. */
    private long changedAt;

    /**
     * What the memory said the size the pool is at completes, when the stay there first measured it; 0 until
     * then. A stay whose size now completes clearly less was overtaken by the machine slowing, not by noise, and
     * takes no second look (see {@link #followThroughput}).
     */
    private double stayFigure;

    /** The best size a second look is on its way up to, in steps of {@code maxStepUp}; 0 when none. */
    private int secondLook;

    /**
     * A shrink whose effect on hold time is still to be checked.
     *
     * @param firstHold the mean hold time of the first window after a saturation shrink, when that window did not
     *                  show hold time falling and a second window is to confirm it; 0 otherwise
     */
    private record SaturationShrink(int targetBefore, int targetAfter, long holdBefore, boolean probe,
            long firstHold) {

        /** The hold time at or above which the shrink did not lower hold time enough to have been queueing. */
        double rebaseThreshold(double rebaseFraction) {
            double proportionalDrop = 1 - (double) targetAfter / targetBefore;
            return holdBefore * (1 - rebaseFraction * proportionalDrop);
        }

        SaturationShrink confirmWith(long hold) {
            return new SaturationShrink(targetBefore, targetAfter, holdBefore, probe, hold);
        }
    }

    /**
     * @param parameters    the tuning
     * @param initialTarget where to start (the pool's current size); moved into the bounds on the first window
     */
    public TargetSizeController(SizingParameters parameters, int initialTarget) {
        this.parameters = parameters;
        this.target = Math.max(1, initialTarget);
        this.memory = new ThroughputMemory(parameters);
    }

    /** @return the parameters this controller was built with (the pool's {@code sizingTolerance} among them) */
    public SizingParameters parameters() {
        return parameters;
    }

    /** @return the current target size */
    public int target() {
        return target;
    }

    /** @return the no-load hold time in nanoseconds, or 0 while no window has been trusted yet */
    public long baselineHoldNanos() {
        return baselineHold;
    }

    /**
     * Takes one window's signals and moves the target.
     *
     * @param window      what the pool saw
     * @param minimumIdle the pool's {@code minimumIdle} now: the floor, unless the ceiling is lower
     * @param ceiling     the most connections allowed now: {@code maximumPoolSize}, or a lower fleet ceiling.
     *                    A hard limit: a fleet ceiling below {@code minimumIdle} wins over it (the budget is
     *                    the fleet's, the floor only this pool's wish). Below 1 it counts as 1, the connection
     *                    a pool needs to serve anyone and to count the fleet.
     * @return the decision; its {@code target} is also {@link #target()} from now on
     */
    public SizingDecision decide(SizingWindow window, int minimumIdle, int ceiling) {
        int top = Math.max(1, ceiling);
        int floor = Math.max(1, Math.min(minimumIdle, top));
        int previous = target;
        windowCount++;

        boolean trusted = window.completedBorrows() >= parameters.minSamples() && window.meanHoldNanos() > 0;
        double inUse = window.meanInUse();
        if (trusted && (baselineHold == 0 || window.meanHoldNanos() < baselineHold)) {
            // A new lowest hold. Within holdTolerance of a verified baseline it is the same no-load hold measured
            // in a luckier window (tune's windows vary by a quarter, so new lows keep coming), and each would cost
            // a probe. Lower, it may be a lighter workload whose knee is below the pool: the first window of
            // lighter queries at 17 connections, past a knee at 6, is the lowest hold yet.
            boolean sameNoLoad = baselineVerified
                    && window.meanHoldNanos() >= (1 - parameters.holdTolerance()) * baselineHold;
            baselineHold = window.meanHoldNanos();
            baselineInUse = inUse;
            baselineVerified = sameNoLoad || inUse <= 1; // one connection in use queued behind none of the pool's
        } else if (trusted && !baselineVerified && inUse >= baselineInUse + 1
                && throughputRoseWith(inUse, window.meanHoldNanos())) {
            // More connections completed clearly more: the baseline's window was below the knee. More connections
            // alone say nothing: past the knee they complete the same, and hold time rises with them.
            baselineVerified = true;
        }
        long baseline = baselineHold;
        double queued = trusted && baseline > 0
                ? Math.max(0, inUse * (1 - (1 + parameters.holdTolerance()) * baseline / window.meanHoldNanos()))
                : 0;
        Figures figures = new Figures(window, baseline, queued, inUse, floor, top);

        if (previous < floor || previous > top) {
            pendingShrinkCheck = null; // the size it would compare with is gone
            return change(figures, previous, Math.min(top, Math.max(floor, previous)), Reason.BOUNDS);
        }
        if (settleRemaining > 0) {
            settleRemaining--;
            return figures.decision(previous, previous, Reason.HOLD_SETTLING);
        }
        if (window.open() < previous && window.waiters() > 0 && openingWindows < OPENING_WINDOWS) {
            // Raised, and still opening towards it with borrowers waiting: this window measured fewer
            // connections than the target. Give the opener a few windows before judging the size.
            openingWindows++;
            return figures.decision(previous, previous, Reason.HOLD_SETTLING);
        }
        if (lastChangeRaised && window.opened() > 0 && openingWindows < OPENING_WINDOWS) {
            // Raised, and connections were opened during this window: each cost the database a new backend and
            // both sides a handshake, work the borrowers' queries did not get. On tune's 2-core machine a size
            // measured in the window its connections were opened in completed 10 to 20% less than when measured
            // again on the way back down, so a growing pool read its larger sizes as no faster (docs/adaptive.md,
            // run 23). Wait it out, bounded as above: a pool that never stops opening is judged anyway. Only
            // after a raise: the pool's first fill and the replacement of retired connections are no new size.
            openingWindows++;
            return figures.decision(previous, previous, Reason.HOLD_SETTLING);
        }
        boolean queueing = queueing(window, baseline);
        // Throughput is the pool's capacity at this size only while borrowers queue: otherwise it follows the
        // arrivals. A settling window (above) mixes two sizes and is not measured.
        // The size measured is the one the pool had: a pool still opening towards a raised target (connections
        // take a while to open on a loaded database) served with fewer than its target.
        int size = Math.min(previous, window.open());
        // Nor is a window after a raise in which connections were opened, once the settling above has run out:
        // each connect costs the database a new session, and on tune's 2-core machine under 64 clients a connect
        // took a median of 1.1 to 1.5 s, and one every 1.5 s beside a static pool cost its clients 9%
        // (docs/adaptive.md, "Connects under load"). A climb's sizes measured while their connections still open
        // read that much slower, and the memory then keeps a smaller size. Vegas's rules still act on such a
        // window; as above, the replacement of retired connections is no new size and does not count.
        boolean measured = trusted && queueing && size >= 1 && !(lastChangeRaised && window.opened() > 0);
        if (measured && !memory.observe(size, window.throughputPerSecond(), windowCount)) {
            // Off from what this size completed before by the change factor: the next window tells a changed
            // workload (then the memory is forgotten) from an odd window (then this one never counted).
            idleWindows = 0;
            return figures.decision(previous, previous, Reason.HOLD_WORKLOAD_CHECK);
        }
        SaturationShrink shrink = pendingShrinkCheck;
        pendingShrinkCheck = null;
        if (shrink != null && trusted) {
            // A rebase takes the hold time after the shrink for the no-load one: on one window's word, a single
            // slow window (a row lock's wait moves with the order its holders arrive in by a quarter from one
            // window to the next) makes the lock wait the baseline, and Vegas blind from then on
            // (docs/adaptive.md, run 24). So a saturation shrink's evidence is the mean of two windows, and so is a
            // probe step's: a step of maxStepDown from 26 is a 15% drop, and one window's noise of 10% ended probes
            // above the knee, whose baseline then counted as verified.
            long hold = shrink.firstHold() > 0 ? (shrink.firstHold() + window.meanHoldNanos()) / 2
                    : window.meanHoldNanos();
            boolean holdStayed = hold >= shrink.rebaseThreshold(parameters.rebaseFraction());
            if (holdStayed && shrink.firstHold() == 0) {
                pendingShrinkCheck = shrink.confirmWith(window.meanHoldNanos());
                idleWindows = 0;
                return figures.decision(previous, previous, Reason.HOLD_REBASE_CHECK);
            }
            if (holdStayed) {
                // Fewer connections, yet no shorter holds. After a probe: below the knee now, so the baseline
                // just measured is a true no-load one; undo the last probe step. After a saturation shrink:
                // the rise was most likely the queries themselves, not queueing in the database; forget the old
                // baseline and give back the connections the stale one cost.
                Reason reason = shrink.probe() ? Reason.PROBE_END : Reason.REBASE_RESTORE;
                if (shrink.probe()) {
                    baselineVerified = true;
                } else {
                    baselineHold = hold;
                    baselineInUse = inUse;
                    // Re-learnt at a size that may itself be past the knee: on a row lock, the first windows of
                    // the new workload run faster while the lock's queue forms, the shrink is judged against one
                    // of them, and the lock wait of the size reached became the baseline, with Vegas blind below
                    // it (tune run 42: 11 to 25 connections for the whole hot-row phase, against a best of 2 or 3).
                    // Unverified, as any baseline measured with connections in use: where the queries really got
                    // slower, growth back past this size completes clearly more and verifies it (the scripted
                    // write-heavy change never probes); otherwise the probe walks down until hold time stops
                    // falling.
                    baselineVerified = inUse <= 1;
                    unverifiedQueueingWindows = 0;
                    figures = new Figures(window, baselineHold, 0, inUse, floor, top);
                }
                lastSaturatedTarget = 0;
                int undo = shrink.targetBefore() - shrink.targetAfter();
                return change(figures, previous, Math.min(top, previous + undo), reason);
            }
            if (shrink.probe()) {
                // Hold time fell with the connections: still past the knee. Keep descending.
                return probe(figures, previous, floor);
            }
        }

        // Measured smaller sizes do not verify the baseline: a pool whose workload turned lighter, or that
        // explored one connection down from a large start, has measured sizes past the knee only. A probe step
        // onto a size the memory knows to be slower is not taken, and the baseline then counts as verified (see
        // probe).
        if (queueing && !baselineVerified && previous > floor) {
            if (++unverifiedQueueingWindows >= parameters.probeAfterWindows()) {
                return probe(figures, previous, floor);
            }
        } else {
            unverifiedQueueingWindows = 0;
        }
        if (measured && size == previous) {
            SizingDecision byThroughput = followThroughput(figures, previous, size, queued, floor, top);
            if (byThroughput != null) {
                idleWindows = 0;
                return byThroughput;
            }
        }
        if (trusted && queued > parameters.beta()) {
            idleWindows = 0;
            if (previous <= floor) {
                return figures.decision(previous, previous, Reason.HOLD_AT_FLOOR);
            }
            int step = clampStep((int) Math.ceil(queued - parameters.alpha()), parameters.maxStepDown());
            int next = Math.max(floor, previous - step);
            if (memory.slower(next, floor, top, windowCount)
                    || memory.anySlowerIn(next, previous - 1, floor, top, windowCount)
                    || measured && size == previous
                    && previous == memory.goal(floor, top, windowCount)
                    && memory.anyComparableBelow(previous, floor, windowCount)) {
                // Fewer connections were measured to complete clearly less: at the size to keep, with smaller
                // ones measured slower, hold time is not the database's queue (a client machine's run queue).
                // Smaller sizes measured only before the best one (on the climb, cold) do not count: Vegas's
                // shrink onto them measures them again.
                if (measured && size == previous && !memory.slower(previous, floor, top, windowCount)
                        && memory.nearestComparableBelow(previous, floor, windowCount) < previous - 1) {
                    // This size does as well as any measured, and the nearest slower one is more than a step
                    // below: the sizes between are unmeasured, and a shrink of maxStepDown passes over them (on
                    // a row lock, from 5 to 1, past the best, 2). Explore them one connection at a time, the
                    // mirror of GROW_QUEUEING's exploration upwards; the memory judges the size reached, so no
                    // rebase check (hold time rises where the size below completes less).
                    return explore(figures, previous);
                }
                return figures.decision(previous, previous, Reason.HOLD_THROUGHPUT_GUARD);
            }
            // Onto a size measured only before the best one, the shrink measures its throughput again, and the
            // memory judges it: with fewer connections on a plateau hold time rises, which the rebase check would
            // read as slower queries and answer by undoing the shrink and raising the baseline.
            pendingShrinkCheck = memory.measuredBeforeTheBest(next, windowCount) ? null
                    : new SaturationShrink(previous, next, window.meanHoldNanos(), false, 0);
            lastSaturatedTarget = previous;
            return change(figures, previous, next, Reason.SHRINK_SATURATED);
        }
        if (queueing) {
            idleWindows = 0;
            if (trusted && queued >= parameters.alpha()) {
                if (measured && size == previous && previous > floor && parameters.probeUpSteps() > 0
                        && previous == memory.goal(floor, top, windowCount)
                        && !memory.anyBelow(previous, floor, windowCount)) {
                    // Vegas holds in its band, at the best size measured, with nothing below measured since the
                    // workload changed (a descent from a larger size reached it): with alpha and beta absolute,
                    // Vegas alone can never tell whether one connection fewer completes as much (at 2 connections
                    // the queue estimate stays below beta however long the holds).
                    return explore(figures, previous);
                }
                return figures.decision(previous, previous, Reason.HOLD_NEAR_KNEE);
            }
            if (previous >= top) {
                return figures.decision(previous, previous, Reason.HOLD_AT_CEILING);
            }
            if (!trusted) {
                return change(figures, previous, previous + 1, Reason.GROW_QUEUEING_UNMEASURED);
            }
            double waiting = Math.max(window.waiters(), window.meanWaiting());
            int step = clampStep((int) Math.ceil(waiting), parameters.maxStepUp());
            if (previous >= lastSaturatedTarget) {
                lastSaturatedTarget = 0; // passed without saturation: the knee has moved up
            } else if (previous + step >= lastSaturatedTarget) {
                step = 1;
            }
            int next = Math.min(top, previous + step);
            int above = measured ? memory.nearestComparableAbove(previous, top, windowCount) : 0;
            if (above != 0 && previous < memory.goal(floor, top, windowCount) && clearlyFaster(above, previous)) {
                // Below the size to keep, which completes clearly more: towards it, not past it onto sizes
                // measured slower.
                next = Math.min(next, memory.goal(floor, top, windowCount));
            } else if (above == previous + 1 && memory.nextSizeUpMeasuredAtThisLoad(previous, windowCount)) {
                // The next size up completes no more than this one, or not clearly more: no more would be served,
                // or one noisy window here (tune's windows vary by a quarter) would grow the pool and the next one
                // there shrink it back (SHRINK_NO_GAIN); the gap between clearlyFaster's margin and the tolerance
                // is a dead band. Only while this size completes what it did when the next one up was measured: a
                // background load that left raises what every size completes, by less than the change factor
                // near the knee, and the old figure above would hold the pool there.
                return figures.decision(previous, previous, Reason.HOLD_THROUGHPUT_GUARD);
            } else if (above != 0) {
                // The sizes short of the nearest measured one are Vegas's to explore, one connection at a time: a
                // descent in steps of maxStepDown passes over them (on a row lock, from 5 to 1, past the best, 2),
                // and the next one up is the likeliest to do as well as this one.
                next = previous + 1;
            }
            return change(figures, previous, next, Reason.GROW_QUEUEING);
        }
        // Spare: what the measured need (plus headroom) leaves, and what sat idle at the window's end, whichever
        // is smaller, so that neither a quiet end nor a low average alone costs connections.
        int need = (int) Math.ceil(inUse) + parameters.idleHeadroom();
        int spare = Math.min(previous - need, window.idle() - parameters.idleHeadroom());
        if (spare < 1) {
            idleWindows = 0;
            return figures.decision(previous, previous, Reason.HOLD_STEADY);
        }
        if (previous <= floor) {
            idleWindows = 0;
            return figures.decision(previous, previous, Reason.HOLD_AT_FLOOR);
        }
        if (++idleWindows < parameters.idleWindowsBeforeShrink()) {
            return figures.decision(previous, previous, Reason.HOLD_IDLE_PENDING);
        }
        idleWindows = 0;
        int step = clampStep((spare + 1) / 2, parameters.maxStepDown());
        return change(figures, previous, Math.max(floor, previous - step), Reason.SHRINK_IDLE);
    }

    /**
     * Whether {@code inUse} connections holding for {@code hold} complete clearly more than the baseline's window
     * did (Little's law: throughput is connections in use over hold time): by half what the added connections
     * would give if throughput rose in proportion, and at least twice {@code throughputTolerance}, so that one
     * lucky window a connection or two above a large baseline does not verify it.
     */
    private boolean throughputRoseWith(double inUse, long hold) {
        double proportionalGain = inUse / baselineInUse - 1;
        double margin = Math.max(proportionalGain / 2, 2 * parameters.throughputTolerance());
        return inUse / hold >= (1 + margin) * baselineInUse / baselineHold;
    }

    /**
     * Borrowers queue when one waits at the window's end, one timed out, or the mean wait is a noticeable part
     * of a hold (a pool with free connections hands them out in microseconds).
     */
    private boolean queueing(SizingWindow window, long baseline) {
        if (window.waiters() > 0 || window.timeouts() > 0) {
            return true;
        }
        long reference = baseline > 0 ? baseline : window.meanHoldNanos();
        return window.acquires() > 0 && reference > 0
                && window.meanWaitNanos() > parameters.queueWaitFraction() * reference;
    }

    /**
     * One step down to see whether hold time falls with the connections (BBR's PROBE_RTT, in steps): a
     * baseline measured past the knee shows itself by falling. The window after the settle window decides.
     */
    private SizingDecision probe(Figures figures, int previous, int floor) {
        unverifiedQueueingWindows = 0;
        if (previous <= floor) {
            baselineVerified = true; // nothing lower to measure; the floor is all the pool may try
            return figures.decision(previous, previous, Reason.HOLD_AT_FLOOR);
        }
        int next = Math.max(floor, previous - parameters.maxStepDown());
        if (memory.slower(next, floor, figures.top(), windowCount)) {
            // Measured to complete clearly fewer borrows down there: the baseline cannot be bettered by going.
            baselineVerified = true;
            return figures.decision(previous, previous, Reason.HOLD_THROUGHPUT_GUARD);
        }
        pendingShrinkCheck = new SaturationShrink(previous, next, figures.window().meanHoldNanos(), true, 0);
        return change(figures, previous, next, Reason.SHRINK_PROBE);
    }

    /**
     * One connection down from a size that does as well as any measured, to measure the next one
     * ({@code SHRINK_EXPLORE}). The memory judges the size reached: no rebase check (hold time rises where the
     * size below completes less), and a size clearly slower is left at once (see {@link #followThroughput}).
     */
    private SizingDecision explore(Figures figures, int previous) {
        SizingDecision decision = change(figures, previous, previous - 1, Reason.SHRINK_EXPLORE);
        exploredFrom = previous;
        return decision;
    }

    /**
     * The hill climb on measured throughput, ahead of Vegas, in a window where borrowers queue (so throughput is
     * what this size can complete, not what arrived). In order: go back to a best size known only from the window
     * that told the workload changed, when the sizes measured below it since rise towards it
     * ({@code GROW_THROUGHPUT}); measure the sizes just above when the ones below are known and none above is
     * ({@code GROW_PROBE}); go down to the size to keep, the smallest within
     * three quarters of {@code throughputTolerance} of the best measured ({@code SHRINK_NO_GAIN}); go back up
     * towards it when this size now completes clearly less ({@code GROW_THROUGHPUT}); after
     * {@link #SECOND_LOOK_AFTER_WINDOWS} windows below it on the word of a best known from fewer than four windows,
     * go back up to look at the best again ({@code GROW_THROUGHPUT}, on in steps while it stays the best).
     * Otherwise null: Vegas decides, and the guards in {@link #decide} keep it off sizes measured to be slower.
     */
    private SizingDecision followThroughput(Figures figures, int previous, int size, double queued, int floor,
            int top) {
        int from = exploredFrom;
        exploredFrom = 0;
        if (from > previous && from <= top && memory.slower(size, floor, top, windowCount)) {
            // The size explored completes clearly less: back at once, without waiting for GROW_THROUGHPUT's
            // wider margin (which keeps a size chosen within the tolerance from flapping, not one just tried).
            return change(figures, previous, from, Reason.GROW_THROUGHPUT);
        }
        int bestSize = memory.bestSize(floor, top, windowCount);
        int goal = memory.goal(floor, top, windowCount);
        int lookingAt = secondLook;
        secondLook = 0;
        if (bestSize == 0 || goal == 0) {
            return null;
        }
        if (lookingAt > previous && lookingAt == bestSize) {
            // On the way up to a second look, a step of maxStepUp short of it: on, while it is still the best.
            return secondLook(figures, previous, bestSize);
        }
        if (bestSize > previous && memory.risesToTheTransitionSize(floor, top, windowCount)) {
            // The best figure is the single window that told the workload changed, and the sizes measured below
            // it since then rise towards it: measure it again (its next window replaces that figure) rather than
            // rest below it on one window's word. Once measured, GROW_PROBE may go on past it if it is still the
            // best and the largest.
            return change(figures, previous, Math.min(bestSize, previous + parameters.maxStepUp()),
                    Reason.GROW_THROUGHPUT);
        }
        double best = memory.estimate(bestSize, windowCount); // the best is comparable with itself
        // Probing up needs a size below already measured (the climb came from there, so this is a plateau or
        // a rise, not a start past the knee), hold time that stopped Vegas (below alpha it grows anyway), and
        // stays within probeUpSteps steps of the best size measured. A hill climb stops where the sizes it
        // measured stop rising; while the largest one measured is the best, the curve may rise further. Reaching
        // from the size to keep instead, the climb on tune's read stopped 12 connections above a plateau it kept
        // at 9, short of the step at 24 to 32 (docs/adaptive.md, runs 19 and 20). A peak inside the reach (a row
        // lock's, a saturated database's) stops it as before.
        int up = Math.min(top, previous + parameters.maxStepUp());
        if (up > previous && queued >= parameters.alpha()
                && memory.anyBelow(previous, floor, windowCount)
                && !memory.anyIn(previous + 1, up, windowCount)
                && previous < bestSize + (long) parameters.probeUpSteps() * parameters.maxStepUp()) {
            return change(figures, previous, up, Reason.GROW_PROBE);
        }
        if (goal < previous && queued >= parameters.alpha()) {
            // The issue's own rule: more connections raised hold time without raising throughput. While hold
            // time stays flat the database is not queueing, and throughput that rises a few per cent a
            // connection (a pool below its knee) must not read as "no gain".
            int next = Math.max(goal, previous - parameters.maxStepDown());
            return change(figures, previous, next, Reason.SHRINK_NO_GAIN);
        }
        double here = memory.estimate(size, windowCount);
        if (stayFigure == 0) {
            stayFigure = here;
        }
        double growBackBelow = (1 - GROW_BACK_TOLERANCES * parameters.throughputTolerance()) * best;
        if (goal > previous && here > 0 && here < growBackBelow) {
            int next = Math.min(goal, previous + parameters.maxStepUp());
            return change(figures, previous, next, Reason.GROW_THROUGHPUT);
        }
        if (goal > previous && windowCount - changedAt >= SECOND_LOOK_AFTER_WINDOWS
                && memory.measuredInPart(bestSize, windowCount)
                && memory.measuredBefore(bestSize, changedAt, windowCount)
                && here >= (1 - parameters.throughputTolerance() / 2) * stayFigure) {
            // Resting below the size to keep, inside GROW_THROUGHPUT's hysteresis, on the word of a best figure
            // from fewer windows than the memory's mean weighs alike: take a second look at it. A best that was a
            // lucky window reads lower and the size to keep comes down to the pool; one that holds keeps the size
            // to keep where it is, and SHRINK_NO_GAIN takes the pool there from above instead of leaving it below.
            // Not when this size's figure fell by half the tolerance during the stay: then the machine slowed and
            // every other figure is from faster seconds; looking at them one by one would climb a ladder of stale
            // figures (tune run 27's case).
            return secondLook(figures, previous, bestSize);
        }
        return null;
    }

    /** One step of {@code maxStepUp} towards the best size for a second look at it ({@code GROW_THROUGHPUT}). */
    private SizingDecision secondLook(Figures figures, int previous, int bestSize) {
        SizingDecision decision = change(figures, previous, Math.min(bestSize, previous + parameters.maxStepUp()),
                Reason.GROW_THROUGHPUT);
        secondLook = bestSize;
        return decision;
    }

    /**
     * Whether {@code larger} was measured to complete clearly more than {@code size}: by more than half what the
     * added connections would give if throughput rose in proportion, kept between {@code throughputTolerance} and
     * twice it. From 1 to 2 connections that is 20 %, so single noisy windows cannot flap a row lock's two best
     * sizes; from 4 to 5 it is 12.5 %, and from 5 up the tolerance itself, so that a pool whose throughput rises
     * with its connections (sleeping or I/O-bound queries, a fleet member taking a freed share) still grows.
     */
    private boolean clearlyFaster(int larger, int size) {
        double here = memory.estimate(size, windowCount);
        double tolerance = parameters.throughputTolerance();
        double halfProportionalGain = (double) (larger - size) / (2 * size);
        double margin = Math.max(tolerance, Math.min(2 * tolerance, halfProportionalGain));
        return here > 0 && here < (1 - margin) * memory.estimate(larger, windowCount);
    }

    private static int clampStep(int step, int max) {
        return Math.max(1, Math.min(max, step));
    }

    private SizingDecision change(Figures figures, int previous, int next, Reason reason) {
        target = next;
        exploredFrom = 0; // explore() sets it again after its own change
        if (next != previous) {
            changedAt = windowCount;
            stayFigure = 0;
            secondLook = 0; // secondLook() sets it again after its own change
            settleRemaining = parameters.settleWindows();
            openingWindows = 0;
            lastChangeRaised = next > previous;
            idleWindows = 0;
        }
        // The memory's figures only on a change: listeners and the log see them, holds are not published.
        return figures.decision(previous, next, reason,
                next != previous ? memory.comparableFigures(windowCount) : Collections.emptySortedMap());
    }

    /** The figures every decision of one window carries. */
    private record Figures(SizingWindow window, long baseline, double queued, double inUse, int floor, int top) {

        SizingDecision decision(int previous, int next, Reason reason) {
            return decision(previous, next, reason, Collections.emptySortedMap());
        }

        SizingDecision decision(int previous, int next, Reason reason, SortedMap<Integer, Double> measured) {
            return new SizingDecision(previous, next, floor, top, reason, window.throughputPerSecond(),
                    window.meanHoldNanos(), baseline, queued, inUse, window.waiters(), window.meanWaitNanos(),
                    measured);
        }
    }
}
