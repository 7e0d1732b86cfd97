package dev.poolwise.internal.sizing;

import java.util.Locale;

/**
 * This pool's ceiling under the fleet budget, with the figures it came from ({@link FleetShare}).
 *
 * @param ceiling       the most connections this pool may have open or opening until the next count; may be
 *                      below what it has, which means shrink (idle connections first, borrowed ones on return)
 * @param reason        what bound it
 * @param budget        the fleet's budget
 * @param fairShare     what the budget leaves after connections that name no instance, per instance seen
 * @param instances     instances seen in the count, this one included
 * @param fleetTotal    connections counted for the fleet
 * @param ownCounted    this pool's connections in the count
 * @param allocation    this pool's max-min fair allocation
 * @param free          budget minus everything counted (own connections taken pessimistically); negative when
 *                      the fleet is over budget
 */
public record FleetCeiling(
        int ceiling,
        Reason reason,
        int budget,
        int fairShare,
        int instances,
        int fleetTotal,
        int ownCounted,
        int allocation,
        int free) {

    /** What bound the ceiling. */
    public enum Reason {
        /** This pool's fair allocation. */
        SHARE,
        /** Its allocation is higher, but that room is not free yet: others must shrink first. */
        WAITING_FOR_ROOM,
        /** The fleet is over budget as counted: this pool is at or above its allocation and must shrink to it. */
        OVER_BUDGET,
        /** The pool's own {@code maximumPoolSize} is lower than its share. */
        STATIC_CEILING
    }

    /** A one-line account for the DEBUG log. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "fleet ceiling %d (%s: budget=%d, fleet=%d, instances=%d, fairShare=%d,"
                + " own=%d, allocation=%d, free=%d)", ceiling, reason, budget, fleetTotal, instances, fairShare,
                ownCounted, allocation, free);
    }
}
