package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.time.Duration;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the reset on return costs and when it runs, counted on the fake driver (the real-database behaviour is
 * in {@code SessionResetPostgresTest} and {@code SessionResetMariaDbTest}): a clean return makes no call that
 * would cost a round trip, {@code connectionResetSql} runs only after a borrow that ran SQL, and a failing
 * reset closes the physical connection and frees its slot.
 */
class SessionResetTest extends PoolTestSupport {

    @Test
    void cleanReturnUnderAutoCommitOffMakesNoRoundTrip() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).autoCommit(false).connectionResetSql("RESET ALL"));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
        }
        int executes = raw.executes();
        int rollbacks = raw.rollbacks();
        int autoCommitCalls = raw.setAutoCommitCalls();
        try (Connection c = pool.getConnection()) {
            assertThat(c.getAutoCommit()).isFalse();
        }
        assertThat(raw.rollbacks()).as("nothing ran: no rollback").isEqualTo(rollbacks);
        assertThat(raw.executes()).as("nothing ran: no reset statement").isEqualTo(executes);
        assertThat(raw.setAutoCommitCalls()).isEqualTo(autoCommitCalls);
    }

    @Test
    void connectionResetSqlRunsOnlyAfterABorrowThatRanSql() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionResetSql("RESET ALL"));
        try (Connection c = pool.getConnection()) {
            c.getAutoCommit();
        }
        assertThat(count(db.executedSql(), "RESET ALL")).as("clean return").isZero();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET work_mem = '7MB'");
        }
        assertThat(count(db.executedSql(), "RESET ALL")).as("after SQL ran").isEqualTo(1);
        try (Connection c = pool.getConnection()) {
            c.isValid(1);
        }
        assertThat(count(db.executedSql(), "RESET ALL")).as("clean return again").isEqualTo(1);
    }

    @Test
    void connectionResetSqlRunsOutsideTheTransactionAndKeepsAutoCommitOff() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).autoCommit(false).connectionResetSql("RESET ALL"));
        FakeConnection raw;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            raw = physical(c);
            s.execute("insert into t values (1)");
        }
        assertThat(count(db.executedSql(), "RESET ALL")).isEqualTo(1);
        assertThat(raw.rollbacks()).as("the open transaction was rolled back first").isEqualTo(1);
        assertThat(raw.commits()).as("nothing was committed").isZero();
        assertThat(raw.getAutoCommit()).as("the pool's default restored after the reset statement").isFalse();
        assertThat(raw.inTransaction()).isFalse();
    }

    @Test
    void failingResetClosesTheConnectionAndFreesTheSlot() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).connectionResetSql("RESET ALL"));
        FakeConnection first;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            first = physical(c);
            s.execute("select 1");
            db.failNextExecutes(1, "42000"); // the reset statement fails, with an error that is not fatal
        }
        assertThat(pool.stats().active()).isZero();
        // The pool closes physical connections on its housekeeping thread.
        await("the connection whose reset failed to be closed").atMost(Duration.ofSeconds(10)).until(first::isClosed);
        assertThat(pool.stats().closed(CloseReason.RESET_FAILED)).isEqualTo(1);
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isNotSameAs(first);
        }
    }

    @Test
    void restoresHoldabilityTypeMapAndClientInfoOnlyWhenChanged() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection raw;
        int holdabilityCalls;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
            holdabilityCalls = raw.setHoldabilityCalls();
        }
        assertThat(raw.setHoldabilityCalls()).as("untouched: not reset").isEqualTo(holdabilityCalls);
        int holdability = raw.getHoldability();
        Map<String, Class<?>> typeMap = Map.copyOf(raw.getTypeMap());
        Properties clientInfo = raw.getClientInfo();
        try (Connection c = pool.getConnection()) {
            c.setHoldability(holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT
                    ? ResultSet.CLOSE_CURSORS_AT_COMMIT : ResultSet.HOLD_CURSORS_OVER_COMMIT);
            c.setTypeMap(Map.of("t", String.class));
            c.setClientInfo("ApplicationName", "borrower");
            Properties more = new Properties();
            more.setProperty("ClientUser", "someone");
            c.setClientInfo(more);
        }
        assertThat(raw.getHoldability()).isEqualTo(holdability);
        assertThat(raw.getTypeMap()).isEqualTo(typeMap);
        assertThat(raw.getClientInfo()).isEqualTo(clientInfo);
    }

    @Test
    void eachBorrowIsOneJdbcRequest() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1));
        FakeConnection raw;
        try (Connection c = pool.getConnection()) {
            raw = physical(c);
            assertThat(raw.beginRequestCalls()).as("beginRequest on borrow").isEqualTo(1);
            assertThat(raw.endRequestCalls()).isZero();
        }
        assertThat(raw.endRequestCalls()).as("endRequest on return").isEqualTo(1);
        try (Connection c = pool.getConnection()) {
            assertThat(physical(c)).isSameAs(raw);
        }
        assertThat(raw.beginRequestCalls()).isEqualTo(2);
        assertThat(raw.endRequestCalls()).isEqualTo(2);
    }

    private static long count(List<String> sql, String statement) {
        return sql.stream().filter(statement::equals).count();
    }
}
