package dev.poolwise.reliability;

import dev.poolwise.LeakReport;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolInitializationException;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.fake.FakeDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, scenario 10: with a distinctive password, nothing the pool prints or exposes contains it: its log
 * (every level, captured), {@code toString} of the configuration, the data source, the stats and leak
 * reports, every JMX attribute, and the messages and causes of the exceptions it throws (a timeout against a
 * database that refuses the password, a timeout and a failed start with the password in the JDBC URL, a
 * rejected configuration).
 */
class SecretsTest {

    private static final String SECRET = "Zq9-pw-S3cr3t-71f4";

    private final FakeDatabase db = FakeDatabase.create();
    private final List<String> exposed = new ArrayList<>();

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    /** Records everything a listener is handed that has text in it. */
    private final class Recorder implements PoolListener {
        final List<LeakReport> leaks = new CopyOnWriteArrayList<>();

        @Override
        public void onConnectFailed(String poolName, SQLException failure) {
            expose("onConnectFailed", stackTrace(failure));
        }

        @Override
        public void onSuspectedLeak(LeakReport report) {
            leaks.add(report);
            expose("onSuspectedLeak", report.toString() + " " + report.hint());
        }
    }

    private synchronized void expose(String where, String text) {
        exposed.add(where + ": " + text);
    }

