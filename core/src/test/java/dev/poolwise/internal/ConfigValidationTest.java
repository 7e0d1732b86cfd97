package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One check of the pool's sizes, whether they arrive through {@code build()} or through resizing a running pool.
 */
class ConfigValidationTest {

    @ParameterizedTest
    @CsvSource({"0, 3", "-1, 0", "5, 6", "5, -1", "10001, 0", "0, -2"})
    void resizeRejectsExactlyWhatBuildRejectsWithTheSameMessages(int maximum, int minimumIdle) {
        PoolConfigException fromBuild = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.builder()
                .jdbcUrl("jdbc:fake:x").maximumPoolSize(maximum).minimumIdle(minimumIdle).build());
        PoolConfigException fromResize = catchThrowableOfType(PoolConfigException.class,
                () -> ConfigValidation.requireValidSizes(maximum, minimumIdle));

        assertThat(fromResize).as("resize(%d, %d) is rejected", maximum, minimumIdle).isNotNull();
        assertThat(fromResize.problems()).isNotEmpty().isEqualTo(fromBuild.problems());
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "1, 1", "10, 0", "10000, 10000"})
    void resizeAcceptsWhatBuildAccepts(int maximum, int minimumIdle) {
        assertThatCode(() -> ConfigValidation.requireValidSizes(maximum, minimumIdle)).doesNotThrowAnyException();
        assertThatCode(() -> PoolConfig.builder().jdbcUrl("jdbc:fake:x").maximumPoolSize(maximum)
                .minimumIdle(minimumIdle).build()).doesNotThrowAnyException();
    }
}
