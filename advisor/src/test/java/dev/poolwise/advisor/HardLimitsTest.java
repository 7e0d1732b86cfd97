package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A vendor's hard limit against a margin of our own (issue 13, item 3): infeasible only when a hard limit is
 * exceeded; eating into Poolwise's headroom is a warning saying what the headroom was for; advice that does not
 * depend on the size is always given; the headroom is an input.
 */
class HardLimitsTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    private static Recommendation recommend(String yaml) {
        return RULES.recommend(DeploymentReader.read(yaml));
    }

    private static String text(Recommendation r) {
        return new TextRenderer().render(r);
    }

    @Test
    void supabaseMicrosPoolerAdmitsTwoHundredFunctionsOfOneConnection() {
        Recommendation r = recommend("""
                database: {provider: supabase, compute: micro}
                between: {pooler: supavisor-transaction}
                application: {serverless: {max_concurrency: 200}}
                """);

        assertThat(r.isFeasible()).as(text(r)).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(1);
        assertThat(r.warnings()).filteredOn(w -> w.code().equals("HEADROOM_USED")).singleElement()
                .extracting(Warning::message).asString().contains("200").contains("headroom").contains("for");
        assertThat(r.driverSetting("prepareThreshold").orElseThrow().text()).isEqualTo("0");
    }

    @Test
    void overAHardLimitIsInfeasibleButSizeIndependentAdviceIsStillGiven() {
        Recommendation r = recommend("""
                database: {provider: supabase, compute: micro}
                between: {pooler: supavisor-transaction}
                application: {serverless: {max_concurrency: 201}}
                """);

        assertThat(r.isFeasible()).isFalse();
        assertThat(r.driverSetting("prepareThreshold").orElseThrow().text()).as(text(r)).isEqualTo("0");
        assertThat(text(r)).contains("prepareThreshold");
    }

    @Test
    void neonOverItsPooledServerLimitAndSupabaseWithinItsClientLimitAreGradedAlike() {
        Recommendation neon = recommend("""
                database: {provider: neon, compute: 0.25}
                between: {pooler: neon-pooler}
                application: {serverless: {max_concurrency: 500}}
                """);
        Recommendation neonOverClients = recommend("""
                database: {provider: neon, compute: 0.25}
                between: {pooler: neon-pooler}
                application: {serverless: {max_concurrency: 10001}}
                """);

        assertThat(neon.isFeasible()).as("a queue, not a refusal: a warning").isTrue();
        assertThat(neon.hasWarning("FUNCTIONS_OVER_POOLER")).isTrue();
        assertThat(neonOverClients.isFeasible()).as("10,001 clients: Neon refuses the last one").isFalse();
    }

    @Test
    void aDeadlockFloorThatEatsIntoTheHeadroomButFitsTheHardLimitIsAWarning() {
        // floor 22 × (2 − 1) + 1 = 23 per process; 4 × 23 = 92 ≤ 100 − 3 = 97, but over the budget of 87.
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 100}
                application: {instances: 4, threads: 22}
                workload: {connections_per_unit: 2}
                """);

        assertThat(r.isFeasible()).as(text(r)).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(23);
        assertThat(r.warnings()).filteredOn(w -> w.code().equals("HEADROOM_USED")).singleElement()
                .extracting(Warning::message).asString().contains("92").contains("admin");
    }

    @Test
    void theHeadroomIsAnInput() {
        Recommendation none = recommend("""
                database: {engine: postgresql, max_connections: 100, headroom: 0}
                application: {instances: 1, threads: 4}
                """);
        Recommendation fifth = recommend("""
                database: {engine: postgresql, max_connections: 100, headroom: 20%}
                application: {instances: 1, threads: 4}
                """);

        assertThat(none.budget().budget()).isEqualTo(97);
        assertThat(fifth.budget().budget()).isEqualTo(77);
        assertThat(fifth.budget().reason().formula()).contains("given");
    }
}
