package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SqlFileWorkloadTest {

    private static final PgbenchSchema SCALE_1 = new PgbenchSchema(1);

    @Test
    void splitsStatementsSkipsCommentsAndBindsVariables() {
        SqlFileWorkload workload = SqlFileWorkload.parse(Path.of("t.sql"), """
                -- move money
                UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
                SELECT abalance::text FROM pgbench_accounts WHERE aid = :aid;

                """, SCALE_1);

        assertThat(workload.statements()).containsExactly(
                "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?",
                "SELECT abalance::text FROM pgbench_accounts WHERE aid = ?");
        assertThat(workload.description()).isEqualTo("2 statements in a transaction from t.sql");
    }

    @Test
    void refusesAFileWithoutStatements() {
        assertThatThrownBy(() -> SqlFileWorkload.parse(Path.of("empty.sql"), "-- nothing\n;\n", SCALE_1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sql empty.sql");
    }
}
