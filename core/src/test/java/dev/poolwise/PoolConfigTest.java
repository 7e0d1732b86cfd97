package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The builder's defaults, its all-at-once validation, and what {@code toString} may show.
 */
class PoolConfigTest {

    private static final String URL = "jdbc:postgresql://db.example.com:5432/app";

    private static PoolConfig.Builder minimal() {
        return PoolConfig.builder().jdbcUrl(URL);
    }

    // ---- defaults

    @Test
    void defaultsEqualHikariCpWhereTheyOverlap() {
        PoolConfig config = minimal().build();

        assertThat(config.getMaximumPoolSize()).isEqualTo(10);
        assertThat(config.getMinimumIdle()).as("minimumIdle defaults to maximumPoolSize").isEqualTo(10);
        assertThat(config.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.getValidationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getLeakDetectionThreshold()).as("leak detection off").isZero();
        assertThat(config.isAutoCommit()).isTrue();
        assertThat(config.isReadOnly()).isFalse();
        assertThat(config.getInitializationFailTimeoutMillis()).isEqualTo(1);
        assertThat(config.getConnectionTestQuery()).as("Connection.isValid by default").isNull();
        assertThat(config.getConnectionInitSql()).isNull();
        assertThat(config.getTransactionIsolation()).as("driver's default").isNull();
        assertThat(config.getCatalog()).isNull();
        assertThat(config.getSchema()).isNull();
        assertThat(config.isRegisterMbeans()).isFalse();
        assertThat(config.isAllowPoolSuspension()).isFalse();
    }

    @Test
    void defaultsOfPoolwiseOwnSettings() {
        PoolConfig config = minimal().build();

        assertThat(config.getKeepaliveTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getValidationBypassWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getMode()).isEqualTo(PoolMode.POOLED);
        assertThat(config.getConnectionErrorClassifier()).isSameAs(ConnectionErrorClassifier.standard());
        assertThat(config.getCredentialsProvider()).isNull();
        assertThat(config.getListeners()).isEmpty();
        assertThat(config.getDataSourceProperties()).isEmpty();
    }

