package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The duration syntax of configuration files.
 */
class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "10m, PT10M",
        "10min, PT10M",
        "1h, PT1H",
        "2d, PT48H",
        "1.5s, PT1.5S",
        "0.5ms, PT0.0005S",
        "30000, PT30S",
        "0, PT0S",
        "' 30 s ', PT30S",
        "30S, PT30S",
        "1H, PT1H",
        "-1, PT-0.001S",
        "-5s, PT-5S",
    })
    void parsesShortForms(String text, String expected) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "PT30S, PT30S",
        "pt10m, PT10M",
        "PT0.25S, PT0.25S",
        "P1D, PT24H",
        "PT1H30M, PT1H30M",
    })
    void parsesIso8601(String text, String expected) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void takesTypedValuesAsThey() {
        assertThat(DurationText.parse(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(DurationText.parse(30_000)).as("numbers are milliseconds").isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse(250L)).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "s", "ms", "-", ".", "1.2.3", "30 seconds", "30sec", "10x", "1e3",
        "PTfoo", "P", "s30", "30s5", "--5", "NaN", "Infinity"})
    void rejectsTextThatIsNoDuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DurationText.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "PT2H, 2h",
        "PT10M, 10m",
        "PT30S, 30s",
        "PT0.25S, 250ms",
        "PT90S, 90s",
        "PT0S, 0ms",
        "PT1.5S, 1500ms",
    })
    void formatsInTheLargestWholeUnit(String duration, String expected) {
        assertThat(DurationText.format(Duration.parse(duration))).isEqualTo(expected);
    }

    @Test
    void formatsNullAsNull() {
        assertThat(DurationText.format(null)).isEqualTo("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "30s", "10m", "2h", "1500ms"})
    void formatIsReadBackAsTheSameDuration(String text) {
        Duration parsed = DurationText.parse(text);

        assertThat(DurationText.parse(DurationText.format(parsed))).isEqualTo(parsed);
    }

    // ---- overflow: exact and never an ArithmeticException

    @ParameterizedTest
    @CsvSource({
        "365000d, PT8760000H",
        "P365000D, PT8760000H",
        "31536000000000, PT8760000H",
        "9223372036854775807, PT2562047788015H12M55.807S",
    })
    void readsAThousandYearsExactlyLeavingTheRangeCheckToTheSetting(String text, String expected) {
        Duration parsed = DurationText.parse(text);

        assertThat(parsed).isEqualTo(Duration.parse(expected));
        assertThat(DurationText.format(parsed)).as("formatting cannot overflow either").isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999999999999d", "99999999999999999999999999999", "P9999999999999999999D"})
    void rejectsWhatNoDurationCanHoldWithAMessageNotAnArithmeticException(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a duration such as 500ms");
    }

    @Test
    void readsFractionsExactlyToTheNanosecond() {
        assertThat(DurationText.parse("0.000001ms")).isEqualTo(Duration.ofNanos(1));
        assertThat(DurationText.parse("1.1s")).isEqualTo(Duration.ofMillis(1_100));
        assertThat(DurationText.parse(2.5)).as("a fractional number of milliseconds")
                .isEqualTo(Duration.ofNanos(2_500_000));
    }

    @Test
    void formatsDurationsTooLongForToMillisWithoutOverflow() {
        assertThat(DurationText.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("9223372036854775807s");
        assertThat(DurationText.format(Duration.ofDays(365_000))).isEqualTo("365000d");
        assertThat(DurationText.format(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("-9223372036854775808s");
    }

    @Test
    void formatsLessThanAMillisecondAsADecimalNotAsZero() {
        assertThat(DurationText.format(Duration.ofNanos(1))).isEqualTo("0.000001ms");
        assertThat(DurationText.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
    }
}
