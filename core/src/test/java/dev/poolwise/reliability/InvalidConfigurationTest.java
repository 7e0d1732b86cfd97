package dev.poolwise.reliability;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 6, scenario 9: each invalid setting, given as a property the way an application's configuration
 * file gives it, is rejected with one message that names the key, the value and what would be valid. Issue 11:
 * floors and ceilings (with the reason when a value breaks one), durations too long for the pool's arithmetic,
 * and a driver class that is not on the classpath, all rejected when the configuration is built.
 */
class InvalidConfigurationTest {

    /**
     * @param key   the setting
     * @param value the invalid value as written in the properties
     * @param shown how the message shows the value ({@code key = shown}); empty when it must not be shown
     * @param valid the part of the message that says what is valid
     */
    @ParameterizedTest(name = "{0} = \"{1}\" is rejected: {3}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "connectionTimeout|0|0ms|must be a positive duration",
        "connectionTimeout|-5s|-5s|must be a positive duration",
        "validationTimeout|0ms|0ms|must be a positive duration",
        "validationTimeout|-1s|-1s|must be a positive duration",
        "idleTimeout|-1s|-1s|must be zero (off) or a positive duration",
        "maxLifetime|-10m|-10m|must be zero (off) or a positive duration",
        "keepaliveTime|-1|-1ms|must be zero (off) or a positive duration",
        "validationBypassWindow|-100ms|-100ms|must be zero (off) or a positive duration",
        "leakDetectionThreshold|-2s|-2s|must be zero (off) or a positive duration",
        "shutdownTimeout|-1ms|-1ms|must be zero (off) or a positive duration",
        "maximumPoolSize|0|0|must be at least 1",
        "maximumPoolSize|-3|-3|must be at least 1",
        "maximumPoolSize|ten|ten|must be a whole number",
        "maximumPoolSize|2.5|2.5|must be a whole number",
        "maximumPoolSize|99999999999|99999999999|within int range",
        "minimumIdle|-1|-1|must be between 0 and maximumPoolSize (10)",
        "minimumIdle|11|11|must be between 0 and maximumPoolSize (10)",
        "minimumIdle|some|some|must be a whole number",
        "connectionTimeout|soon|soon|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "connectionTimeout|5 parsecs|5 parsecs|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "idleTimeout|forever|forever|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "shutdownTimeout|later|later|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "initializationFailTimeout|1s|1s|must be a whole number",
        "autoCommit|yes|yes|must be true or false",
        "readOnly|1|1|must be true or false",
        "registerMbeans|on|on|must be true or false",
        "allowPoolSuspension|maybe|maybe|must be true or false",
        "mode|serverless|serverless|must be pooled or unpooled",
        "transactionIsolation|SNAPSHOT|SNAPSHOT|TRANSACTION_READ_COMMITTED",
        "transactionIsolation|3|3|TRANSACTION_READ_COMMITTED (2)",
        "jdbcUrl|postgresql://db:5432/app|postgresql://db:5432/app|must start with jdbc:",
        "credentialsProvider|com.example.NoSuchProvider|com.example.NoSuchProvider|dev.poolwise.CredentialsProvider",
        "connectionErrorClassifier|java.lang.String|java.lang.String|does not implement dev.poolwise.ConnectionErrorClassifier",
        "dataSource|java.lang.Object|java.lang.Object|does not implement javax.sql.DataSource",
        "maxLifetime|30 minutes|30 minutes|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "keepaliveTime|often|often|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "validationBypassWindow|fast|fast|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "leakDetectionThreshold|1x|1x|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "validationTimeout|5 sec|5 sec|must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds",
        "initializationFailTimeout|never|never|must be a whole number",
        "minimumIdle|1.5|1.5|must be a whole number",
        "transactionIsolation|READ_SOMETIMES|READ_SOMETIMES|TRANSACTION_SERIALIZABLE",
        "mode|pool|pool|must be pooled or unpooled",
        "readOnly|no|no|must be true or false",
        // issue 11: floors and ceilings, each with its reason; overflow named by key
        "connectionTimeout|PT0.000000001S|0.000001ms|must be a positive duration from 250ms to 24d; below 250ms",
        "connectionTimeout|100|100ms|cannot complete and every borrow fails",
        "validationTimeout|100ms|100ms|from 250ms to 24d; shorter fails healthy connections",
        "maxLifetime|1|1ms|must be zero (off) or a positive duration from 30s to 24d; shorter retires connections",
        "maxLifetime|1800|1800ms|a plain number is milliseconds",
        "keepaliveTime|1ms|1ms|from 30s to 24d; shorter validates idle connections in a loop",
        "idleTimeout|5s|5s|from 10s to 24d; shorter closes idle connections between bursts",
        "shutdownTimeout|365000d|365000d|up to 24d; longer is no sensible pool setting",
        "shutdownTimeout|P365000D|365000d|up to 24d; longer is no sensible pool setting",
        "shutdownTimeout|31536000000000|365000d|up to 24d; longer is no sensible pool setting",
        "leakDetectionThreshold|25d|25d|up to 24d",
        "connectionTimeout|99999999999999999999999999d|99999999999999999999999999d|is too large for a duration",
        "maximumPoolSize|10001|10001|must be at most 10000; no database serves that many connections",
        "initializationFailTimeout|9223372036854775807|9223372036854775807|must be at most 2073600000",
        "driverClassName|com.example.NoSuchDriver|com.example.NoSuchDriver|no such class on the classpath; add the driver's jar",
        "driverClassName|java.lang.String|java.lang.String|does not implement java.sql.Driver",
        "maximumPoolSise|10||unknown setting (did you mean maximumPoolSize?)",
        "conectionTimeout|30s||unknown setting (did you mean connectionTimeout?)",
    })
    void anInvalidSettingIsRejectedNamingKeyValueAndWhatIsValid(String key, String value, String shown, String valid) {
        Properties properties = new Properties();
        properties.setProperty("jdbcUrl", "jdbc:fake:never-opened");
        properties.setProperty(key, value);

        PoolConfigException rejected = catchThrowableOfType(PoolConfigException.class,
                () -> PoolConfig.fromProperties(properties));

        assertThat((Throwable) rejected).as("%s = %s is rejected", key, value).isNotNull();
        assertThat(rejected.problems()).as("one problem, about %s", key).hasSize(1);
        String problem = rejected.problems().get(0);
        assertThat(problem).startsWith(key);
        if (shown != null) {
            assertThat(problem).as("names the value").contains(key + " = " + shown);
        } else {
            assertThat(problem).as("an unknown key's value is never shown (it may be a misspelt password)")
                    .doesNotContain(value);
        }
        assertThat(problem).as("says what is valid").contains(valid);
        assertThat(rejected.getMessage()).contains(problem);
    }

    @Test
    void aPoolOfAThousandIsAcceptedWithAWarningThatSaysWhy() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jdbcUrl", "jdbc:fake:never-opened");
        properties.setProperty("maximumPoolSize", "1000");

        PoolConfig config;
        String logged;
        try (CapturedLog log = new CapturedLog(false)) {
            config = PoolConfig.fromProperties(properties);
            logged = log.text();
        }

        assertThat(config.getMaximumPoolSize()).isEqualTo(1000);
        assertThat(logged).contains("WARN").contains("maximumPoolSize = 1000")
                .contains("max_connections defaults to 100");
    }

    @Test
    void aPoolOfAHundredLogsNoWarning() throws Exception {
        String logged;
        try (CapturedLog log = new CapturedLog(false)) {
            PoolConfig.builder().jdbcUrl("jdbc:fake:never-opened").maximumPoolSize(100).build();
            logged = log.text();
        }

        assertThat(logged).doesNotContain("maximumPoolSize");
    }
}
