package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolwise.fake.FakeDatabase;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JavaBean accessors frameworks use on a data source made with the no-argument constructor: Spring Boot's
 * {@code DataSourceBuilder} sets {@code url} and reads the settings back for {@code derivedFrom}, and
 * {@code /actuator/configprops} calls every getter. None of them may start the pool or open a connection.
 */
class PoolwiseDataSourceBeanAccessorsTest {

    /** Public no-argument methods named like getters that are not settings reads. */
    private static final Set<String> NOT_ACCESSORS = Set.of("getConnection", "getParentLogger", "getClass");

    private final FakeDatabase db = FakeDatabase.create();
    private final List<PoolwiseDataSource> opened = new ArrayList<>();

    @AfterEach
    void closeAndDrop() {
        opened.forEach(PoolwiseDataSource::close);
        db.drop();
    }

    private PoolwiseDataSource unstarted() {
        PoolwiseDataSource dataSource = new PoolwiseDataSource();
        opened.add(dataSource);
        return dataSource;
    }

    @Test
    void setUrlIsTheJdbcUrlUnderBootsName() throws Exception {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setUrl(db.url());
        dataSource.setMinimumIdle(0);

        assertThat(dataSource.getUrl()).isEqualTo(db.url());
        assertThat(dataSource.getJdbcUrl()).isEqualTo(db.url());
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(db.opened()).as("the pool connected to the URL given through setUrl").isPositive();
    }

    @Test
    void everyGetterBeforeTheStartOpensNoConnectionAndStartsNoPool() throws Exception {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setUrl(db.url());
        dataSource.setUsername("app");
        dataSource.setPassword("s3cret");

        List<String> called = new ArrayList<>();
        for (Method method : PoolwiseDataSource.class.getMethods()) {
            boolean getter = (method.getName().startsWith("get") || method.getName().startsWith("is"))
                    && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers());
            if (getter && !NOT_ACCESSORS.contains(method.getName())) {
                method.invoke(dataSource);
                called.add(method.getName());
            }
        }