    @Test
    void thePasswordAppearsNowhereThePoolPrintsOrExposes() throws Exception {
        db.requireCredentials("app", SECRET);
        try (CapturedLog log = new CapturedLog(true)) {
            assertThat(log.isVerbose()).as("the pool's loggers were turned down to TRACE").isTrue();

            workingPoolWithLeakAndJmx();
            wrongPasswordTimesOut();
            passwordInTheUrlTimesOutAndFailsToStart();
            rejectedConfigurationMasksTheUrl();

            expose("log", log.text());
            assertThat(log.text()).as("the pool logged something to check, INFO included").contains("rel-secrets")
                    .contains("starting");
        }
        assertThat(exposed).as("texts checked").hasSizeGreaterThan(15);
        assertThat(exposed).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    private void workingPoolWithLeakAndJmx() throws Exception {
        Recorder recorder = new Recorder();
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(db.url())
                .username("app")
                .password(SECRET)
                .dataSourceProperty("sslpassword", SECRET)
                .poolName("rel-secrets")
                .maximumPoolSize(2)
                .registerMbeans(true)
                .leakDetectionThreshold(Duration.ofMillis(200))
                .listener(recorder)
                .build();
        expose("PoolConfig.toString", config.toString());
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            Connection leaked = ds.getConnection();
            Sql.execute(leaked, "select 1");
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.leaks.isEmpty());
            expose("PoolwiseDataSource.toString", ds.toString());
            expose("PoolStats.toString", ds.stats().toString());
            expose("getConfig().toString", ds.getConfig().toString());
            expose("suspectedLeaks", ds.suspectedLeaks().toString());
            expose("connection handle", leaked.toString());

            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.poolwise:type=Pool,name=rel-secrets");
            MBeanAttributeInfo[] attributes = server.getMBeanInfo(name).getAttributes();
            assertThat(attributes).hasSizeGreaterThan(10);
            for (MBeanAttributeInfo attribute : attributes) {
                Object value = server.getAttribute(name, attribute.getName());
                expose("JMX " + attribute.getName(), value instanceof Object[] array
                        ? Arrays.deepToString(array) : String.valueOf(value));
            }
            leaked.close();
        }
    }

    private void wrongPasswordTimesOut() {
        String wrong = "wrong-" + SECRET;
        try (PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(db.url())
                .username("app")
                .password(wrong)
                .poolName("rel-secrets-wrong")
                .connectionTimeout(Duration.ofMillis(500))
                .initializationFailTimeout(-1)
                .build())) {
            Throwable timeout = catchThrowable(ds::getConnection);
            assertThat(timeout).isInstanceOf(SQLException.class);
            expose("timeout (wrong password)", stackTrace(timeout));
            expose("PoolwiseDataSource.toString (wrong password)", ds.toString());
        }
    }

    private void passwordInTheUrlTimesOutAndFailsToStart() {
        String url = db.url() + "?user=app&password=" + SECRET;
        db.failConnectsAlways(new SQLException("connection refused", "08001"));
        try (PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(url)
                .poolName("rel-secrets-url")
                .connectionTimeout(Duration.ofMillis(500))
                .registerMbeans(true)
                .initializationFailTimeout(-1)
                .build())) {
            Throwable timeout = catchThrowable(ds::getConnection);
            assertThat(timeout).isInstanceOf(SQLException.class);
            expose("timeout (password in URL)", stackTrace(timeout));
            expose("PoolwiseDataSource.toString (password in URL)", ds.toString());
            expose("getConfig().toString (password in URL)", ds.getConfig().toString());
            expose("getMaskedJdbcUrl", ds.getConfig().getMaskedJdbcUrl());
        }
        Throwable failedStart = catchThrowable(() -> new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(url)
                .poolName("rel-secrets-start")
                .initializationFailTimeout(300)
                .build()).close());
        assertThat(failedStart).isInstanceOf(PoolInitializationException.class);
        expose("failed start (password in URL)", stackTrace(failedStart));
        db.stopFailingConnects();
    }

    private void rejectedConfigurationMasksTheUrl() {
        Throwable rejected = catchThrowable(() -> PoolConfig.builder()
                .jdbcUrl("postgresql://db.example:5432/app?password=" + SECRET)
                .maximumPoolSize(0)
                .build());
        assertThat(rejected).isInstanceOf(PoolConfigException.class).hasMessageContaining("jdbcUrl");
        expose("PoolConfigException", stackTrace(rejected));
    }

    /**
     * A driver whose failure message repeats the URL in user-info form (MariaDB Connector/J prints the URL it
     * could not connect to): the pool repeats driver text in its borrow-timeout message and cause, its
     * health, the JMX {@code Health} attribute, the start-up WARN and the failed start; each is masked.
     */
    @Test
    void aDriverMessageRepeatingAUserInfoUrlIsMaskedWhereverThePoolRepeatsIt() throws Exception {
        String url = "jdbc:mariadb://root:" + SECRET + "@db.example:3306/test";
        db.failConnectsAlways(new SQLException("Could not connect to " + url + " : Connection refused", "08001"));
        try (CapturedLog log = new CapturedLog(true)) {
            try (PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                    .jdbcUrl(db.url())
                    .poolName("rel-secrets-userinfo")
                    .connectionTimeout(Duration.ofMillis(500))
                    .registerMbeans(true)
                    .initializationFailTimeout(0) // start anyway, with a WARN that repeats the failure
                    .build())) {
                Throwable timeout = catchThrowable(ds::getConnection);
                assertThat(timeout).isInstanceOf(SQLException.class);
                expose("timeout (user-info URL in the driver's message)", stackTrace(timeout));
                expose("health", ds.health().toString());
                if (ds.health().lastError() != null) {
                    expose("health failure", stackTrace(ds.health().lastError()));
                }
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("dev.poolwise:type=Pool,name=rel-secrets-userinfo");
                expose("JMX Health", String.valueOf(server.getAttribute(name, "Health")));
            }
            Throwable failedStart = catchThrowable(() -> new PoolwiseDataSource(PoolConfig.builder()
                    .jdbcUrl(db.url())
                    .poolName("rel-secrets-userinfo-start")
                    .initializationFailTimeout(300)
                    .build()).close());
            assertThat(failedStart).isInstanceOf(PoolInitializationException.class);
            expose("failed start (user-info URL in the driver's message)", stackTrace(failedStart));
            expose("log", log.text());
            assertThat(log.text()).contains("starting anyway");
        }
        assertThat(exposed).as("texts checked").hasSizeGreaterThanOrEqualTo(5);
        assertThat(exposed).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
