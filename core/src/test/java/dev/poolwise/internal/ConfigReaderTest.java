package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.Credentials;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolMode;
import dev.poolwise.fake.FakeDataSource;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading HikariCP-style properties and maps: every known key, its parsing, and errors that list every bad
 * entry without leaking secrets.
 */
class ConfigReaderTest {

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static Properties withUrl(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("jdbcUrl", "jdbc:postgresql://db:5432/app");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    // ---- a HikariCP file as it is

    @Test
    void readsATypicalHikariPropertiesFile() throws IOException {
        PoolConfig config = PoolConfig.fromProperties(load("""
                # hikari.properties as found in many projects
                jdbcUrl=jdbc:mysql://db.internal:3306/shop
                username=shop
                password=s3cret
                maximumPoolSize=20
                minimumIdle=5
                connectionTimeout=30000
                idleTimeout=600000
                maxLifetime=1800000
                dataSource.cachePrepStmts=true
                dataSource.prepStmtCacheSize=250
                transactionIsolation=TRANSACTION_READ_COMMITTED
                poolName=shop-pool
                autoCommit=false
                registerMbeans=true
                """));

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:mysql://db.internal:3306/shop");
        assertThat(config.getUsername()).isEqualTo("shop");
        assertThat(config.getPassword()).isEqualTo("s3cret");
        assertThat(config.getMaximumPoolSize()).isEqualTo(20);
        assertThat(config.getMinimumIdle()).isEqualTo(5);
        assertThat(config.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.getDataSourceProperties())
                .containsEntry("cachePrepStmts", "true")
                .containsEntry("prepStmtCacheSize", "250")
                .hasSize(2);
        assertThat(config.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(config.getPoolName()).isEqualTo("shop-pool");
        assertThat(config.isAutoCommit()).isFalse();
        assertThat(config.isRegisterMbeans()).isTrue();
        assertThat(config.getMode()).isEqualTo(PoolMode.POOLED);
    }

    @Test
    void readsEveryOtherKnownKey() {
        PoolConfig config = PoolConfig.fromProperties(withUrl(
                "driverClassName", "org.postgresql.Driver",
                "keepaliveTime", "45s",
                "validationTimeout", "1s",
                "leakDetectionThreshold", "20s",
                "initializationFailTimeout", "-1",
                "connectionTestQuery", "SELECT 1",
                "connectionInitSql", "SET TIME ZONE 'UTC'",
                "readOnly", "true",
                "catalog", "main",
                "schema", "app",
                "allowPoolSuspension", "true",
                "validationBypassWindow", "250ms",
                "shutdownTimeout", "3s",
                "mode", "unpooled"));

        assertThat(config.getDriverClassName()).isEqualTo("org.postgresql.Driver");
        assertThat(config.getKeepaliveTime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.getValidationTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.getLeakDetectionThreshold()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.getInitializationFailTimeoutMillis()).isEqualTo(-1);
        assertThat(config.getConnectionTestQuery()).isEqualTo("SELECT 1");
        assertThat(config.getConnectionInitSql()).isEqualTo("SET TIME ZONE 'UTC'");
        assertThat(config.isReadOnly()).isTrue();
        assertThat(config.getCatalog()).isEqualTo("main");
        assertThat(config.getSchema()).isEqualTo("app");
        assertThat(config.isAllowPoolSuspension()).isTrue();
        assertThat(config.getValidationBypassWindow()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.getMode()).isEqualTo(PoolMode.UNPOOLED);
    }

    @Test
    void knownKeysCoverHikariCpsNamesAndPoolwiseOwn() {
        assertThat(ConfigReader.knownKeys()).contains("jdbcUrl", "username", "password", "driverClassName",
                "dataSourceClassName", "dataSource", "dataSourceProperties", "poolName", "maximumPoolSize",
                "minimumIdle", "connectionTimeout", "idleTimeout", "maxLifetime", "keepaliveTime",
                "validationTimeout", "connectionTestQuery", "connectionInitSql", "leakDetectionThreshold",
                "initializationFailTimeout", "autoCommit", "readOnly", "transactionIsolation", "catalog", "schema",
                "registerMbeans", "allowPoolSuspension", "mode", "validationBypassWindow", "shutdownTimeout",
                "credentialsProvider", "connectionErrorClassifier");
    }

    // ---- values

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "10m, PT10M",
        "1h, PT1H",
        "30000, PT30S",
        "PT45S, PT45S",
        "pt2m, PT2M",
        "' 15s ', PT15S",
    })
    void readsDurationsInEveryForm(String text, String expected) {
        PoolConfig config = PoolConfig.fromProperties(withUrl("connectionTimeout", text));

        assertThat(config.getConnectionTimeout()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "TRANSACTION_READ_COMMITTED, 2",
        "READ_COMMITTED, 2",
        "read-committed, 2",
        "transaction_serializable, 8",
        "TRANSACTION_REPEATABLE_READ, 4",
        "TRANSACTION_READ_UNCOMMITTED, 1",
        "TRANSACTION_NONE, 0",
        "4, 4",
    })
    void readsIsolationLevelsByNameOrNumber(String text, int expected) {
        PoolConfig config = PoolConfig.fromProperties(withUrl("transactionIsolation", text));

        assertThat(config.getTransactionIsolation()).isEqualTo(expected);
    }

