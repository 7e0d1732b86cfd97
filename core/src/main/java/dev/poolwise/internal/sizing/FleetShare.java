package dev.poolwise.internal.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet budget's share rule: from one {@link FleetCount}, this pool's ceiling. A pure function; every
 * instance of the fleet applies the same rule to what it counted.
 *
 * <p><b>The rule.</b>
 * <ol>
 *   <li><b>Claims.</b> Each instance seen in the count claims what it holds plus room to grow: half as much
 *       again, at least {@code growthAllowance} (so a busy instance's share grows geometrically, count after
 *       count, while an idle one holding a connection or two claims little more than that). An instance's
 *       demand is not otherwise visible on the server (a borrowed connection between statements looks as idle
 *       as an unborrowed one), so what it holds is its demand signal: adaptive pools shrink when idle.
 *       Connections that name no instance are fixed: nobody can ask them to shrink, so they come off the
 *       budget first.</li>
 *   <li><b>Allocation: max-min fairness</b> (water-filling, as in Bertsekas and Gallager, <i>Data
 *       Networks</i>, 6.5.2) of what the budget leaves over the claims, smallest claim first, ties by instance
 *       id. Every instance gets its claim or an equal share of what is left, whichever is smaller: the fair
 *       share {@code (budget - fixed) / instances} at least, when it asks for that much; and what an idle
 *       instance does not claim goes to busy ones (a busy instance borrows an idle one's share). Computed
 *       from the same count, the allocations of all instances sum to at most the budget.</li>
 *   <li><b>Shrink first, count pessimistically.</b> An instance above its allocation gets it as its ceiling
 *       and must shrink. An instance below grows only into room that is free in the count right now
 *       ({@code budget - total}, with this pool's own connections taken as the larger of what the server
 *       showed and what the pool has open or opening), split evenly between the instances that would grow.
 *       Room a shrinking instance has not yet given back is not free, so the fleet's sum stays within the
 *       budget while shares move.</li>
 * </ol>
 *
 * <p><b>What it cannot see.</b> Two instances whose counts are taken at different moments may both grow into
 * the same free room (each count is honest; the pair is not). Splitting free room among the would-be growers
 * of one count covers instances counting at the same moment and instances acting one after another; what
 * remains is a count taken while another instance's connections are still opening, which the server does not
 * show yet. {@code docs/adaptive.md} says how large that risk is and what bounds it. With a count
 * {@link FleetCount.Basis#BY_USER by user}, instances cannot be told apart: the pool assumes its peers are
 * its own size to estimate how many share the room.
 */
public final class FleetShare {

    private final int budget;
    private final int growthAllowance;

    /**
     * @param budget          connections for the whole fleet, at least 1
     * @param growthAllowance the fewest connections more than it holds that an instance claims at one count,
     *                        at least 1; what an idle instance keeps in reserve beyond what it holds. Small
     *                        values lend more of idle instances' shares to busy ones; 1 is the default
     */
    public FleetShare(int budget, int growthAllowance) {
        if (budget < 1) {
            throw new IllegalArgumentException("fleet budget must be >= 1 connection, got " + budget);
        }
        if (growthAllowance < 1) {
            throw new IllegalArgumentException(
                    "fleet growth allowance must be >= 1 connection, got " + growthAllowance);
        }
        this.budget = budget;
        this.growthAllowance = growthAllowance;
    }

    /** @return the fleet's budget */
    public int budget() {
        return budget;
    }

    /**
     * @param count          what the server showed
     * @param ownInstance    this pool's instance id ({@link FleetLabel#instance()})
     * @param ownEstablished this pool's connections that were open before the count began (certainly visible
     *                       to it); used only when the count cannot tell instances apart
     * @param ownOpen        this pool's connections open or being opened now
     * @param staticCeiling  the pool's own {@code maximumPoolSize}
     * @return this pool's ceiling and the figures behind it
     */
    public FleetCeiling ceiling(FleetCount count, String ownInstance, int ownEstablished, int ownOpen,
            int staticCeiling) {
        List<Claim> claims = new ArrayList<>();
        int ownSeen;
        int fixed;
        if (count.basis() == FleetCount.Basis.BY_LABEL) {
            ownSeen = count.of(ownInstance);
            fixed = count.unattributed();
            for (Map.Entry<String, Integer> instance : count.byInstance().entrySet()) {
                if (!instance.getKey().equals(ownInstance)) {
                    claims.add(new Claim(instance.getKey(), instance.getValue(), claim(instance.getValue())));
                }
            }
        } else {
            // Everything counted is one number, ours included: only what we know was open before the count is
            // ours for sure; the rest is others', fixed, since we cannot tell whose.
            ownSeen = Math.min(Math.max(0, ownEstablished), count.unattributed());
            fixed = count.unattributed() - ownSeen;
        }
        claims.add(new Claim(ownInstance, ownSeen, claim(ownSeen)));
        int capacity = Math.max(0, budget - fixed);
        Map<String, Integer> allocation = maxMinFair(capacity, claims);
        int ownAllocation = allocation.get(ownInstance);

        int othersCounted = count.total() - ownSeen;
        int free = budget - othersCounted - Math.max(ownOpen, ownSeen);
        int growers = 0;
        for (Claim claim : claims) {
            if (allocation.get(claim.instance()) > claim.open()) {
                growers++;
            }
        }
        if (count.basis() == FleetCount.Basis.BY_USER && ownSeen > 0) {
            // Peers are invisible: assume they are this pool's size, and as many of them may want to grow.
            growers = Math.max(growers, 1 + (othersCounted + ownSeen - 1) / ownSeen);
        }

        int ceiling;
        FleetCeiling.Reason reason;
        if (ownAllocation <= ownOpen) {
            ceiling = ownAllocation;
            reason = free < 0 ? FleetCeiling.Reason.OVER_BUDGET : FleetCeiling.Reason.SHARE;
        } else {
            int room = free <= 0 ? 0 : free / Math.max(1, growers);
            ceiling = ownOpen + Math.min(ownAllocation - ownOpen, room);
            reason = ceiling < ownAllocation ? FleetCeiling.Reason.WAITING_FOR_ROOM : FleetCeiling.Reason.SHARE;
        }
        if (ceiling > staticCeiling) {
            ceiling = staticCeiling;
            reason = FleetCeiling.Reason.STATIC_CEILING;
        }
        return new FleetCeiling(Math.max(0, ceiling), reason, budget, capacity / claims.size(), claims.size(),
                count.total(), ownSeen, ownAllocation, free);
    }

    /** What an instance holding {@code open} connections claims: half as much again, at least the allowance. */
    private int claim(int open) {
        return open + Math.max(growthAllowance, (open + 1) / 2);
    }

    private record Claim(String instance, int open, int demand) {
    }

    /**
     * Water-filling: smallest demand first (ties by instance id, so every instance computes the same), each
     * gets its demand or an equal share of what is left. Integer shares round down, so the sum never exceeds
     * {@code capacity}.
     */
    private static Map<String, Integer> maxMinFair(int capacity, List<Claim> claims) {
        List<Claim> ordered = new ArrayList<>(claims);
        ordered.sort(Comparator.comparingInt(Claim::demand).thenComparing(Claim::instance));
        Map<String, Integer> allocation = new HashMap<>();
        int left = capacity;
        for (int i = 0; i < ordered.size(); i++) {
            int share = left / (ordered.size() - i);
            int given = Math.min(ordered.get(i).demand(), share);
            allocation.put(ordered.get(i).instance(), given);
            left -= given;
        }
        return allocation;
    }
}
