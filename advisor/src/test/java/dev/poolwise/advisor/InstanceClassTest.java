package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Managed instance classes (issue 13, item 6): {@code max_connections} from the vendor's documented formula or
 * table, with its source, and what is assumed said.
 */
class InstanceClassTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    private static Recommendation recommend(String provider, String engine, String instanceClass) {
        return RULES.recommend(DeploymentReader.read("database: {provider: " + provider + ", engine: " + engine
                + ", instance_class: " + instanceClass + "}\napplication: {instances: 2, threads: 10}\n"));
    }

    @ParameterizedTest(name = "{0} {1} {2}: max_connections {3}")
    @CsvSource({
        // RDS PostgreSQL: LEAST(DBInstanceClassMemory / 9531392, 5000), DBInstanceClassMemory assumed 90 % of 4 GiB.
        "rds, postgresql, db.t3.medium, 405",
        "rds, postgresql, db.r6g.16xlarge, 5000",
        // RDS MySQL: DBInstanceClassMemory / 12582880, of 8 GiB.
        "rds, mysql, db.m5.large, 614",
        "aurora, postgresql, db.r6g.large, 1622",
        // Aurora MySQL: AWS's table by instance class.
        "aurora, mysql, db.r6g.large, 1000",
        "aurora, mysql, db.t3.medium, 90",
        // Cloud SQL for PostgreSQL: by memory tier (7.5 GiB: 400).
        "cloud-sql, postgresql, db-custom-2-7680, 400",
        "cloud-sql, postgresql, db-f1-micro, 25",
        // Azure Database for PostgreSQL flexible server: its table.
        "azure, postgresql, Standard_D2ds_v4, 859",
        "azure, postgresql, B1ms, 50"
    })
    void derivesMaxConnectionsFromTheInstanceClass(String provider, String engine, String instanceClass,
                                                   int maxConnections) {
        Recommendation r = recommend(provider, engine, instanceClass);

        assertThat(r.budget().limit()).as(new TextRenderer().render(r)).isEqualTo(maxConnections);
        assertThat(r.budget().reason().sources()).anyMatch(s -> s.contains("docs") || s.contains("Guide"));
    }

    @Test
    void theFormulaSaysWhatItAssumesOfDbInstanceClassMemory() {
        Recommendation r = recommend("rds", "postgresql", "db.t3.medium");

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("ASSUMED_DEFAULT")).extracting(Warning::message)
                .anyMatch(m -> m.contains("DBInstanceClassMemory") && m.contains("90 %") && m.contains("405")
                        && m.contains("--max-connections"));
    }

    @Test
    void azureKeepsFifteenConnectionsForItself() {
        Recommendation r = recommend("azure", "postgresql", "Standard_D2ds_v4");

        assertThat(r.budget().reserved()).isEqualTo(15);
    }

    @Test
    void anUnknownClassIsAClearErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> recommend("rds", "postgresql", "db.x9.huge"))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("database.instance_class = db.x9.huge").hasMessageContaining("db.t3.medium")
                .hasMessageContaining("max_connections");
    }
}
