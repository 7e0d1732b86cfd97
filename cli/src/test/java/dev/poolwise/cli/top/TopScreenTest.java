package dev.poolwise.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopScreenTest {

    private static final PoolSnapshot ORDERS =
            new PoolSnapshot("orders", PoolLibrary.POOLWISE, "adaptive", 6, 3, 2, 1, 0, 4, 5, 12L, 1L, "UP");
    private static final PoolSnapshot LEGACY =
            new PoolSnapshot("legacy-reporting", PoolLibrary.HIKARI, null, 4, 2, 2, null, 7, null, 40, null, null,
                    null);

    @Test
    void barIsTwentyWideAndProportionalToActiveOverMax() {
        assertThat(TopScreen.bar(0.0)).isEqualTo("[....................]   0%");
        assertThat(TopScreen.bar(0.6)).isEqualTo("[############........]  60%");
        assertThat(TopScreen.bar(1.0)).isEqualTo("[####################] 100%");
        assertThat(TopScreen.bar(0.29)).endsWith(" 29%");
    }

    @Test
    void barShowsAnyUseAndOnlyAFullPoolAsFull() {
        // 1 of 100: rounds to no mark, but the pool is in use.
        assertThat(TopScreen.bar(0.01)).isEqualTo("[#...................]   1%");
        // 199 of 200: rounds to a full bar, but one connection is free.
        assertThat(TopScreen.bar(0.995)).isEqualTo("[###################.]  99%");
    }

    @Test
    void barForAnUnknownShareIsEmptyWithADash() {
        assertThat(TopScreen.bar(null)).isEqualTo("[....................]    -");
        assertThat(TopScreen.bar(null)).hasSameSizeAs(TopScreen.bar(1.0));
    }

    @Test
    void utilizationIsCappedAndUnknownWithoutAPositiveMax() {
        assertThat(new PoolSnapshot("p", PoolLibrary.POOLWISE, "static", 6, 6, 0, 0, 0, 4, 4, 0L, 0L, "UP")
                .utilization())
                .isEqualTo(1.0);
        assertThat(new PoolSnapshot("p", PoolLibrary.HIKARI, null, 1, 1, 0, null, 0, null, null, null, null, null)
                .utilization()).isNull();
        assertThat(new PoolSnapshot("p", PoolLibrary.HIKARI, null, 1, 1, 0, null, 0, null, 0, null, null, null)
                .utilization())
                .isNull();
        assertThat(new PoolSnapshot("p", PoolLibrary.HIKARI, null, null, null, null, null, null, null, 4, null, null,
                null).utilization()).isNull();
    }

    @Test
    void rowsHoldEveryColumnAndMissingValuesShowAsDashes() {
        String text = TopScreen.render("title", List.of(ORDERS, LEGACY));

        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("title");
        assertThat(lines.get(1).split("\\s+")).containsExactly("POOL", "KIND", "SIZING", "TOTAL", "ACTIVE", "IDLE",
                "RESERVED", "WAITING", "TARGET", "MAX", "UTILIZATION", "TIMEOUTS", "LEAKS", "HEALTH");
        assertThat(lines.get(2).split("\\s+")).containsExactly("orders", "poolwise", "adaptive", "6", "3", "2",
                "1", "0", "4", "5", "[############........]", "60%", "12", "1", "UP");
        assertThat(lines.get(3).split("\\s+")).containsExactly("legacy-reporting", "hikari", "-", "4", "2", "2",
                "-", "7", "-", "40", "[#...................]", "5%", "-", "-", "-");
        assertThat(lines.get(4)).startsWith("hikari: HikariCP publishes no sizing, target, reserve, timeout, leak"
                + " or health figures");
    }

    @Test
    void numbersAlignRightUnderTheirHeaderAndTextAlignsLeft() {
        PoolSnapshot big = new PoolSnapshot("b", PoolLibrary.POOLWISE, "static", 1000, 999, 1, 0, 12345, 1000, 1000,
                1234567L, 0L, "DEGRADED (connect failures)");
        List<String> lines = TopScreen.render("t", List.of(ORDERS, big)).lines().toList();
        String header = lines.get(1);
        String small = lines.get(2);
        String large = lines.get(3);

        // Each numeric column ends where its widest cell ends; the header is right-aligned with it.
        int waitingEnd = endOf(large, "12345");
        assertThat(endOf(header, "WAITING")).isEqualTo(waitingEnd);
        assertThat(small.charAt(waitingEnd - 1)).isEqualTo('0');
        int timeoutsEnd = endOf(large, "1234567");
        assertThat(small.substring(timeoutsEnd - 2, timeoutsEnd)).isEqualTo("12");
        assertThat(header.substring(0, timeoutsEnd)).endsWith("TIMEOUTS");
        // The pool name and the kind start at the same place on every line.
        assertThat(large.indexOf("poolwise")).isEqualTo(small.indexOf("poolwise")).isEqualTo(header.indexOf("KIND"));
        assertThat(large.indexOf("DEGRADED")).isEqualTo(small.indexOf("UP")).isEqualTo(header.indexOf("HEALTH"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void noPoolsSaysSo() {
        assertThat(TopScreen.render("t", List.of()))
                .isEqualTo("t\n(no Poolwise or HikariCP pools registered over JMX)\n");
    }

    @Test
    void withoutHikariPoolsThereIsNoNoteAboutDashes() {
        assertThat(TopScreen.render("t", List.of(ORDERS))).doesNotContain("HikariCP publishes");
    }

    @Test
    void controlCharactersInNamesCannotMoveTheCursor() {
        PoolSnapshot sneaky = new PoolSnapshot("a\u001b[2Jb", PoolLibrary.POOLWISE, "adap\rtive", 1, 0, 1, 0, 0, 1, 1,
                0L, 0L, "DOWN (x\ny)");

        String text = TopScreen.render("t", List.of(sneaky));

        assertThat(text).doesNotContain("\u001b").contains("a?[2Jb").contains("DOWN (x?y)").contains("adap?tive");
        assertThat(text.lines()).hasSize(3);
    }

    /** @return the index just past the first occurrence of {@code word} in {@code line} */
    private static int endOf(String line, String word) {
        int start = line.indexOf(word);
        assertThat(start).as("'%s' in '%s'", word, line).isNotNegative();
        return start + word.length();
    }
}
