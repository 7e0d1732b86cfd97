package dev.poolwise.reliability;

import dev.poolwise.it.RequiredService;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolMode;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.reliability.Sql.execute;
import static dev.poolwise.reliability.Sql.queryString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, scenario 6: Poolwise behind PgBouncer (the Debian package, 1.18 on Debian 12, which has no
 * prepared-statement support in transaction mode) in {@code pool_mode = transaction}, in front of embedded
 * PostgreSQL. Each test starts its own PgBouncer ({@link PgBouncerProcess}). Skipped when PgBouncer is not
 * installed, except under {@code CI=true}.
 *
 * <p>The {@code prepareThreshold=0} rule (prepared statements work with it and collide without it) is
 * proven with the advisor's own output in the advisor module's {@code AdvisedPgBouncerTransactionModeTest};
 * these tests use that setting and pin what the pool and PgBouncer do with it:
 *
 * <ul>
 *   <li>Session state: a plain {@code SET} leaks to another client, because in transaction mode the server
 *       connection is shared and PgBouncer resets nothing between transactions; Poolwise's reset on return
 *       restores only the JDBC state the borrower changed through the API, so it cannot help. The test pins
 *       that hazard, and that {@code SET LOCAL} inside a transaction, the safe form, does not leak.</li>
 *   <li>Unpooled mode behind PgBouncer serves many short borrows.</li>
 * </ul>
 */
class PgBouncerTransactionModeTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private Path binary;

    @BeforeEach
    void requirePgBouncer() {
        binary = PgBouncerProcess.binary();
        if (binary == null) {
            RequiredService.missing("PgBouncer not installed (looked for /usr/sbin/pgbouncer); install it with "
                    + "`apt-get install -y pgbouncer`", null);
        }
    }

    private static PoolConfig.Builder pool(PgBouncerProcess bouncer, String name, String urlParameters) {
        return PoolConfig.builder()
                .jdbcUrl(EmbeddedPostgresExtension.jdbcUrl(bouncer.port()) + "?ApplicationName=" + name
                        + "&connectTimeout=5&socketTimeout=10" + urlParameters)
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(4)
                .connectionTimeout(Duration.ofSeconds(10));
    }

    @Test
    void aPlainSetLeaksToAnotherClientInTransactionModeButSetLocalDoesNot() throws Exception {
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(binary, Sql.port(PG), "transaction", 1);
             PoolwiseDataSource ds = new PoolwiseDataSource(
                     pool(bouncer, "rel-bouncer-set", "&prepareThreshold=0").build())) {
            try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
                String before = queryString(second, "SHOW statement_timeout");

                execute(first, "SET statement_timeout = '4321ms'");
                assertThat(queryString(second, "SHOW statement_timeout"))
                        .as("the hazard: another client sees the first one's SET").isEqualTo("4321ms");
                execute(first, "RESET statement_timeout");
                assertThat(queryString(second, "SHOW statement_timeout")).isEqualTo(before);

                first.setAutoCommit(false);
                execute(first, "SET LOCAL statement_timeout = '999ms'");
                assertThat(queryString(first, "SHOW statement_timeout")).isEqualTo("999ms");
                first.commit();
                assertThat(queryString(second, "SHOW statement_timeout"))
                        .as("SET LOCAL ends with its transaction: nothing leaks").isEqualTo(before);
            }
        }
    }

    @Test
    void unpooledModeBehindPgBouncerServesManyShortBorrows() throws Exception {
        String name = "rel-bouncer-unpooled";
        int threads = 4;
        int borrowsEach = 50;
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(binary, Sql.port(PG), "transaction", 2);
             PoolwiseDataSource ds = new PoolwiseDataSource(pool(bouncer, name, "&prepareThreshold=0")
                     .mode(PoolMode.UNPOOLED).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < borrowsEach; i++) {
                        try (Connection c = ds.getConnection()) {
                            assertThat(Sql.queryInt(c, "SELECT 1")).isEqualTo(1);
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(ds.stats().connectionsCreated()).as("a client connection per borrow, about")
                    .isGreaterThanOrEqualTo((long) threads * borrowsEach / 2);
            try (Connection admin = PG.adminConnection()) {
                assertThat(Sql.backends(admin, name)).as("server connections stay within PgBouncer's pool")
                        .isLessThanOrEqualTo(2);
            }
        }
    }
}