        assertThat(called).contains("isStarted", "getConfig", "getPoolName", "getJdbcUrl", "getUrl", "getUsername",
                "getPassword", "getDriverClassName", "getMaximumPoolSize", "getConnectionTimeout", "getLoginTimeout");
        assertThat(db.connectAttempts()).as("connects made by the getters " + called).isZero();
        assertThat(dataSource.isStarted()).isFalse();
        assertThat(dataSource.toString()).contains("not started");
    }

    @Test
    void gettersReturnWhatTheSettersWereGivenBeforeTheStart() {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setJdbcUrl(db.url());
        dataSource.setUsername("app");
        dataSource.setPassword("s3cret");
        dataSource.setDriverClassName("dev.poolwise.fake.FakeDriver");
        dataSource.setPoolName("orders");
        dataSource.setMaximumPoolSize(7);
        dataSource.setMinimumIdle(2);
        dataSource.setConnectionTimeout(2_500);
        dataSource.setIdleTimeout(60_000);
        dataSource.setMaxLifetime(900_000);
        dataSource.setKeepaliveTime(30_000);
        dataSource.setValidationTimeout(1_000);
        dataSource.setLeakDetectionThreshold(20_000);
        dataSource.setShutdownTimeout(3_000);
        dataSource.setInitializationFailTimeout(-1);
        dataSource.setConnectionTestQuery("SELECT 1");
        dataSource.setConnectionInitSql("SET x = 1");
        dataSource.setAutoCommit(false);
        dataSource.setReadOnly(true);
        dataSource.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        dataSource.setCatalog("cat");
        dataSource.setSchema("app");
        dataSource.setRegisterMbeans(true);
        dataSource.setAllowPoolSuspension(true);
        dataSource.setMode("unpooled");
        dataSource.setValidationBypassWindow("250ms");
        dataSource.addDataSourceProperty("prepareThreshold", "0");

        assertThat(dataSource.getJdbcUrl()).isEqualTo(db.url());
        assertThat(dataSource.getUsername()).isEqualTo("app");
        assertThat(dataSource.getPassword()).isEqualTo("s3cret");
        assertThat(dataSource.getDriverClassName()).isEqualTo("dev.poolwise.fake.FakeDriver");
        assertThat(dataSource.getPoolName()).isEqualTo("orders");
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(7);
        assertThat(dataSource.getMinimumIdle()).isEqualTo(2);
        assertThat(dataSource.getConnectionTimeout()).isEqualTo(2_500);
        assertThat(dataSource.getIdleTimeout()).isEqualTo(60_000);
        assertThat(dataSource.getMaxLifetime()).isEqualTo(900_000);
        assertThat(dataSource.getKeepaliveTime()).isEqualTo(30_000);
        assertThat(dataSource.getValidationTimeout()).isEqualTo(1_000);
        assertThat(dataSource.getLeakDetectionThreshold()).isEqualTo(20_000);
        assertThat(dataSource.getShutdownTimeout()).isEqualTo(3_000);
        assertThat(dataSource.getInitializationFailTimeout()).isEqualTo(-1);
        assertThat(dataSource.getConnectionTestQuery()).isEqualTo("SELECT 1");
        assertThat(dataSource.getConnectionInitSql()).isEqualTo("SET x = 1");
        assertThat(dataSource.isAutoCommit()).isFalse();
        assertThat(dataSource.isReadOnly()).isTrue();
        assertThat(dataSource.getTransactionIsolation()).isEqualTo("TRANSACTION_REPEATABLE_READ");
        assertThat(dataSource.getCatalog()).isEqualTo("cat");
        assertThat(dataSource.getSchema()).isEqualTo("app");
        assertThat(dataSource.isRegisterMbeans()).isTrue();
        assertThat(dataSource.isAllowPoolSuspension()).isTrue();
        assertThat(dataSource.getMode()).isEqualTo("unpooled");
        assertThat(dataSource.getValidationBypassWindow()).isEqualTo("250ms");
        assertThat(dataSource.getDataSourceProperties()).containsEntry("prepareThreshold", "0");
        assertThat(db.connectAttempts()).isZero();
    }

    @Test
    void gettersBeforeAnySettingReturnTheDefaults() {
        PoolwiseDataSource dataSource = unstarted();

        assertThat(dataSource.getJdbcUrl()).isNull();
        assertThat(dataSource.getUsername()).isNull();
        assertThat(dataSource.getPoolName()).as("no name can be generated before a URL is set").isNull();
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
        assertThat(dataSource.getMinimumIdle()).as("defaults to maximumPoolSize").isEqualTo(10);
        assertThat(dataSource.getConnectionTimeout()).isEqualTo(30_000);
        assertThat(dataSource.getShutdownTimeout()).isEqualTo(10_000);
        assertThat(dataSource.getMode()).isEqualTo("pooled");
        assertThat(dataSource.getValidationBypassWindow()).isEqualTo("500ms");
        assertThat(dataSource.getTransactionIsolation()).isNull();
    }

    @Test
    void gettersAfterTheStartReportTheRunningConfiguration() throws Exception {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.configure(props("jdbcUrl", db.url(), "maximumPoolSize", "4", "minimumIdle", "0",
                "connectionTimeout", "5s", "transactionIsolation", "READ_COMMITTED", "dataSource.prepareThreshold", "0"));

        assertThat(dataSource.getMaximumPoolSize()).as("before the start, read from configure()").isEqualTo(4);
        assertThat(dataSource.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(dataSource.getDataSourceProperties()).containsEntry("prepareThreshold", "0");

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection).isNotNull();
        }
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(4);
        assertThat(dataSource.getMinimumIdle()).isZero();
        assertThat(dataSource.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(dataSource.getTransactionIsolation()).isEqualTo("TRANSACTION_READ_COMMITTED");
        assertThat(dataSource.getUrl()).isEqualTo(db.url());
        assertThat(dataSource.getDataSourceProperties()).containsEntry("prepareThreshold", "0");
    }

    @Test
    void gettersAfterACloseBeforeTheStartAnswerWhatWasSetAndStartNothing() {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setJdbcUrl(db.url());
        dataSource.setMaximumPoolSize(4);
        dataSource.addDataSourceProperty("prepareThreshold", "0");
        dataSource.close();

        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(4);
        assertThat(dataSource.getMinimumIdle()).as("follows maximumPoolSize").isEqualTo(4);
        assertThat(dataSource.getDataSourceProperties()).containsEntry("prepareThreshold", "0");
        assertThat(dataSource.getInitializationFailTimeout()).isEqualTo(1);
        assertThat(dataSource.isAutoCommit()).isTrue();
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("closed");
        assertThat(dataSource.isStarted()).isFalse();
        assertThat(db.connectAttempts()).isZero();
    }

    @Test
    void loginTimeoutRoundTripsInSeconds() {
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setLoginTimeout(5);

        assertThat(dataSource.getLoginTimeout()).isEqualTo(5);
        assertThat(dataSource.getConnectionTimeout()).isEqualTo(5_000);
    }

    @Test
    void configBeforeTheStartIsTheOneThePoolStartsWithUnderTheSameGeneratedName() throws Exception {
        PoolListener listener = new PoolListener() { };
        PoolwiseDataSource dataSource = unstarted();
        dataSource.setJdbcUrl(db.url());
        dataSource.setMinimumIdle(0);
        dataSource.addListener(listener);

        PoolConfig before = dataSource.getConfig();
        String nameBefore = dataSource.getPoolName();

        assertThat(before.getListeners()).containsExactly(listener);
        assertThat(nameBefore).isEqualTo(before.getPoolName()).startsWith("poolwise-");
        assertThat(db.connectAttempts()).isZero();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection).isNotNull();
        }
        assertThat(dataSource.getPoolName()).as("the pool runs under the name read before it started")
                .isEqualTo(nameBefore);
    }

    @Test
    void configOfAnIncompleteDataSourceSaysWhatIsMissing() {
        PoolwiseDataSource dataSource = unstarted();

        assertThatThrownBy(dataSource::getConfig).isInstanceOf(PoolConfigException.class).hasMessageContaining("jdbcUrl");
    }

    private static Properties props(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
