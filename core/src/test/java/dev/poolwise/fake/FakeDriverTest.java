package dev.poolwise.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the fake JDBC driver itself, so that a failing pool test can be trusted to be about the pool: the
 * registry and URLs, connect and execute fault injection, session state tracking, close accounting and the
 * concurrent-use detector.
 */
class FakeDriverTest {

    private final FakeDatabase db = FakeDatabase.create();

    @AfterEach
    void dropDatabase() {
        db.stopHanging();
        db.drop();
    }

    // ---------------------------------------------------------------- driver and registry

    @Test
    void connectsThroughDriverManagerAndCountsOpenAndClose() throws SQLException {
        Connection first = DriverManager.getConnection(db.url(), new Properties());
        Connection second = new FakeDriver().connect(db.url(), null);

        assertThat(first).isInstanceOf(FakeConnection.class);
        assertThat(db.opened()).isEqualTo(2);
        assertThat(db.openNow()).isEqualTo(2);
        assertThat(db.connections()).containsExactly((FakeConnection) first, (FakeConnection) second);

        first.close();
        second.close();

        assertThat(db.closed()).isEqualTo(2);
        assertThat(db.openNow()).isZero();
        assertThat(db.maxConcurrentOpen()).isEqualTo(2);
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connectAttempts()).isEqualTo(2);
    }

    @Test
    void acceptsOnlyFakeUrls() throws SQLException {
        FakeDriver driver = new FakeDriver();

        assertThat(driver.acceptsURL(db.url())).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/x")).isFalse();
        assertThat(driver.connect("jdbc:postgresql://localhost/x", new Properties())).isNull();
        assertThat(db.url()).isEqualTo("jdbc:fake:" + db.name());
        assertThat(FakeDatabase.byName(db.name())).isSameAs(db);
    }

    @Test
    void unknownDatabaseFailsWith08001NamingIt() {
        Throwable failure = catchThrowable(() -> DriverManager.getConnection("jdbc:fake:no-such-db"));

        assertThat(failure).isInstanceOf(SQLException.class).hasMessageContaining("no-such-db");
        assertThat(((SQLException) failure).getSQLState()).isEqualTo("08001");
    }

    @Test
    void readsCredentialsFromUrlParameters() throws SQLException {
        db.requireCredentials("app", "secret");

        try (Connection connection = DriverManager.getConnection(db.url() + "?user=app&password=secret")) {
            assertThat(((FakeConnection) connection).user()).isEqualTo("app");
        }
    }

    // ---------------------------------------------------------------- connect faults

    @Test
    void failNextConnectsThrowsThatManyTimesThenConnects() throws SQLException {
        SQLException refused = new SQLException("refused", "08001");
        db.failNextConnects(3, refused);

        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> DriverManager.getConnection(db.url()))).isSameAs(refused);
        }
        try (Connection connection = DriverManager.getConnection(db.url())) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(db.connectAttempts()).isEqualTo(4);
        assertThat(db.opened()).isEqualTo(1);
    }

    @Test
    void failConnectsAlwaysUntilStopped() throws SQLException {
        SQLException down = new SQLException("down", "08001");
        db.failConnectsAlways(down);

        assertThat(catchThrowable(() -> db.dataSource().getConnection())).isSameAs(down);
        assertThat(catchThrowable(() -> db.dataSource().getConnection())).isSameAs(down);

        db.stopFailingConnects();
        db.dataSource().getConnection().close();
        assertThat(db.opened()).isEqualTo(1);
    }

    @Test
    void connectDelaySleepsBeforeConnecting() throws SQLException {
        db.connectDelay(Duration.ofMillis(200));

        long start = System.nanoTime();
        DriverManager.getConnection(db.url()).close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void connectDelayIsInterruptible() throws Exception {
        db.connectDelay(Duration.ofSeconds(30));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread connector = new Thread(() -> {
            failure.complete(catchThrowable(() -> DriverManager.getConnection(db.url())));
        });
        connector.start();
        awaitTrue(() -> db.connectAttempts() == 1);

        connector.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(SQLException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(db.opened()).isZero();
    }

    @Test
    void connectFailureRateFailsRoughlyThatShare() {
        db.connectFailureRate(0.2, 42);
        int failures = 0;
        for (int i = 0; i < 2000; i++) {
            try {
                new FakeDriver().connect(db.url(), null).close();
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("08001");
                failures++;
            }
        }
        assertThat(failures).isBetween(300, 500);
        assertThat(db.opened()).isEqualTo(2000 - failures);
    }

    @Test
    void requireCredentialsRejectsWrongPasswordWith28P01() throws SQLException {
        db.requireCredentials("app", "secret");

        assertThat(sqlStateOf(() -> db.dataSource().getConnection("app", "wrong"))).isEqualTo("28P01");
        assertThat(sqlStateOf(() -> DriverManager.getConnection(db.url()))).isEqualTo("28P01");
        DriverManager.getConnection(db.url(), "app", "secret").close();

        assertThat(db.opened()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- execute faults

    @Test
    void failNextExecutesFailsOnAnyConnectionThenSucceeds() throws SQLException {
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            db.failNextExecutes(2, "08006");

            assertThat(sqlStateOf(() -> a.createStatement().execute("SELECT 1"))).isEqualTo("08006");
            assertThat(sqlStateOf(() -> b.prepareStatement("SELECT 1").executeQuery())).isEqualTo("08006");
            try (Statement statement = a.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(a.isValid(1)).isTrue();
        }
        assertThat(db.executedSql()).containsExactly("SELECT 1", "SELECT 1", "SELECT 1");
    }

    @Test
    void executeFailureRateFailsRoughlyThatShare() throws SQLException {
        db.executeFailureRate(0.05, "57P01");
        int failures = 0;
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < 4000; i++) {
                try {
                    statement.execute("SELECT 1");
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("57P01");
                    failures++;
                }
            }
        }
        assertThat(failures).isBetween(120, 300);
        assertThat(db.executes()).isEqualTo(4000);
    }

    @Test
    void invalidateAllBreaksOpenConnectionsOnly() throws SQLException {
        try (Connection old = db.dataSource().getConnection()) {
            db.invalidateAll();

            assertThat(old.isValid(1)).isFalse();
            assertThat(sqlStateOf(() -> old.createStatement().execute("SELECT 1"))).isEqualTo("08006");
            try (Connection fresh = db.dataSource().getConnection()) {
                assertThat(fresh.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void breakItMakesIsValidFalseAndSessionCallsFail() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = connection.unwrap(FakeConnection.class);
            fake.breakIt();

            assertThat(connection.isValid(1)).isFalse();
            assertThat(sqlStateOf(() -> connection.setAutoCommit(false))).isEqualTo("08006");
            assertThat(sqlStateOf(() -> connection.prepareStatement("UPDATE t SET x = 1").executeUpdate()))
                    .isEqualTo("08006");
        }
    }

    @Test
    void queryTimeoutCutsAHungExecuteShort() throws SQLException {
        db.hangExecutes(Duration.ofSeconds(30));
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            long start = System.nanoTime();

            Throwable failure = catchThrowable(() -> statement.execute("SELECT pg_sleep(30)"));

            assertThat(failure).isInstanceOf(SQLTimeoutException.class);
            assertThat(((SQLException) failure).getSQLState()).isEqualTo("57014");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void hangValidationMakesIsValidReturnFalseAfterItsTimeout() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            db.hangValidation(Duration.ofSeconds(30));
            long start = System.nanoTime();

            assertThat(connection.isValid(1)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(10));

            db.stopHanging();
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void abortReleasesAHungExecute() throws Exception {
        db.hangExecutes(Duration.ofSeconds(30));
        Connection connection = db.dataSource().getConnection();
        FakeConnection fake = (FakeConnection) connection;
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        new Thread(() -> failure.complete(catchThrowable(() -> connection.createStatement().execute("SELECT 1"))))
                .start();
        awaitTrue(() -> fake.executes() == 1);

        connection.abort(Runnable::run);

        Throwable thrown = failure.get(5, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(SQLException.class);
        assertThat(((SQLException) thrown).getSQLState()).isEqualTo("08003");
    }

    // ---------------------------------------------------------------- concurrent use

    @Test
    void detectsTwoThreadsExecutingOnOneConnection() throws Exception {
        db.hangExecutes(Duration.ofMillis(500));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            Future<Boolean> first = threads.submit(() -> connection.createStatement().execute("SELECT 1"));
            awaitTrue(() -> fake.executes() == 1);
            Future<Boolean> second = threads.submit(() -> connection.createStatement().execute("SELECT 2"));
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);

            assertThat(db.concurrentUseViolations()).isEqualTo(1);
            assertThat(fake.concurrentUseViolations()).isEqualTo(1);
            assertThat(db.firstConcurrentUse()).contains(fake.toString());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void separateConnectionsUsedConcurrentlyAreNoViolation() throws Exception {
        db.hangExecutes(Duration.ofMillis(200));
        int threadCount = 8;
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?>[] futures = new Future<?>[threadCount];
            for (int i = 0; i < threadCount; i++) {
                futures[i] = threads.submit(() -> {
                    start.await();
                    try (Connection connection = db.dataSource().getConnection()) {
                        return connection.createStatement().execute("SELECT 1");
                    }
                });
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.concurrentUseViolations()).isZero();
        assertThat(db.maxConcurrentOpen()).isBetween(2, threadCount);
        assertThat(db.openNow()).isZero();
    }

    // ---------------------------------------------------------------- session state

    @Test
    void startsWithDefaultSessionState() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(connection.isReadOnly()).isFalse();
            assertThat(connection.getCatalog()).isEqualTo("fake");
            assertThat(connection.getSchema()).isEqualTo("public");
            assertThat(connection.getNetworkTimeout()).isZero();
            assertThat((Object) connection.getWarnings()).isNull();
        }
    }

    @Test
    void countsEverySetterCallAndKeepsTheValue() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            connection.setAutoCommit(false);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setReadOnly(true);
            connection.setCatalog("other");
            connection.setSchema("app");
            connection.setNetworkTimeout(Runnable::run, 5000);

            assertThat(fake.setAutoCommitCalls()).isEqualTo(2);
            assertThat(fake.setIsolationCalls()).isEqualTo(1);
            assertThat(fake.setReadOnlyCalls()).isEqualTo(1);
            assertThat(fake.setCatalogCalls()).isEqualTo(1);
            assertThat(fake.setSchemaCalls()).isEqualTo(1);
            assertThat(fake.setNetworkTimeoutCalls()).isEqualTo(1);
            assertThat(fake.clearWarningsCalls()).isZero();
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(connection.getSchema()).isEqualTo("app");
            assertThat(connection.getNetworkTimeout()).isEqualTo(5000);
        }
    }

    @Test
    void warningsChainUntilCleared() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            fake.addWarning(new SQLWarning("first"));
            fake.addWarning(new SQLWarning("second"));

            assertThat(connection.getWarnings().getMessage()).isEqualTo("first");
            assertThat(connection.getWarnings().getNextWarning().getMessage()).isEqualTo("second");

            connection.clearWarnings();
            assertThat((Object) connection.getWarnings()).isNull();
            assertThat(fake.clearWarningsCalls()).isEqualTo(1);
        }
    }

    @Test
    void tracksOpenTransactionUntilRollback() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            connection.createStatement().execute("SELECT 1");
            assertThat(fake.inTransaction()).isFalse();

            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("UPDATE t SET x = 1");
            assertThat(fake.inTransaction()).isTrue();

            connection.rollback();
            assertThat(fake.inTransaction()).isFalse();
            assertThat(fake.rollbacks()).isEqualTo(1);

            connection.prepareStatement("INSERT INTO t VALUES (1)").executeUpdate();
            connection.commit();
            assertThat(fake.commits()).isEqualTo(1);
            assertThat(fake.inTransaction()).isFalse();
        }
    }

    @Test
    void enablingAutoCommitInsideATransactionCommitsImplicitly() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            connection.setAutoCommit(false);
            connection.createStatement().execute("DELETE FROM t");

            connection.setAutoCommit(true);

            assertThat(fake.inTransaction()).isFalse();
            assertThat(fake.implicitCommits()).isEqualTo(1);
            assertThat(fake.commits()).isZero();
        }
    }

    @Test
    void strictTransactionsRejectPgjdbcMisuse() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(sqlStateOf(connection::rollback)).isEqualTo("25P01");
            assertThat(sqlStateOf(connection::commit)).isEqualTo("25P01");

            connection.setAutoCommit(false);
            connection.createStatement().execute("SELECT 1");
            assertThat(sqlStateOf(() -> connection.setReadOnly(true))).isEqualTo("25001");
            assertThat(sqlStateOf(() -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE)))
                    .isEqualTo("25001");

            db.strictTransactions(false);
            connection.setReadOnly(true);
            connection.setAutoCommit(true);
            connection.rollback();
        }
    }

    @Test
    void savepointsNeedATransactionAndBelongToTheirConnection() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Connection other = db.dataSource().getConnection()) {
            FakeConnection fake = (FakeConnection) connection;
            assertThat(sqlStateOf(connection::setSavepoint)).isEqualTo("25P01");

            connection.setAutoCommit(false);
            Savepoint savepoint = connection.setSavepoint("before");
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            other.setAutoCommit(false);

            assertThat(savepoint.getSavepointName()).isEqualTo("before");
            assertThat(fake.savepointRollbacks()).isEqualTo(1);
            assertThat(fake.inTransaction()).isTrue();
            assertThat(sqlStateOf(() -> other.rollback(savepoint))).isEqualTo("3B001");
        }
    }

    // ---------------------------------------------------------------- statements and close accounting

    @Test
    void statementsReturnFixedResultsAndAreClosedWithTheirConnection() throws SQLException {
        Connection connection = db.dataSource().getConnection();
        FakeConnection fake = (FakeConnection) connection;
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("SELECT 1");
        CallableStatement callable = connection.prepareCall("{call refresh()}");

        assertThat(statement.execute("select 1")).isTrue();
        assertThat(statement.execute("UPDATE t SET x = 1")).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(1);
        statement.addBatch("INSERT INTO t VALUES (1)");
        statement.addBatch("INSERT INTO t VALUES (2)");
        assertThat(statement.executeBatch()).containsExactly(1, 1);
        prepared.setInt(1, 42);
        assertThat(((FakePreparedStatement) prepared).parameter(1)).isEqualTo(42);
        try (ResultSet rs = prepared.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("value")).isEqualTo("1");
            assertThat(rs.getLong(1)).isEqualTo(1L);
            assertThat(rs.next()).isFalse();
        }
        assertThat(callable.execute()).isFalse();
        assertThat(fake.openStatements()).isEqualTo(3);

        statement.close();
        assertThat(fake.openStatements()).isEqualTo(2);
        connection.close();

        assertThat(prepared.isClosed()).isTrue();
        assertThat(callable.isClosed()).isTrue();
        assertThat(fake.openStatements()).isZero();
    }

    @Test
    void executingOnAClosedStatementOrConnectionFailsWith08003() throws SQLException {
        Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        statement.close();
        assertThat(sqlStateOf(() -> statement.execute("SELECT 1"))).isEqualTo("08003");

        Statement other = connection.createStatement();
        connection.close();
        assertThat(sqlStateOf(() -> other.execute("SELECT 1"))).isEqualTo("08003");
        assertThat(sqlStateOf(connection::createStatement)).isEqualTo("08003");
        assertThat(connection.isValid(1)).isFalse();
    }

    @Test
    void closingTwiceIsCountedAsADoubleClose() throws SQLException {
        Connection connection = db.dataSource().getConnection();
        FakeConnection fake = (FakeConnection) connection;

        connection.close();
        connection.close();

        assertThat(fake.closeCount()).isEqualTo(2);
        assertThat(db.doubleCloses()).isEqualTo(1);
        assertThat(db.closed()).isEqualTo(1);
        assertThat(db.openNow()).isZero();
    }

    @Test
    void abortCountsAsAClose() throws SQLException {
        Connection connection = db.dataSource().getConnection();
        FakeConnection fake = (FakeConnection) connection;

        connection.abort(Runnable::run);

        assertThat(fake.aborted()).isTrue();
        assertThat(connection.isClosed()).isTrue();
        assertThat(db.closed()).isEqualTo(1);
        assertThat(db.openNow()).isZero();

        connection.close();
        assertThat(db.doubleCloses()).isEqualTo(1);
    }

    @Test
    void metaDataNamesTheFakeDatabase() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();

            assertThat(metaData.getDatabaseProductName()).isEqualTo("FakeDB");
            assertThat(metaData.getURL()).isEqualTo(db.url());
            assertThat(metaData.getConnection()).isSameAs(connection);
            assertThat(metaData.getTables(null, null, "%", null).next()).isFalse();
        }
    }

    // ---------------------------------------------------------------- data source

    @Test
    void dataSourceIsConfigurableThroughBeanProperties() throws Exception {
        db.requireCredentials("app", "secret");
        Object dataSource = Class.forName(FakeDataSource.class.getName()).getConstructor().newInstance();
        setBeanProperty(dataSource, "databaseName", db.name());
        setBeanProperty(dataSource, "user", "app");
        setBeanProperty(dataSource, "password", "secret");

        try (Connection connection = ((DataSource) dataSource).getConnection()) {
            assertThat(((FakeConnection) connection).user()).isEqualTo("app");
        }
        assertThat(db.opened()).isEqualTo(1);
    }

    @Test
    void dataSourceWithoutOrWithUnknownDatabaseNameFailsWith08001() {
        FakeDataSource dataSource = new FakeDataSource();
        assertThat(sqlStateOf(dataSource::getConnection)).isEqualTo("08001");

        dataSource.setDatabaseName("no-such-db");
        assertThat(sqlStateOf(dataSource::getConnection)).isEqualTo("08001");
    }

    // ---------------------------------------------------------------- helpers

    private static void setBeanProperty(Object bean, String name, String value) throws Exception {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Method method = bean.getClass().getMethod(setter, String.class);
        method.invoke(bean, value);
    }

    private static String sqlStateOf(ThrowingCallable call) {
        Throwable failure = catchThrowable(call);
        assertThat(failure).isInstanceOf(SQLException.class);
        return ((SQLException) failure).getSQLState();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 5s");
            }
            Thread.sleep(5);
        }
    }
}