    @Test
    void readsModeInAnyCase() {
        assertThat(PoolConfig.fromProperties(withUrl("mode", "unpooled")).getMode()).isEqualTo(PoolMode.UNPOOLED);
        assertThat(PoolConfig.fromProperties(withUrl("mode", "POOLED")).getMode()).isEqualTo(PoolMode.POOLED);
        assertThat(PoolConfig.fromProperties(withUrl("mode", " Unpooled ")).getMode()).isEqualTo(PoolMode.UNPOOLED);
    }

    @Test
    void readsBooleansInAnyCaseButNothingElse() {
        assertThat(PoolConfig.fromProperties(withUrl("autoCommit", "FALSE")).isAutoCommit()).isFalse();
        assertThat(PoolConfig.fromProperties(withUrl("readOnly", " True ")).isReadOnly()).isTrue();

        assertThatThrownBy(() -> PoolConfig.fromProperties(withUrl("autoCommit", "yes")))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("autoCommit = yes: must be true or false");
    }

    @Test
    void emptyTextMeansNotSet() {
        PoolConfig config = PoolConfig.fromProperties(withUrl("schema", "", "connectionInitSql", "  "));

        assertThat(config.getSchema()).isNull();
        assertThat(config.getConnectionInitSql()).isNull();
    }

    // ---- dataSource.*

    @Test
    void dataSourcePrefixedKeysBecomeDriverProperties() {
        PoolConfig config = PoolConfig.fromProperties(withUrl(
                "dataSource.sslmode", "require",
                "dataSource.prepareThreshold", "0",
                "dataSource.ApplicationName", "orders"));

        assertThat(config.getDataSourceProperties())
                .containsEntry("sslmode", "require")
                .containsEntry("prepareThreshold", "0")
                .containsEntry("ApplicationName", "orders")
                .hasSize(3);
    }

    @Test
    void aBareDataSourcePrefixIsAnUnknownKey() {
        assertThatThrownBy(() -> PoolConfig.fromProperties(withUrl("dataSource.", "x")))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("dataSource.: unknown setting");
    }

    @Test
    void dataSourcePropertiesAcceptsAMap() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://db:5432/app");
        settings.put("dataSourceProperties", Map.of("sslmode", "require", "tcpKeepAlive", true));

        PoolConfig config = PoolConfig.fromMap(settings);

