package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizingRulesTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    private static Recommendation recommend(String yaml) {
        return RULES.recommend(DeploymentReader.read(yaml));
    }

    @Test
    void overBudgetWarningSpellsOutTheFleetArithmetic() {
        Recommendation r = recommend("""
                database: {provider: neon, compute: 0.25}
                application: {instances: 3, processes: 4, threads: 10, pool_size: 20}
                """);

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("FLEET_OVER_BUDGET")).singleElement()
                .extracting(Warning::message).asString()
                .contains("3 instances × 4 processes × 20 = 240 connections")
                .contains("admits 97").contains("budget, after headroom, is 86").contains("Use pools of 7");
    }

    @Test
    void oldPgBouncerInTransactionModeGetsPrepareThresholdZero() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-transaction, version: "1.18"}
                application: {instances: 1, threads: 4}
                """);

        assertThat(r.driverSetting("prepareThreshold").orElseThrow().text()).isEqualTo("0");
        assertThat(r.driverSetting("prepareThreshold").orElseThrow().reason().formula()).contains("1.18 is before 1.21");
    }

    @Test
    void pgBouncer124KeepsPreparedStatements() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-transaction, version: "1.24.1"}
                application: {instances: 1, threads: 4}
                """);

        assertThat(r.driverSetting("prepareThreshold")).isEmpty();
        assertThat(r.hasWarning("PGBOUNCER_PREPARED_STATEMENTS")).isFalse();
        assertThat(r.hasWarning("SESSION_STATE")).isTrue();
    }

    @Test
    void pgBouncer121WarnsToEnableMaxPreparedStatements() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-transaction, version: "1.21"}
                application: {instances: 1, threads: 4}
                """);

        assertThat(r.driverSetting("prepareThreshold")).isEmpty();
        assertThat(r.hasWarning("PGBOUNCER_PREPARED_STATEMENTS")).isTrue();
    }

    @Test
    void neonScaleToZeroGetsNoIdleFloorAnIdleTimeoutUnderTheSuspendDelayAndNoKeepalive() {
        Recommendation r = recommend("""
                database: {provider: neon, compute: 1}
                between: {pooler: neon-pooler}
                application: {instances: 2, threads: 8}
                """);

        assertThat(r.poolSetting("minimumIdle").orElseThrow().intValue()).isZero();
        assertThat(r.poolSetting("idleTimeout").orElseThrow().text()).isEqualTo("4m");
        assertThat(r.poolSetting("keepaliveTime").orElseThrow().text()).isEqualTo("0");
        assertThat(r.poolSetting("connectionTimeout").orElseThrow().reason().formula()).contains("wake-up");
        assertThat(r.driverSetting("sslmode").orElseThrow().text()).isEqualTo("require");
        assertThat(r.driverSetting("prepareThreshold")).isEmpty();
    }

    @Test
    void serverlessFunctionsWithoutReuseAreUnpooledWithAPoolOfOne() {
        Recommendation r = recommend("""
                database: {provider: supabase, compute: medium}
                between: {pooler: supavisor-transaction}
                application: {serverless: {max_concurrency: 100, instance_reuse: false}}
                """);

        assertThat(r.isUnpooled()).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(1);
        assertThat(r.poolSetting("initializationFailTimeout").orElseThrow().text()).isEqualTo("-1");
        assertThat(r.driverSetting("prepareThreshold").orElseThrow().text()).isEqualTo("0");
    }

    @Test
    void infeasibleDeadlockFloorSaysWhatWouldFixIt() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                application: {instances: 4, threads: 20}
                workload: {connections_per_unit: 3}
                """);

        assertThat(r.isFeasible()).isFalse();
        Infeasibility problem = r.infeasibilities().get(0);
        // Against the hard limit (100 − 3 = 97, 24 each), not the budget after Poolwise's headroom (87).
        assertThat(problem.message()).contains("at least 41").contains("admits 97").contains("24 each");
        assertThat(problem.fixes()).anyMatch(f -> f.contains("at most 2 processes"))
                .anyMatch(f -> f.contains("at most 11 threads per process"));
        assertThatThrownBy(() -> new PoolwisePropertiesRenderer().render(r))
                .isInstanceOf(InfeasibleRecommendationException.class).hasMessageContaining("at least 41");
    }

    @Test
    void shortWaitTimeoutThatLeavesNoLifetimeIsInfeasible() {
        Recommendation r = recommend("""
                database: {engine: mariadb, max_connections: 151, wait_timeout: 50s}
                application: {instances: 1, threads: 4}
                """);

        // Under two minutes the margin is half the limit: 50s leaves 25s, below the 30s a pool needs.
        assertThat(r.isFeasible()).isFalse();
        assertThat(r.infeasibilities().get(0).code()).isEqualTo("LIFETIME_TOO_SHORT");
    }

    @Test
    void missingInputsAreAllListed() {
        assertThatThrownBy(() -> recommend("database: {provider: neon}\napplication: {processes: 2}\n"))
                .isInstanceOf(MissingInputsException.class)
                .satisfies(e -> assertThat(((MissingInputsException) e).missing()).hasSize(3))
                .hasMessageContaining("application.instances").hasMessageContaining("application.threads")
                .hasMessageContaining("database.compute").hasMessageContaining("0.25");
    }

    @Test
    void unknownComputeSizeNamesTheKnownOnes() {
        assertThatThrownBy(() -> recommend("database: {provider: neon, compute: 0.3}\napplication: {instances: 1, threads: 2}\n"))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("database.compute = 0.3").hasMessageContaining("0.25, 0.5, 1");
    }

    @Test
    void contradictionsNameFieldValueAndWhatIsValid() {
        assertThatThrownBy(() -> DeploymentReader.read("application: {min_instances: 5, max_instances: 2}\n"
                + "database: {engine: postgresql}\n"))
                .hasMessage("application.min_instances = 5: must not exceed application.max_instances (2)");
        assertThatThrownBy(() -> DeploymentReader.read("database: {engine: postgresql}\n"
                + "application: {instances: -1, threads: 2}\n"))
                .hasMessage("application.instances = -1: must be at least 1");
        assertThatThrownBy(() -> DeploymentReader.read("database: {provider: oracle}\n"))
                .hasMessageContaining("database.provider = oracle: must be one of self-managed, neon");
        assertThatThrownBy(() -> DeploymentReader.read("database: {engine: mysql}\nbetween: {pooler: neon-pooler}\n"))
                .hasMessageContaining("between.pooler = neon-pooler: requires database.provider neon");
        assertThatThrownBy(() -> DeploymentReader.read("database: {engine: postgresql, max_conections: 5}\n"))
                .hasMessageContaining("database.max_conections = 5: unknown field; known:");
    }
}