    @Test
    void defaultConstantsMatchTheBuiltDefaults() {
        PoolConfig config = minimal().build();

        assertThat(config.getMaximumPoolSize()).isEqualTo(PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
        assertThat(config.getConnectionTimeout()).isEqualTo(PoolConfig.DEFAULT_CONNECTION_TIMEOUT);
        assertThat(config.getIdleTimeout()).isEqualTo(PoolConfig.DEFAULT_IDLE_TIMEOUT);
        assertThat(config.getMaxLifetime()).isEqualTo(PoolConfig.DEFAULT_MAX_LIFETIME);
        assertThat(config.getKeepaliveTime()).isEqualTo(PoolConfig.DEFAULT_KEEPALIVE_TIME);
        assertThat(config.getValidationTimeout()).isEqualTo(PoolConfig.DEFAULT_VALIDATION_TIMEOUT);
        assertThat(config.getValidationBypassWindow()).isEqualTo(PoolConfig.DEFAULT_VALIDATION_BYPASS_WINDOW);
        assertThat(config.getShutdownTimeout()).isEqualTo(PoolConfig.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Test
    void minimumIdleFollowsAChangedMaximumWhenNotSet() {
        assertThat(minimal().maximumPoolSize(4).build().getMinimumIdle()).isEqualTo(4);
    }

    @Test
    void poolNameIsGeneratedWhenNotSetAndDiffersBetweenPools() {
        PoolConfig first = minimal().build();
        PoolConfig second = minimal().build();

        assertThat(first.getPoolName()).startsWith("poolwise-");
        assertThat(second.getPoolName()).startsWith("poolwise-").isNotEqualTo(first.getPoolName());
        assertThat(minimal().poolName("orders").build().getPoolName()).isEqualTo("orders");
    }

    // ---- validation

    @Test
    void reportsEveryBadSettingInOneException() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.builder()
                .maximumPoolSize(0)
                .idleTimeout(Duration.ofSeconds(-5))
                .build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("maximumPoolSize").contains("0").contains("at least 1"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("idleTimeout").contains("idleTimeout = -5s").contains("zero (off) or a positive duration"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("jdbcUrl").contains("not set").contains("dataSourceClassName or dataSource"));
        assertThat(e.getMessage())
                .startsWith("Invalid Poolwise configuration (3 problems):")
                .contains("maximumPoolSize", "idleTimeout", "jdbcUrl");
    }

    @Test
    void messageSaysOneProblemInTheSingular() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> minimal().maximumPoolSize(-1).build());

        assertThat(e.getMessage()).startsWith("Invalid Poolwise configuration (1 problem):");
    }

    @Test
    void eachDurationIsCheckedForItsOwnRange() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .connectionTimeout(Duration.ZERO)
                .validationTimeout(Duration.ofMillis(-1))
                .maxLifetime(Duration.ofMinutes(-1))
                .keepaliveTime(Duration.ofSeconds(-1))
                .validationBypassWindow(Duration.ofMillis(-1))
                .leakDetectionThreshold(Duration.ofSeconds(-2))
                .shutdownTimeout(null)
                .build());

        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("connectionTimeout = 0ms").contains("must be a positive duration"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("validationTimeout"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("maxLifetime"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("keepaliveTime"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("validationBypassWindow"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("leakDetectionThreshold"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("shutdownTimeout = null"));
    }

    @Test
    void zeroMeansOffForTheOptionalDurations() {
        PoolConfig config = minimal()
                .idleTimeout(Duration.ZERO)
                .maxLifetime(Duration.ZERO)
                .keepaliveTime(Duration.ZERO)
                .validationBypassWindow(Duration.ZERO)
                .leakDetectionThreshold(Duration.ZERO)
                .shutdownTimeout(Duration.ZERO)
                .build();

        assertThat(config.getIdleTimeout()).isZero();
        assertThat(config.getMaxLifetime()).isZero();
        assertThat(config.getKeepaliveTime()).isZero();
        assertThat(config.getValidationBypassWindow()).isZero();
        assertThat(config.getShutdownTimeout()).isZero();
    }

    @Test
    void rejectsMinimumIdleAboveMaximum() {
        assertThatThrownBy(() -> minimal().maximumPoolSize(5).minimumIdle(6).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("minimumIdle = 6")
                .hasMessageContaining("between 0 and maximumPoolSize (5)");
    }

    @Test
    void acceptsMinimumIdleFromZeroToMaximum() {
        assertThat(minimal().maximumPoolSize(5).minimumIdle(0).build().getMinimumIdle()).isZero();
        assertThat(minimal().maximumPoolSize(5).minimumIdle(5).build().getMinimumIdle()).isEqualTo(5);
    }

    @Test
    void doesNotAlsoBlameMinimumIdleWhenOnlyTheMaximumIsWrong() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> minimal().maximumPoolSize(0).minimumIdle(3).build());

        assertThat(e.problems()).singleElement().asString().startsWith("maximumPoolSize = 0");
    }

    @Test
    void clampsValidationTimeoutToConnectionTimeout() {
        PoolConfig config = minimal()
                .connectionTimeout(Duration.ofSeconds(2))
                .validationTimeout(Duration.ofSeconds(5))
                .build();

        assertThat(config.getValidationTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keepsValidationTimeoutBelowConnectionTimeout() {
        PoolConfig config = minimal().validationTimeout(Duration.ofMillis(750)).build();

        assertThat(config.getValidationTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void requiresExactlyOneConnectionSource() {
        assertThatThrownBy(() -> minimal().dataSourceClassName("org.postgresql.ds.PGSimpleDataSource").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("2 are set; set exactly one of them");
    }

    @Test
    void rejectsAUrlThatIsNotJdbc() {
        assertThatThrownBy(() -> PoolConfig.builder().jdbcUrl("postgresql://db:5432/app").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("jdbcUrl = postgresql://db:5432/app: must start with jdbc:");
    }

    @Test
    void masksThePasswordOfARejectedUrl() {
        assertThatThrownBy(() -> PoolConfig.builder().jdbcUrl("postgres://app:s3cr3t@db:5432/app").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("postgres://app:****@db:5432/app")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void rejectsBlankPoolNameNullModeAndUnknownIsolation() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .poolName("  ")
                .mode(null)
                .transactionIsolation(3)
                .connectionErrorClassifier(null)
                .connectionTestQuery(" ")
                .build());

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("poolName"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("mode = null"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("transactionIsolation = 3").contains("TRANSACTION_READ_COMMITTED (2)"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("connectionErrorClassifier = null"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("connectionTestQuery"));
    }

    @Test
    void acceptsEveryIsolationLevel() {
        for (int level : new int[] {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
                Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
                Connection.TRANSACTION_SERIALIZABLE}) {
            assertThat(minimal().transactionIsolation(level).build().getTransactionIsolation()).isEqualTo(level);
        }
    }

    // ---- secrets

    @Test
    void toStringNeverShowsThePassword() {
        PoolConfig config = minimal().username("app").password("hunter2-secret").build();

        assertThat(config.toString())
                .contains("username=app")
                .contains("password=****")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void toStringMasksAPasswordInTheUrl() {
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl("jdbc:postgresql://db:5432/app?user=app&password=url-secret&ssl=true")
                .build();

        assertThat(config.toString())
                .contains("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true")
                .doesNotContain("url-secret");
        assertThat(config.getMaskedJdbcUrl()).doesNotContain("url-secret");
        assertThat(config.getJdbcUrl()).as("the real URL is still there for the driver").contains("url-secret");
    }

    @Test
    void toStringMasksPasswordLikeDriverProperties() {
        PoolConfig config = minimal()
                .dataSourceProperty("password", "prop-secret")
                .dataSourceProperty("sslpassword", "key-secret")
                .dataSourceProperty("prepareThreshold", 0)
                .build();

        assertThat(config.toString())
                .doesNotContain("prop-secret")
                .doesNotContain("key-secret")
                .contains("prepareThreshold=0");
    }

    @Test
    void toStringShowsNoCredentialsProviderDetails() {
        PoolConfig config = minimal().credentialsProvider(() -> new Credentials("iam", "token-secret")).build();

        assertThat(config.toString()).contains("credentialsProvider=set").doesNotContain("token-secret");
    }

    @Test
    void credentialsToStringMasksThePassword() {
        assertThat(new Credentials("app", "hunter2")).hasToString("Credentials[username=app, password=****]");
        assertThat(new Credentials("app", null)).hasToString("Credentials[username=app, password=null]");
    }

    // ---- copies

    @Test
    void toBuilderRoundTripKeepsEverySetting() {
        PoolListener listener = new PoolListener() { };
        ConnectionErrorClassifier classifier = e -> false;
        CredentialsProvider credentials = () -> new Credentials("u", "p");
        PoolConfig original = PoolConfig.builder()
                .jdbcUrl(URL)
                .username("app")
                .password("secret")
                .driverClassName("org.postgresql.Driver")
                .dataSourceProperty("sslmode", "require")
                .poolName("orders")
                .mode(PoolMode.UNPOOLED)
                .maximumPoolSize(7)
                .minimumIdle(2)
                .connectionTimeout(Duration.ofSeconds(3))
                .idleTimeout(Duration.ofMinutes(4))
                .maxLifetime(Duration.ofMinutes(20))
                .keepaliveTime(Duration.ofSeconds(45))
                .validationTimeout(Duration.ofSeconds(1))
                .validationBypassWindow(Duration.ofMillis(200))
                .leakDetectionThreshold(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(3))
                .initializationFailTimeout(-1)
                .connectionTestQuery("SELECT 1")
                .connectionInitSql("SET TIME ZONE 'UTC'")
                .autoCommit(false)
                .readOnly(true)
                .transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ)
                .catalog("cat")
                .schema("app")
                .registerMbeans(true)
                .allowPoolSuspension(true)
                .credentialsProvider(credentials)
                .connectionErrorClassifier(classifier)
                .listener(listener)
                .build();

        PoolConfig copy = original.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        assertThat(copy.toString()).isEqualTo(original.toString());
        assertThat(copy.getPoolName()).isEqualTo("orders");
        assertThat(copy.getCredentialsProvider()).isSameAs(credentials);
        assertThat(copy.getConnectionErrorClassifier()).isSameAs(classifier);
        assertThat(copy.getListeners()).containsExactly(listener);
    }

    @Test
    void toBuilderDerivesAnotherConfigWithoutChangingTheOriginal() {
        PoolConfig original = minimal().poolName("a").maximumPoolSize(4).build();

        PoolConfig derived = original.toBuilder().poolName("b").maximumPoolSize(8).minimumIdle(1).build();

        assertThat(original.getPoolName()).isEqualTo("a");
        assertThat(original.getMaximumPoolSize()).isEqualTo(4);
        assertThat(original.getMinimumIdle()).isEqualTo(4);
        assertThat(derived.getPoolName()).isEqualTo("b");
        assertThat(derived.getMaximumPoolSize()).isEqualTo(8);
        assertThat(derived.getMinimumIdle()).isEqualTo(1);
    }

    @Test
    void builtConfigIsNotChangedThroughTheBuilderOrItsGetters() {
        PoolConfig.Builder builder = minimal().dataSourceProperty("sslmode", "require");
        PoolConfig config = builder.build();

        builder.dataSourceProperty("sslmode", "disable").listener(new PoolListener() { });
        config.getDataSourceProperties().setProperty("sslmode", "verify-full");

        assertThat(config.getDataSourceProperties().getProperty("sslmode")).isEqualTo("require");
        assertThat(config.getListeners()).isEmpty();
        assertThatThrownBy(() -> config.getListeners().add(new PoolListener() { }))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNegativeMinimumIdle() {
        assertThatThrownBy(() -> PoolConfig.builder().jdbcUrl("jdbc:fake:x").minimumIdle(-3).build())
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("minimumIdle = -3");
    }

    // ---- floors, ceilings, overflow (issue 11)

    @Test
    void aThousandYearDurationIsRejectedNamingItsKeyInsteadOfOverflowing() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .shutdownTimeout(Duration.ofDays(365_000))
                .connectionTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                .build());

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("shutdownTimeout = 365000d: must be zero (off) or a positive duration up to 24d")
                .contains("longer is no sensible pool setting"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("connectionTimeout = 9223372036854775807s: must be a positive duration from 250ms to 24d"));
    }

    @Test
    void oneNanosecondConnectionTimeoutIsRejectedShowingTheValueAndTheFloorsReason() {
        assertThatThrownBy(() -> minimal().connectionTimeout(Duration.ofNanos(1)).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("connectionTimeout = 0.000001ms: must be a positive duration from 250ms to 24d; "
                        + "below 250ms a connect, or even one validation round trip, cannot complete");
    }

    @Test
    void durationsBelowTheirFloorAreRejectedEachWithItsReason() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .maxLifetime(Duration.ofMillis(1))
                .keepaliveTime(Duration.ofMillis(1))
                .idleTimeout(Duration.ofSeconds(9))
                .validationTimeout(Duration.ofMillis(249))
                .build());

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("maxLifetime = 1ms: must be zero (off) or a positive duration from 30s to 24d; ")
                .contains("retires connections about as fast as they open"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("keepaliveTime = 1ms: must be zero (off) or a positive duration from 30s to 24d; ")
                .contains("validates idle connections in a loop"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("idleTimeout = 9s: must be zero (off) or a positive duration from 10s to 24d; ")
                .contains("reopen"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("validationTimeout = 249ms: must be a positive duration from 250ms to 24d; ")
                .contains("fails healthy connections"));
    }

    @Test
    void valuesAtTheFloorsAndCeilingsAreAccepted() {
        Duration longest = Duration.ofDays(24);
        PoolConfig atFloors = minimal()
                .connectionTimeout(Duration.ofMillis(250))
                .validationTimeout(Duration.ofMillis(250))
                .idleTimeout(Duration.ofSeconds(10))
                .maxLifetime(Duration.ofSeconds(30))
                .keepaliveTime(Duration.ofSeconds(30))
                .leakDetectionThreshold(Duration.ofMillis(1))
                .validationBypassWindow(Duration.ofNanos(1))
                .build();
        PoolConfig atCeilings = minimal()
                .maximumPoolSize(10_000)
                .connectionTimeout(longest)
                .validationTimeout(longest)
                .idleTimeout(longest)
                .maxLifetime(longest)
                .keepaliveTime(longest)
                .leakDetectionThreshold(longest)
                .validationBypassWindow(longest)
                .shutdownTimeout(longest)
                .initializationFailTimeout(longest.toMillis())
                .build();

        assertThat(atFloors.getMaxLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(atFloors.getConnectionTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(atCeilings.getShutdownTimeout()).isEqualTo(longest);
        assertThat(atCeilings.getMaximumPoolSize()).isEqualTo(10_000);
    }

    @Test
    void countsAboveTheirCeilingAreRejectedWithTheReason() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .maximumPoolSize(10_001)
                .initializationFailTimeout(Long.MAX_VALUE)
                .build());

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "maximumPoolSize = 10001: must be at most 10000; no database serves that many connections to one "
                        + "client, and the pool's scans of its connections grow with the size",
                "initializationFailTimeout = 9223372036854775807: must be at most 2073600000; longer is no sensible "
                        + "pool setting, and every duration must fit the int milliseconds of JDBC's timeouts "
                        + "(Connection.setNetworkTimeout)");
    }

    @Test
    void aMissingDriverClassFailsTheBuildNamingTheKeyTheValueAndTheJarToAdd() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class, () -> PoolConfig.builder()
                .jdbcUrl("jdbc:mysql://db:3306/shop")
                .driverClassName("com.mysql.cj.jdbc.Driver")
                .build());

        assertThat(e.problems()).singleElement().asString()
                .startsWith("driverClassName = com.mysql.cj.jdbc.Driver: no such class on the classpath; "
                        + "add the driver's jar")
                .contains("com.mysql:mysql-connector-j")
                .doesNotContain("org.postgresql");
    }

    @Test
    void aDriverClassThatIsNoDriverFailsTheBuild() {
        assertThatThrownBy(() -> minimal().driverClassName("org.postgresql.ds.PGSimpleDataSource").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("driverClassName = org.postgresql.ds.PGSimpleDataSource: does not implement "
                        + "java.sql.Driver")
                .hasMessageContaining("dataSourceClassName");
    }

    @Test
    void aDriverClassOnTheClasspathIsAccepted() {
        assertThat(minimal().driverClassName("org.postgresql.Driver").build().getDriverClassName())
                .isEqualTo("org.postgresql.Driver");
    }

    @Test
    void aValidationTimeoutLoweredToTheConnectionTimeoutIsNotAlsoReportedWhenOnlyTheConnectionTimeoutIsBad() {
        PoolConfigException e = catchThrowableOfType(PoolConfigException.class,
                () -> minimal().connectionTimeout(Duration.ofMillis(100)).build());

        assertThat(e.problems()).singleElement().asString().startsWith("connectionTimeout = 100ms");
    }

    @Test
    void toStringShowsDurationsInTheirLargestUnit() {
        assertThat(minimal().build().toString()).contains("connectionTimeout=30s", "maxLifetime=30m",
                "initializationFailTimeout=1,", "leakDetectionThreshold=0ms");
    }

    @Test
    void thePoolsOwnTimingTestsMayWaiveTheFloorsButNotTheCeilingsNorPositivity() {
        PoolConfig waived = minimal().waiveTimingFloors().maxLifetime(Duration.ofMillis(200))
                .keepaliveTime(Duration.ofMillis(100)).connectionTimeout(Duration.ofMillis(100)).build();
        PoolConfigException stillChecked = catchThrowableOfType(PoolConfigException.class, () -> minimal()
                .waiveTimingFloors().connectionTimeout(Duration.ZERO).shutdownTimeout(Duration.ofDays(25)).build());

        assertThat(waived.getMaxLifetime()).isEqualTo(Duration.ofMillis(200));
        assertThat(waived.toBuilder().build().getKeepaliveTime()).as("toBuilder keeps the waiver")
                .isEqualTo(Duration.ofMillis(100));
        assertThat(stillChecked.problems()).hasSize(2);
    }

    @Test
    void applicationsCannotWaiveTheFloors() throws NoSuchMethodException {
        int modifiers = PoolConfig.Builder.class.getDeclaredMethod("waiveTimingFloors").getModifiers();

        assertThat(java.lang.reflect.Modifier.isPublic(modifiers) || java.lang.reflect.Modifier.isProtected(modifiers))
                .as("waiveTimingFloors is package-private").isFalse();
    }

    @Test
    void aBuilderShowsItsValuesSoFarWithoutBuilding() {
        PoolConfig.Builder builder = PoolConfig.builder().jdbcUrl("not a jdbc url").maximumPoolSize(0)
                .dataSourceProperty("sslmode", "require");

        String url = builder.valueSoFar(dev.poolwise.internal.Setting.JDBC_URL);
        int maximum = builder.valueSoFar(dev.poolwise.internal.Setting.MAXIMUM_POOL_SIZE);
        Duration timeout = builder.valueSoFar(dev.poolwise.internal.Setting.CONNECTION_TIMEOUT);
        Integer minimumIdle = builder.valueSoFar(dev.poolwise.internal.Setting.MINIMUM_IDLE);

        assertThat(url).isEqualTo("not a jdbc url");
        assertThat(maximum).isZero();
        assertThat(timeout).as("the default").isEqualTo(PoolConfig.DEFAULT_CONNECTION_TIMEOUT);
        assertThat(minimumIdle).as("not set").isNull();
        assertThat(builder.dataSourcePropertiesSoFar()).containsEntry("sslmode", "require");
    }

    @Test
    void adaptiveSizingIsOffByDefaultAndDefaultsMinimumIdleToOneWhenOn() {
        PoolConfig defaults = minimal().build();
        assertThat(defaults.getSizing()).isEqualTo(SizingMode.STATIC);
        assertThat(defaults.getSizingWindow()).isEqualTo(PoolConfig.DEFAULT_SIZING_WINDOW);
        assertThat(defaults.getFleetBudget()).isZero();
        assertThat(defaults.getFleetCountInterval()).isEqualTo(PoolConfig.DEFAULT_FLEET_COUNT_INTERVAL);

        PoolConfig adaptive = PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "sizing", "Adaptive", "maximumPoolSize", "20", "fleetBudget", "40", "fleetName", "orders"));
        assertThat(adaptive.getSizing()).isEqualTo(SizingMode.ADAPTIVE);
        assertThat(adaptive.getMinimumIdle()).as("an adaptive pool's floor defaults to 1").isEqualTo(1);
        assertThat(adaptive.getFleetBudget()).isEqualTo(40);
        assertThat(minimal().sizing(SizingMode.ADAPTIVE).minimumIdle(5).build().getMinimumIdle()).isEqualTo(5);
    }

    @Test
    void fleetSettingsNeedEachOtherAndSayWhy() {
        assertThatThrownBy(() -> minimal().fleetBudget(20).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("fleetBudget = 20: needs sizing = adaptive");
        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).fleetName("orders").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("fleetName = orders: has no effect without a fleetBudget");
        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).fleetBudget(10).fleetName("a/b").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("fleetName = a/b: must be 1 to 47 printable ASCII characters without '/'");
        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).sizingWindow(Duration.ofMillis(10)).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingWindow = 10ms: must be a positive duration from 100ms");
        assertThatThrownBy(() -> PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "sizing", "dynamic")))
                .hasMessageContaining("sizing")
                .hasMessageContaining("must be static or adaptive");
    }

    @Test
    void sizingToleranceTakesAFractionOrAPercentageAndSaysWhyAtItsBounds() {
        assertThat(minimal().build().getSizingTolerance()).isEqualTo(PoolConfig.DEFAULT_SIZING_TOLERANCE);
        assertThat(minimal().sizing(SizingMode.ADAPTIVE).sizingTolerance(0.05).build().getSizingTolerance())
                .isEqualTo(0.05);
        assertThat(PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app", "sizing", "adaptive",
                "sizingTolerance", "15%")).getSizingTolerance()).isEqualTo(0.15);
        assertThat(PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app", "sizing", "adaptive",
                "sizingTolerance", " 0.07 ")).getSizingTolerance()).isEqualTo(0.07);
        assertThat(minimal().sizingTolerance(0.2).build().toString()).contains("sizingTolerance=0.2");

        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).sizingTolerance(0.01).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingTolerance = 0.01: must be from 0.02 to 0.3; with less, one window's noise");
        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).sizingTolerance(0.5).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingTolerance = 0.5: must be from 0.02 to 0.3; with more, the pool would give"
                        + " up a quarter or more");
        assertThatThrownBy(() -> minimal().sizingTolerance(Double.NaN).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingTolerance = NaN: must be from 0.02 to 0.3");
        assertThatThrownBy(() -> PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "sizingTolerance", "ten percent")))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingTolerance")
                .hasMessageContaining("ten percent")
                .hasMessageContaining("must be a fraction such as 0.1 or a percentage such as 10%");
    }

    @Test
    void sizingReserveTimeIsOffByDefaultAndTakesADurationOrZero() {
        assertThat(minimal().build().getSizingReserveTime()).isEqualTo(Duration.ZERO);
        assertThat(minimal().sizing(SizingMode.ADAPTIVE).sizingReserveTime(Duration.ofSeconds(5)).build()
                .getSizingReserveTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app", "sizing", "adaptive",
                "sizingReserveTime", "30s")).getSizingReserveTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PoolConfig.fromMap(java.util.Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "sizingReserveTime", "0")).getSizingReserveTime()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> minimal().sizingReserveTime(Duration.ofSeconds(-1)).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("sizingReserveTime = -1s: must be zero (off) or a positive duration");
    }

    @Test
    void aDefaultedFleetNameThatCannotLabelConnectionsFailsTheBuildNamingWhereItCameFrom() {
        assertThatThrownBy(() -> minimal().sizing(SizingMode.ADAPTIVE).fleetBudget(10).poolName("orders/eu").build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("fleetName (defaulted from poolName) = 'orders/eu'");
        assertThat(minimal().sizing(SizingMode.ADAPTIVE).fleetBudget(10).poolName("orders/eu").fleetName("orders")
                .build().getFleetName()).as("a valid fleetName makes the pool name irrelevant").isEqualTo("orders");
    }

    @Test
    void theConsolePasswordNeverShows() {
        PoolConfig config = minimal().sizing(SizingMode.ADAPTIVE).fleetBudget(10)
                .fleetConsoleUrl("jdbc:postgresql://127.0.0.1:6432/pgbouncer").fleetConsolePassword("S3cret-console")
                .build();
        assertThat(config.toString()).doesNotContain("S3cret-console");
    }
}