        assertThat(config.getDataSourceProperties())
                .containsEntry("sslmode", "require")
                .containsEntry("tcpKeepAlive", true);
    }

    // ---- errors

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> PoolConfig.fromProperties(withUrl("maximumPoolsize", "20")));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("maximumPoolsize: unknown setting")
                .contains("did you mean maximumPoolSize?")
                .contains("docs/configuration.md");
    }

    @ParameterizedTest
    @CsvSource({
        "maximum-pool-size, maximumPoolSize",
        "conectionTimeout, connectionTimeout",
        "jdbcURL, jdbcUrl",
        "idleTimout, idleTimeout",
        "maxLifeTime, maxLifetime",
        "userName, username",
    })
    void suggestsTheIntendedKeyForCommonTypos(String typo, String intended) {
        assertThatThrownBy(() -> PoolConfig.fromProperties(withUrl(typo, "1")))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("did you mean " + intended + "?");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneGetsNoSuggestion() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> PoolConfig.fromProperties(withUrl("metricRegistry", "com.example.Registry")));

        assertThat(e.problems()).singleElement().asString()
                .contains("metricRegistry")
                .contains("unknown setting")
                .doesNotContain("did you mean");
    }

    @Test
    void listsEveryBadValueAndUnknownKeyTogether() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.fromProperties(
                withUrl("maximumPoolSize", "ten",
                        "connectionTimeout", "30 seconds",
                        "autoCommit", "maybe",
                        "transactionIsolation", "READ_SOMETIMES",
                        "mode", "pooling",
                        "idelTimeout", "10m")));

        assertThat(e.problems()).hasSize(6);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("maximumPoolSize = ten: must be a whole number"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("connectionTimeout = 30 seconds: must be a duration such as 500ms, 30s"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("autoCommit = maybe"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("transactionIsolation = READ_SOMETIMES").contains("TRANSACTION_SERIALIZABLE"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("mode = pooling: must be pooled or unpooled"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("idelTimeout: unknown setting (did you mean idleTimeout?)"));
    }

    @Test
    void valuesThatParseButAreOutOfRangeAreReportedByBuild() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.fromProperties(
                withUrl("maximumPoolSize", "0", "idleTimeout", "-1", "connectionTimeout", "0")));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("maximumPoolSize = 0"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("idleTimeout"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .as("0 is not HikariCP's 'infinite' here").startsWith("connectionTimeout = 0ms"));
    }

    @Test
    void rejectsAPoolSizeOutsideIntRange() {
        assertThatThrownBy(() -> PoolConfig.fromProperties(withUrl("maximumPoolSize", "3000000000")))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("maximumPoolSize = 3000000000: must be a whole number within int range");
    }

    @Test
    void toBuilderReadsWithoutValidatingSoCodeCanAddWhatPropertiesCannotHold() {
        PoolConfig.Builder builder = PoolConfig.toBuilder(withUrl("maximumPoolSize", "0"));

        PoolConfig config = builder.maximumPoolSize(3).build();

        assertThat(config.getMaximumPoolSize()).isEqualTo(3);
    }

    // ---- secrets in errors

    @Test
    void neverShowsAPasswordValueInAnError() {
        Properties properties = withUrl("password", "hunter2", "dataSource.password", "hunter3",
                "maximumPoolSize", "x");

        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> PoolConfig.fromProperties(properties));

        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void masksAnUnknownKeyThatNamesAPassword() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> PoolConfig.fromProperties(withUrl("dbPassword", "hunter2")));

        assertThat(e.getMessage()).contains("dbPassword: unknown setting").doesNotContain("hunter2");
    }

    @Test
    void masksThePasswordOfAUrlInAnError() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.fromProperties(
                withUrl("jdbcUrl", "postgresql://app:hunter2@db:5432/app?sslpassword=hunter3")));

        assertThat(e.getMessage())
                .contains("postgresql://app:****@db:5432/app?sslpassword=****")
                .doesNotContain("hunter2")
                .doesNotContain("hunter3");
    }

    // ---- typed values from a map

    @Test
    void fromMapTakesTypedValues() {
        FakeDataSource dataSource = new FakeDataSource();
        CredentialsProvider credentials = () -> new Credentials("iam-user", "token");
        ConnectionErrorClassifier classifier = e -> e.getErrorCode() == 17002;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dataSource", dataSource);
        settings.put("maximumPoolSize", 12);
        settings.put("minimumIdle", 0L);
        settings.put("connectionTimeout", Duration.ofSeconds(3));
        settings.put("idleTimeout", 120_000);
        settings.put("autoCommit", Boolean.FALSE);
        settings.put("registerMbeans", true);
        settings.put("mode", PoolMode.UNPOOLED);
        settings.put("transactionIsolation", Connection.TRANSACTION_SERIALIZABLE);
        settings.put("initializationFailTimeout", -1);
        settings.put("credentialsProvider", credentials);
        settings.put("connectionErrorClassifier", classifier);

        PoolConfig config = PoolConfig.fromMap(settings);

        assertThat(config.getDataSource()).isSameAs(dataSource);
        assertThat(config.getMaximumPoolSize()).isEqualTo(12);
        assertThat(config.getMinimumIdle()).isZero();
        assertThat(config.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.isAutoCommit()).isFalse();
        assertThat(config.isRegisterMbeans()).isTrue();
        assertThat(config.getMode()).isEqualTo(PoolMode.UNPOOLED);
        assertThat(config.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(config.getInitializationFailTimeoutMillis()).isEqualTo(-1);
        assertThat(config.getCredentialsProvider()).isSameAs(credentials);
        assertThat(config.getConnectionErrorClassifier()).isSameAs(classifier);
    }

    @Test
    void fromMapInstantiatesAClassNamedForAnInterfaceSetting() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://db:5432/app");
        settings.put("connectionErrorClassifier", NeverFatal.class.getName());
        settings.put("credentialsProvider", FixedCredentials.class.getName());

        PoolConfig config = PoolConfig.fromMap(settings);

        assertThat(config.getConnectionErrorClassifier()).isInstanceOf(NeverFatal.class);
        assertThat(config.getCredentialsProvider()).isInstanceOf(FixedCredentials.class);
    }

    @Test
    void fromMapRejectsAClassOfTheWrongTypeOrMissing() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://db:5432/app");
        settings.put("connectionErrorClassifier", String.class.getName());
        settings.put("credentialsProvider", "com.example.NoSuchProvider");

        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.fromMap(settings));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("connectionErrorClassifier = java.lang.String")
                .contains("does not implement dev.poolwise.ConnectionErrorClassifier"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("credentialsProvider = com.example.NoSuchProvider")
                .contains("public no-argument constructor"));
    }

    @Test
    void fromMapRejectsANonMapForDataSourceProperties() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://db:5432/app");
        settings.put("dataSourceProperties", "sslmode=require");

        assertThatThrownBy(() -> PoolConfig.fromMap(settings))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("dataSourceProperties = sslmode=require: must be a map of driver properties");
    }

    @Test
    void fromMapReportsANullNumberAsBad() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://db:5432/app");
        settings.put("maximumPoolSize", null);

        assertThatThrownBy(() -> PoolConfig.fromMap(settings))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("maximumPoolSize = null: must be a whole number");
    }

    /** A classifier named by class in settings. */
    public static final class NeverFatal implements ConnectionErrorClassifier {
        @Override
        public boolean isFatal(SQLException error) {
            return false;
        }
    }

    /** A credentials provider named by class in settings. */
    public static final class FixedCredentials implements CredentialsProvider {
        @Override
        public Credentials credentials() {
            return new Credentials("app", "secret");
        }
    }

    @Test
    void neverShowsTheValueOfAMisspeltPasswordKey() {
        for (String key : List.of("passwrd", "pasword", "pwd")) {
            PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                    () -> PoolConfig.fromProperties(withUrl(key, "hunter2")));
            assertThat(e.getMessage()).contains(key).doesNotContain("hunter2");
        }
    }

    @Test
    void rejectsFractionalCounts() {
        assertThatThrownBy(() -> PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:x:y", "maximumPoolSize", 2.7)))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("maximumPoolSize = 2.7: must be a whole number");
    }

    @Test
    void keepsPasswordsExactlyAsGiven() {
        PoolConfig config = PoolConfig.fromProperties(withUrl("password", " spaced secret "));
        assertThat(config.getPassword()).isEqualTo(" spaced secret ");
    }
}
