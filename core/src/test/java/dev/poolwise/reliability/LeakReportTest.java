package dev.poolwise.reliability;

import dev.poolwise.LeakReport;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, scenario 7: code that leaks a connection on purpose gets a report whose stack names the leaking
 * method, the leak counter moves, and the late return is noted (listener {@code onLeakReturned} and an INFO
 * line).
 */
class LeakReportTest {

    private static final Duration THRESHOLD = Duration.ofMillis(300);

    private final FakeDatabase db = FakeDatabase.create();

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    /** What the listener heard. */
    private static final class Heard implements PoolListener {
        final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
        final List<Long> lateReturnsNanos = new CopyOnWriteArrayList<>();

        @Override
        public void onSuspectedLeak(LeakReport report) {
            leaks.add(report);
        }

        @Override
        public void onLeakReturned(String poolName, long connectionId, long heldNanos) {
            lateReturnsNanos.add(heldNanos);
        }
    }

    @Test
    void aLeakIsReportedWithTheLeakingMethodCountedAndItsLateReturnNoted() throws Exception {
        Heard heard = new Heard();
        try (CapturedLog log = new CapturedLog(true);
             PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                     .jdbcUrl(db.url())
                     .poolName("rel-leak")
                     .maximumPoolSize(2)
                     .leakDetectionThreshold(THRESHOLD)
                     .listener(heard)
                     .build())) {
            try (Connection fine = ds.getConnection()) {
                Sql.execute(fine, "select 1"); // returned in time: no report
            }
            Connection leaked = leakOnPurpose(ds);

            await("the leak report").atMost(Duration.ofSeconds(10)).until(() -> heard.leaks.size() == 1);
            LeakReport report = heard.leaks.get(0);
            assertThat(Arrays.stream(report.borrowStack()).map(StackTraceElement::getMethodName))
                    .as("the report's stack names the leaking method").contains("leakOnPurpose");
            assertThat(report.threadName()).isEqualTo(Thread.currentThread().getName());
            assertThat(report.heldFor()).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(report.poolName()).isEqualTo("rel-leak");
            assertThat(ds.stats().suspectedLeaks()).as("the leak counter").isEqualTo(1);
            assertThat(ds.suspectedLeaks()).hasSize(1);
            assertThat(log.text()).contains("suspected connection leak").contains("leakOnPurpose");

            // Reported once per borrow, not again: a second leak, reported by a later scan, is positive proof
            // that the scan ran again over the first one (no fixed sleep that might end before it did).
            Connection second = leakOnPurpose(ds);
            await("the second leak's report").atMost(Duration.ofSeconds(10)).until(() -> heard.leaks.size() >= 2);
            assertThat(heard.leaks).as("the first leak was not reported again").hasSize(2)
                    .extracting(LeakReport::connectionId).doesNotHaveDuplicates();
            second.close();

            leaked.close();
            assertThat(heard.lateReturnsNanos).as("the late returns are noted").hasSize(2);
            assertThat(Duration.ofNanos(heard.lateReturnsNanos.get(0))).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(ds.suspectedLeaks()).as("no suspect once it is back").isEmpty();
            if (log.isVerbose()) {
                assertThat(log.text()).as("the INFO line on the late return")
                        .contains("reported as a suspected leak came back after");
            }
        }
    }

    /** Borrows and never closes: the method a leak report must name. */
    private static Connection leakOnPurpose(PoolwiseDataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        Sql.execute(c, "select 1");
        return c;
    }
}
