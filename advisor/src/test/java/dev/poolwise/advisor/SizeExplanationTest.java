package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The text says which term decided the size and what the others allowed (issue 13, item 4), and no input is
 * dropped or assumed in silence (item 5).
 */
class SizeExplanationTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    private static Recommendation recommend(String yaml) {
        return RULES.recommend(DeploymentReader.read(yaml));
    }

    private static String text(Recommendation r) {
        return new TextRenderer().render(r);
    }

    @Test
    void theReasonNamesTheTermThatBoundTheSizeAndWhatTheOthersAllowed() {
        // budget 228 − 3 − 23 = 202 ÷ 3 = 67; Little's law: 50/s × 20ms = 1 busy ÷ 3 = 0.33 → 1 + 1 = 2.
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 228}
                application: {instances: 3, threads: 20, pool_size: 100}
                workload: {hold_time_p99: 20ms, units_per_second: 50}
                """);

        String formula = r.poolSetting("maximumPoolSize").orElseThrow().reason().formula();
        assertThat(formula).as(text(r)).contains("need (Little's law) is 2").contains("budget share allows 67")
                .contains("pools of 2");
        assertThat(r.warnings()).filteredOn(w -> w.code().equals("FLEET_OVER_BUDGET")).singleElement()
                .extracting(Warning::message).asString().contains("need (Little's law) is 2")
                .contains("budget share allows 67");
    }

    @Test
    void theDeadlockFloorIsNamedWhenItDecides() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 500, cores: 2}
                application: {instances: 2, threads: 10}
                workload: {connections_per_unit: 2}
                """);

        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().reason().formula()).as(text(r))
                .contains("the deadlock floor is 11").contains("efficient share allows 2");
    }

    @Test
    void aRateWithoutAHoldTimeIsSaidToBeUnused() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                application: {instances: 2, threads: 10}
                workload: {units_per_second: 500}
                """);

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("RATE_WITHOUT_HOLD_TIME")).singleElement()
                .extracting(Warning::message).asString().contains("500").contains("not used")
                .contains("--hold-time-p99");
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().reason().formula())
                .doesNotContain("no hold time and rate given");
    }

    @Test
    void maxInstancesAloneIsNotAFixedFleet() {
        assertThatThrownBy(() -> recommend("""
                database: {engine: postgresql, max_connections: 100}
                application: {max_instances: 10, threads: 8}
                """)).isInstanceOf(MissingInputsException.class).hasMessageContaining("application.min_instances");
    }

    @Test
    void pgBouncersAssumedClientLimitIsSaid() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                between: {pooler: pgbouncer-transaction, version: "1.22"}
                application: {instances: 2, threads: 10}
                """);

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("ASSUMED_DEFAULT"))
                .extracting(Warning::message).anyMatch(m -> m.contains("max_client_conn 100")
                        && m.contains("--pooler-max-clients"));
    }

    @Test
    void zeroInstancesIsReportedAsTheInstancesTyped() {
        assertThatThrownBy(() -> DeploymentReader.read("""
                database: {engine: postgresql}
                application: {instances: 0, threads: 4}
                """)).isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("application.instances = 0: must be at least 1");
    }

    @Test
    void anEmptyDeploymentListsEveryMissingInput() {
        assertThatThrownBy(() -> DeploymentReader.read("")).isInstanceOf(MissingInputsException.class)
                .satisfies(e -> assertThat(((MissingInputsException) e).missing())
                        .anyMatch(m -> m.startsWith("database.engine:"))
                        .anyMatch(m -> m.startsWith("application.instances:"))
                        .anyMatch(m -> m.startsWith("application.threads:")));
    }

    @Test
    void aMaxConnectionsNoServerAcceptsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DeploymentReader.read("""
                database: {engine: postgresql, max_connections: 2000000000}
                application: {instances: 1, threads: 4}
                """)).isInstanceOf(InvalidDeploymentException.class).hasMessageContaining("262143");
    }

    @Test
    void anAbsurdFleetIsBoundedWithTheReason() {
        assertThatThrownBy(() -> DeploymentReader.read("""
                database: {engine: postgresql, max_connections: 5000}
                application: {instances: 100000, processes: 100, threads: 100000}
                """)).isInstanceOf(InvalidDeploymentException.class).hasMessageContaining("1000000");
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 5000}
                application: {instances: 2, threads: 100000}
                """);
        assertThat(r.hasWarning("IMPLAUSIBLE_CONCURRENCY")).as(text(r)).isTrue();
    }

    @Test
    void oneConnectionIsSingular() {
        Recommendation r = recommend("""
                database: {provider: neon, compute: 1}
                between: {pooler: neon-pooler}
                application: {serverless: {max_concurrency: 10}}
                """);

        assertThat(text(r)).contains(" 1 connection\n").doesNotContain(" 1 connections");
    }
}
