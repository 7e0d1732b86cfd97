package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange.Reason;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reserve on a real PostgreSQL server: connections an undoable shrink holds are live sessions the server
 * counts (so a fleet's count on the database sees them), and a rise lends back the same backends, which answer
 * queries, instead of opening new ones. The control step's decisions are stood in for by its acting method
 * ({@link SizingControlLoop#actOn}), so the test does not depend on the controller's judgement of real timings.
 */
class ConnectionReservePostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String APPLICATION = "pw-reserve-it";

    private Pool pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void heldConnectionsStayOpenOnTheServerAndARiseLendsTheSameBackendsBack() throws Exception {
        pool = new Pool(PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl() + "?ApplicationName=" + APPLICATION)
                .username(EmbeddedPostgresExtension.USER)
                .poolName("pg-reserve")
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofHours(1)) // the test acts for the step
                .sizingReserveTime(Duration.ofMinutes(1))
                .maximumPoolSize(10)
                .minimumIdle(5)
                .connectionTimeout(Duration.ofSeconds(30))
                .registerMbeans(false)
                .build());
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.idleCount() == 5);
        pool.resize(10, 1);
        List<Connection> borrowed = borrow(5);
        Set<Integer> backends = backendPids(borrowed);
        assertThat(backends).hasSize(5);

        // A SHRINK_NO_GAIN from 5 to 2 while all five are borrowed, then the borrowers give them back.
        pool.sizingTarget = 2;
        pool.adaptiveSizing.actOn(5, 2, Reason.SHRINK_NO_GAIN, 10);
        for (Connection c : borrowed) {
            c.close();
        }
        assertThat(pool.reserve.count()).isEqualTo(3);
        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(sessionsOnTheServer()).as("held connections are sessions the server counts").isEqualTo(5);

        // A rise back to 5: the held backends are lent again, none opened.
        long created = pool.created.sum();
        pool.sizingTarget = 5;
        pool.adaptiveSizing.actOn(2, 5, Reason.GROW_THROUGHPUT, 10);
        assertThat(pool.reserve.count()).isZero();
        List<Connection> again = borrow(5);
        assertThat(backendPids(again)).as("the same five backends answer").isEqualTo(backends);
        assertThat(pool.created.sum()).isEqualTo(created);
        for (Connection c : again) {
            c.close();
        }

        // An idle shrink closes at once, on the server too.
        pool.sizingTarget = 1;
        pool.adaptiveSizing.actOn(5, 1, Reason.SHRINK_IDLE, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> sessionsOnTheServer() == 1);
        assertThat(pool.reserve.count()).isZero();
    }

    private List<Connection> borrow(int n) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            borrowed.add(pool.borrow());
        }
        return borrowed;
    }

    private static Set<Integer> backendPids(List<Connection> connections) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        for (Connection c : connections) {
            pids.add(EmbeddedPostgresExtension.backendPid(c));
        }
        return pids;
    }

    private int sessionsOnTheServer() throws SQLException {
        try (Connection admin = PG.adminConnection();
             PreparedStatement count = admin.prepareStatement(
                     "select count(*) from pg_stat_activity where application_name = ?")) {
            count.setString(1, APPLICATION);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
