package dev.poolwise.internal.sizing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FleetBudget} with a hand-advanced clock and a scripted counter: when it counts, what ceiling it gives
 * between counts, how it falls back when counting fails, what it says and how often, and how it recovers.
 */
class FleetBudgetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long INTERVAL = 5 * SECOND;
    private static final FleetLabel ME = new FleetLabel("orders", "aa");

    private long now = 1_000;
    private final ScriptedCounter counter = new ScriptedCounter();
    private int established = 0;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Field levelField;
    private int originalLevel;
    private Logger logger;

    /** Captures the budget's log at INFO (the tests' configuration shows only warnings); restored after. */
    @BeforeEach
    void captureLog() throws ReflectiveOperationException {
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        logger = LoggerFactory.getLogger(FleetBudget.class);
        for (Class<?> type = logger.getClass(); type != null && levelField == null; type = type.getSuperclass()) {
            try {
                levelField = type.getDeclaredField("currentLogLevel");
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        assertThat(levelField).as("slf4j-simple's level field, to see INFO lines").isNotNull();
        levelField.setAccessible(true);
        originalLevel = levelField.getInt(logger);
        levelField.setInt(logger, 20); // slf4j-simple's INFO
    }

    @AfterEach
    void restoreLog() throws ReflectiveOperationException {
        System.setErr(originalErr);
        if (levelField != null) {
            levelField.setInt(logger, originalLevel);
        }
    }

    private String logged() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private FleetBudget budget(int fleetBudget) {
        return new FleetBudget("test-pool", ME, new FleetShare(fleetBudget, 1), counter, INTERVAL, () -> now,
                interval -> interval, () -> established);
    }

    private static FleetCountResult counted(Map<String, Integer> byInstance) {
        return new FleetCountResult.Counted(new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, 0));
    }

    private static FleetCountResult refused() {
        return new FleetCountResult.Unavailable(FleetCountResult.Cause.PERMISSION,
                "counting fleet 'orders' failed: permission denied for view pg_stat_activity (SQLState 42501)");
    }

    /** Answers with the scripted results in turn, then with the last one; counts its calls. */
    private final class ScriptedCounter implements FleetCounter {
        final Deque<FleetCountResult> script = new ArrayDeque<>();
        final List<Long> calls = new ArrayList<>();
        FleetCountResult last;

        @Override
        public FleetCountResult count(FleetLabel fleet) {
            calls.add(now);
            if (!script.isEmpty()) {
                last = script.poll();
            }
            return last;
        }

        void then(FleetCountResult... results) {
            script.addAll(List.of(results));
        }
    }

    @Test
    void countsOnTheFirstCallThenOnlyOncePerInterval() {
        FleetBudget budget = budget(20);
        counter.then(counted(Map.of("aa", 5, "bb", 5, "cc", 5, "dd", 5)));
        established = 5;

        budget.ceiling(10, 5);
        for (int i = 0; i < 4; i++) {
            now += SECOND;
            budget.ceiling(10, 5);
        }
        assertThat(counter.calls).hasSize(1);

        now += SECOND; // 5 s after the first count
        budget.ceiling(10, 5);
        assertThat(counter.calls).hasSize(2);
        assertThat(counter.calls.get(1) - counter.calls.get(0)).isEqualTo(INTERVAL);
    }

    @Test
    void productionJitterSpreadsCountsOverFourFifthsToSixFifthsOfTheInterval() {
        long shortest = Long.MAX_VALUE;
        long longest = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long delay = FleetBudget.jittered(INTERVAL);
            shortest = Math.min(shortest, delay);
            longest = Math.max(longest, delay);
        }
        assertThat(shortest).isBetween(INTERVAL * 4 / 5, INTERVAL * 9 / 10);
        assertThat(longest).isBetween(INTERVAL * 11 / 10, INTERVAL * 6 / 5);
    }

    @Test
    void givesItsShareAndTheLastCeilingBetweenCounts() {
        FleetBudget budget = budget(20);
        counter.then(counted(Map.of("aa", 5, "bb", 5, "cc", 5, "dd", 5)));
        established = 5;

        assertThat(budget.ceiling(10, 5)).isEqualTo(5);
        now += SECOND;
        assertThat(budget.ceiling(10, 5)).isEqualTo(5);
        assertThat(budget.lastCount().reason()).isEqualTo(FleetCeiling.Reason.SHARE);
        assertThat(budget.problem()).isNull();
    }

    @Test
    void growsIntoTheShareOfIdlePeersAndShrinksBackWhenTheyReturn() {
        FleetBudget budget = budget(20);
        established = 5;
        counter.then(counted(Map.of("aa", 5, "bb", 1, "cc", 1, "dd", 1)));
        int grown = budget.ceiling(20, 5);
        assertThat(grown).isGreaterThan(5);

        now += INTERVAL;
        established = grown;
        counter.then(counted(Map.of("aa", grown, "bb", 5, "cc", 5, "dd", 5)));
        int back = budget.ceiling(20, grown);
        assertThat(back).isLessThan(grown).isLessThanOrEqualTo(5);
    }

    @Test
    void neverGivesMoreThanTheStaticCeilingNorLessThanOne() {
        FleetBudget budget = budget(100);
        counter.then(counted(Map.of("aa", 4)));
        established = 4;
        assertThat(budget.ceiling(3, 4)).isEqualTo(3); // its share would be 6
        assertThat(budget.lastCount().reason()).isEqualTo(FleetCeiling.Reason.STATIC_CEILING);
        now += SECOND;
        // A resize lowered the maximum between counts: the last ceiling is bounded by the new one.
        assertThat(budget.ceiling(2, 4)).isEqualTo(2);

        FleetBudget crowded = budget(2); // fewer connections than instances: the share is 0, the ceiling 1
        now += INTERVAL;
        counter.then(counted(Map.of("aa", 1, "bb", 1, "cc", 1, "dd", 1)));
        assertThat(crowded.ceiling(10, 1)).isEqualTo(1);
    }

    @Test
    void connectionsGivenBackSinceTheCountAreNotTakenBackBeforeTheNext() {
        FleetBudget budget = budget(20);
        established = 5;
        counter.then(counted(Map.of("aa", 5, "bb", 1, "cc", 1, "dd", 1)));
        assertThat(budget.ceiling(10, 5)).isEqualTo(8); // room 3 above the 5 it had

        now += SECOND;
        assertThat(budget.ceiling(10, 3)).isEqualTo(6); // it gave 2 back: still room 3, above 3
        now += SECOND;
        assertThat(budget.ceiling(10, 6)).isEqualTo(6); // grown again: no more until the next count
        assertThat(counter.calls).hasSize(1);

        now += 3 * SECOND;
        counter.then(counted(Map.of("aa", 6, "bb", 1, "cc", 1, "dd", 1)));
        assertThat(budget.ceiling(10, 6)).isGreaterThan(6);
    }

    @Test
    void aGrantLapsesAfterAQuarterOfTheIntervalAndThePoolKeepsWhatItHasUntilTheNextCount() {
        FleetBudget budget = budget(20);
        established = 5;
        counter.then(counted(Map.of("aa", 5, "bb", 1, "cc", 1, "dd", 1)));
        assertThat(budget.ceiling(10, 5)).isEqualTo(8);
        now += INTERVAL / FleetBudget.GRANT_FRACTION - 1;
        assertThat(budget.ceiling(10, 6)).isEqualTo(8); // still granted
        now += 1;
        assertThat(budget.ceiling(10, 6)).isEqualTo(6); // lapsed: keeps the 6 it reached
        now += SECOND;
        assertThat(budget.ceiling(10, 4)).isEqualTo(4); // and may shrink
        assertThat(counter.calls).hasSize(1);
    }

    @Test
    void aSlowCountsGrantStartsWhenTheCountEnds() {
        FleetCounter slow = fleet -> {
            now += INTERVAL / FleetBudget.GRANT_FRACTION; // waited for a pooled connection, say
            return counted(Map.of("aa", 5, "bb", 1, "cc", 1, "dd", 1));
        };
        FleetBudget budget = new FleetBudget("test-pool", ME, new FleetShare(20, 1), slow, INTERVAL, () -> now,
                interval -> interval, () -> established);
        established = 5;
        assertThat(budget.ceiling(10, 5)).isEqualTo(8);
        now += INTERVAL / FleetBudget.GRANT_FRACTION - 1;
        assertThat(budget.ceiling(10, 5)).isEqualTo(8);
    }

    @Test
    void isPessimisticBeforeItsFirstCountKeepingWhatItHas() {
        FleetBudget budget = budget(20);
        counter.then(new FleetCountResult.Unavailable(FleetCountResult.Cause.BUSY, "no pooled connection came free"));

        assertThat(budget.ceiling(10, 3)).isEqualTo(3);
        assertThat(budget.ceiling(10, 0)).isEqualTo(1);
        assertThat(budget.problem()).isNull();
        assertThat(budget.lastCount()).isNull();
    }

    @Test
    void aCountThatFoundNoConnectionIsRetriedAtTheNextCallAndKeepsTheLastCeiling() {
        FleetBudget budget = budget(20);
        established = 5;
        counter.then(counted(Map.of("aa", 5, "bb", 5, "cc", 5, "dd", 5)),
                new FleetCountResult.Unavailable(FleetCountResult.Cause.BUSY, "no pooled connection came free"),
                counted(Map.of("aa", 5, "bb", 1, "cc", 1, "dd", 1)));
        assertThat(budget.ceiling(10, 5)).isEqualTo(5);

        now += INTERVAL;
        assertThat(budget.ceiling(10, 5)).isEqualTo(5); // busy: last ceiling, no fallback
        assertThat(budget.problem()).isNull();
        now += 200_000_000L; // the next sizing step, well before another interval
        assertThat(budget.ceiling(10, 5)).isGreaterThan(5);
        assertThat(counter.calls).hasSize(3);
    }

    @Test
    void fallsBackToTheStaticCeilingWhenCountingFailsSaysSoOnceAndRecovers() {
        FleetBudget budget = budget(20);
        established = 5;
        counter.then(counted(Map.of("aa", 5, "bb", 5, "cc", 5, "dd", 5)), refused());
        assertThat(budget.ceiling(10, 5)).isEqualTo(5);

        for (int i = 0; i < 3; i++) {
            now += INTERVAL;
            assertThat(budget.ceiling(10, 5)).isEqualTo(10);
            now += SECOND;
            assertThat(budget.ceiling(10, 5)).isEqualTo(10);
        }
        assertThat(counter.calls).hasSize(4); // tried at the usual cadence, not at every call
        assertThat(budget.problem()).startsWith("PERMISSION: ").contains("permission denied");
        assertThat(occurrences(logged(), "cannot count the fleet 'orders'")).isEqualTo(1);
        assertThat(logged()).contains("permission denied");


        now += INTERVAL;
        counter.then(counted(Map.of("aa", 5, "bb", 5, "cc", 5, "dd", 5)));
        assertThat(budget.ceiling(10, 5)).isEqualTo(5);
        assertThat(budget.problem()).isNull();
        now += INTERVAL;
        budget.ceiling(10, 5);
        assertThat(occurrences(logged(), "can be counted again")).isEqualTo(1);

    }

    @Test
    void aFailureAfterRecoveryIsSaidAgain() {
        FleetBudget budget = budget(20);
        counter.then(refused(), counted(Map.of("aa", 1)), refused());
        budget.ceiling(10, 1);
        now += INTERVAL;
        budget.ceiling(10, 1);
        assertThat(budget.problem()).isNull();
        now += INTERVAL;
        budget.ceiling(10, 1);
        assertThat(budget.problem()).isNotNull();
        assertThat(occurrences(logged(), "cannot count the fleet 'orders'")).isEqualTo(2);

    }

    @Test
    void staysWithinTheStaticCeilingWhileFallingBack() {
        FleetBudget budget = budget(4);
        counter.then(refused());
        assertThat(budget.ceiling(3, 0)).isEqualTo(3);
        now += SECOND;
        assertThat(budget.ceiling(2, 0)).isEqualTo(2);
    }
}
