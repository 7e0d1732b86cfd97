package dev.poolwise.internal.sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The share rule, first on worked examples, then as properties over seeded random fleets: the sum of ceilings
 * from one count never exceeds the budget, and a fleet whose instances count and act in any order (one after
 * another, or all on the same count) never holds more than the budget.
 */
class FleetShareTest {

    /** A simulated fleet member: what it holds and what its own controller wants. */
    private static final class Instance {
        final String id;
        int open;
        int wish;

        Instance(String id, int open, int wish) {
            this.id = id;
            this.open = open;
            this.wish = wish;
        }
    }

    private static FleetCount countOf(List<Instance> fleet, int fixed) {
        Map<String, Integer> byInstance = new HashMap<>();
        for (Instance instance : fleet) {
            if (instance.open > 0) {
                byInstance.put(instance.id, instance.open);
            }
        }
        return new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, fixed);
    }

    /**
     * The instance counts now and moves to what its controller wants, within its ceiling. It keeps one
     * connection whatever the ceiling: counting is done on one of its own, so a pool that counts is always
     * visible in the count (an instance invisible to the others could grow into the room they grow into).
     */
    private static void act(FleetShare share, List<Instance> fleet, Instance instance, FleetCount count) {
        FleetCeiling ceiling = share.ceiling(count, instance.id, instance.open, instance.open, 1_000);
        instance.open = Math.max(1, Math.min(instance.wish, ceiling.ceiling()));
    }

    private static int sum(List<Instance> fleet) {
        return fleet.stream().mapToInt(i -> i.open).sum();
    }

    private static List<Instance> fleet(int instances, int open, int wish) {
        List<Instance> fleet = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            fleet.add(new Instance("i" + i, open, wish));
        }
        return fleet;
    }

    private static void rounds(FleetShare share, List<Instance> fleet, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (Instance instance : fleet) {
                act(share, fleet, instance, countOf(fleet, 0));
                assertThat(sum(fleet)).isLessThanOrEqualTo(share.budget());
            }
        }
    }

    @Test
    void fourBusyInstancesSettleAtFiveEachOfTwenty() {
        FleetShare share = new FleetShare(20, 1);
        List<Instance> fleet = fleet(4, 1, 100);

        rounds(share, fleet, 10);

        assertThat(fleet).allSatisfy(instance -> assertThat(instance.open).isEqualTo(5));
    }

    @Test
    void aBusyInstanceBorrowsIdleInstancesSharesAndGivesThemBackWhenTheyReturn() {
        FleetShare share = new FleetShare(20, 1);
        List<Instance> fleet = fleet(4, 1, 100);
        rounds(share, fleet, 10);

        fleet.subList(1, 4).forEach(idle -> idle.wish = 1);
        rounds(share, fleet, 10);
        assertThat(fleet.get(0).open).as("the busy one: all but what the idle ones claim (1 + 1 each)")
                .isEqualTo(14);

        fleet.subList(1, 4).forEach(back -> back.wish = 100);
        rounds(share, fleet, 10);
        assertThat(fleet).allSatisfy(instance -> assertThat(instance.open).isEqualTo(5));
    }

    @Test
    void anInstanceAboveItsAllocationMustShrinkAndNobodyGrowsIntoRoomNotYetFree() {
        FleetShare share = new FleetShare(20, 1);
        // a holds 14 of 20; b, c and d hold 2 each and want more: over-allocated a must go down first.
        FleetCount count = new FleetCount(FleetCount.Basis.BY_LABEL, Map.of("a", 14, "b", 2, "c", 2, "d", 2), 0);

        FleetCeiling a = share.ceiling(count, "a", 14, 14, 100);
        FleetCeiling b = share.ceiling(count, "b", 2, 2, 100);

        assertThat(a.ceiling()).isLessThan(14);
        assertThat(a.reason()).isEqualTo(FleetCeiling.Reason.SHARE);
        assertThat(b.allocation()).isEqualTo(3);
        assertThat(b.ceiling()).as("the fleet is at 20: nothing is free until a has shrunk").isEqualTo(2);
        assertThat(b.reason()).isEqualTo(FleetCeiling.Reason.WAITING_FOR_ROOM);
    }

    @Test
    void connectionsBeingOpenedCountAgainstTheRoomThoughTheServerDoesNotShowThemYet() {
        FleetShare share = new FleetShare(10, 1);
        FleetCount count = new FleetCount(FleetCount.Basis.BY_LABEL, Map.of("a", 2, "b", 4), 0);

        FleetCeiling seenOnly = share.ceiling(count, "a", 2, 2, 100);
        FleetCeiling withOpening = share.ceiling(count, "a", 2, 5, 100);

        assertThat(seenOnly.ceiling()).isEqualTo(3);
        assertThat(withOpening.free()).isEqualTo(1);
        assertThat(withOpening.ceiling()).isLessThanOrEqualTo(5);
    }

    @Test
    void connectionsThatNameNoInstanceComeOffTheBudgetFirst() {
        FleetShare share = new FleetShare(20, 1);
        FleetCount count = new FleetCount(FleetCount.Basis.BY_LABEL, Map.of("a", 1, "b", 1), 8);

        FleetCeiling a = share.ceiling(count, "a", 1, 1, 100);

        assertThat(a.fairShare()).isEqualTo(6);
        assertThat(a.fleetTotal()).isEqualTo(10);
    }

    @Test
    void theStaticCeilingStillBinds() {
        FleetShare share = new FleetShare(100, 10);
        FleetCeiling alone = share.ceiling(new FleetCount(FleetCount.Basis.BY_LABEL, Map.of("a", 5), 0), "a", 5, 5, 8);

        assertThat(alone.ceiling()).isEqualTo(8);
        assertThat(alone.reason()).isEqualTo(FleetCeiling.Reason.STATIC_CEILING);
    }

    @Test
    void aCountByUserCountsEverythingItCannotProveIsOursAsOthers() {
        FleetShare share = new FleetShare(20, 1);
        // 12 connections of the user: 3 certainly ours, the rest anybody's.
        FleetCeiling ceiling = share.ceiling(new FleetCount(FleetCount.Basis.BY_USER, Map.of(), 12), "a", 3, 4, 100);

        assertThat(ceiling.ownCounted()).isEqualTo(3);
        assertThat(ceiling.free()).isEqualTo(20 - 9 - 4);
        assertThat(ceiling.ceiling()).isLessThanOrEqualTo(4 + ceiling.free());
    }

    // ------------------------------------------------------------------ properties

    private static final int FLEETS = 1_000;

    /** A fleet within its budget, each instance holding at least its counting connection. */
    private static List<Instance> randomFleet(SplittableRandom random, int budget, int fixed) {
        int instances = 1 + random.nextInt(Math.min(8, budget - fixed));
        List<Instance> fleet = new ArrayList<>();
        int spare = budget - fixed - instances;
        for (int i = 0; i < instances; i++) {
            int extra = random.nextInt(spare / instances + 1);
            spare -= extra;
            fleet.add(new Instance("i" + i, 1 + extra, 1 + random.nextInt(3 * budget)));
        }
        return fleet;
    }

    @Test
    void theCeilingsComputedFromOneCountNeverSumPastTheBudget() {
        for (long seed = 0; seed < FLEETS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int budget = 1 + random.nextInt(200);
            FleetShare share = new FleetShare(budget, 1 + random.nextInt(5));
            int fixed = random.nextInt(budget + 5);
            // Any counts at all, over budget included.
            Map<String, Integer> byInstance = new HashMap<>();
            int instances = 1 + random.nextInt(10);
            for (int i = 0; i < instances; i++) {
                byInstance.put("i" + i, random.nextInt(budget + 1));
            }
            FleetCount count = new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, fixed);
            int sum = 0;
            for (Map.Entry<String, Integer> own : byInstance.entrySet()) {
                sum += share.ceiling(count, own.getKey(), own.getValue(), own.getValue(), Integer.MAX_VALUE).ceiling();
            }
            long failingSeed = seed;
            int total = sum;
            assertTrue(sum <= Math.max(0, budget - fixed),
                    () -> "seed " + failingSeed + ": ceilings sum to " + total + " of budget " + budget + " - "
                            + fixed);
        }
    }

    @Test
    void aFleetCountingOneAfterAnotherNeverExceedsTheBudget() {
        for (long seed = 0; seed < FLEETS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int budget = 1 + random.nextInt(100);
            int fixed = random.nextInt(budget / 4 + 1) % budget;
            FleetShare share = new FleetShare(budget, 1 + random.nextInt(4));
            List<Instance> fleet = randomFleet(random, budget, fixed);
            for (int step = 0; step < 200; step++) {
                Instance instance = fleet.get(random.nextInt(fleet.size()));
                if (random.nextInt(4) == 0) {
                    instance.wish = 1 + random.nextInt(2 * budget);
                }
                act(share, fleet, instance, countOf(fleet, fixed));
                long failingSeed = seed;
                int held = sum(fleet) + fixed;
                assertTrue(held <= budget, () -> "seed " + failingSeed + ": fleet holds " + held + " of " + budget);
            }
        }
    }

    @Test
    void aFleetActingOnTheSameCountNeverExceedsTheBudgetWhateverSubsetActs() {
        for (long seed = 0; seed < FLEETS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int budget = 1 + random.nextInt(100);
            int fixed = random.nextInt(budget / 4 + 1) % budget;
            FleetShare share = new FleetShare(budget, 1 + random.nextInt(4));
            List<Instance> fleet = randomFleet(random, budget, fixed);
            for (int round = 0; round < 50; round++) {
                fleet.forEach(instance -> instance.wish = 1 + random.nextInt(2 * budget));
                FleetCount same = countOf(fleet, fixed);
                // Some act on this count, the others are slow this round (a shrink they owe not yet done).
                fleet.stream().filter(instance -> random.nextBoolean())
                        .forEach(instance -> act(share, fleet, instance, same));
                long failingSeed = seed;
                int held = sum(fleet) + fixed;
                assertTrue(held <= budget, () -> "seed " + failingSeed + ": fleet holds " + held + " of " + budget);
            }
        }
    }

    @Test
    void aFleetCountedByUserOneAfterAnotherNeverExceedsTheBudget() {
        for (long seed = 0; seed < FLEETS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int budget = 1 + random.nextInt(100);
            FleetShare share = new FleetShare(budget, 1 + random.nextInt(4));
            List<Instance> fleet = randomFleet(random, budget, 0);
            for (int step = 0; step < 200; step++) {
                Instance instance = fleet.get(random.nextInt(fleet.size()));
                instance.wish = 1 + random.nextInt(2 * budget);
                FleetCount byUser = new FleetCount(FleetCount.Basis.BY_USER, Map.of(), sum(fleet));
                FleetCeiling ceiling = share.ceiling(byUser, instance.id, instance.open, instance.open, 1_000);
                instance.open = Math.max(1, Math.min(instance.wish, ceiling.ceiling()));
                long failingSeed = seed;
                int held = sum(fleet);
                assertTrue(held <= budget, () -> "seed " + failingSeed + ": fleet holds " + held + " of " + budget);
            }
        }
    }
}
