package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuiltInWorkloadTest {

    @Test
    void theDefaultWritesWithoutAHotRow() {
        assertThat(BuiltInWorkload.DEFAULT).isEqualTo(BuiltInWorkload.READ_WRITE);
        assertThat(BuiltInWorkload.DEFAULT.description()).contains("simple-update").doesNotContain("branch");
        assertThat(BuiltInWorkload.DEFAULT.scaleWarning(new PgbenchSchema(1), 64)).isEmpty();
    }

    @Test
    void tpcbWarnsWhenThereAreFewerBranchesThanConnections() {
        assertThat(BuiltInWorkload.TPCB.scaleWarning(new PgbenchSchema(10), 64)).get().asString()
                .contains("tpcb at --scale 10 has 10 branch rows for pools of up to 64").contains("--scale 64");
        assertThat(BuiltInWorkload.TPCB.scaleWarning(new PgbenchSchema(16), 16)).isEmpty();
    }

    @Test
    void theHotRowIsANamedWorkloadThatSaysWhatItShows() {
        assertThat(BuiltInWorkload.fromId("hot-row")).isEqualTo(BuiltInWorkload.HOT_ROW);
        assertThat(BuiltInWorkload.HOT_ROW.description()).contains("same pgbench_branches row")
                .contains("lock contention");
    }

    @Test
    void theOldOltpNameSaysWhatToUseInstead() {
        assertThatThrownBy(() -> BuiltInWorkload.fromId("oltp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpcb").hasMessageContaining("hot-row").hasMessageContaining("read-write");
        assertThat(BuiltInWorkload.fromId(" Read-Write ")).isEqualTo(BuiltInWorkload.READ_WRITE);
    }
}
