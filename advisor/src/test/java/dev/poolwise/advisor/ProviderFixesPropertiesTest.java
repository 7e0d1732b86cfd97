package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Fixes and warnings belong to the provider (issue 13, item 2): over arbitrary deployments, no fix or warning
 * names a pooler, a driver parameter or a server setting that the deployment's engine and provider do not have.
 */
class ProviderFixesPropertiesTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    @Provide
    Arbitrary<Deployment> anything() {
        return Arbitraries.oneOf(DeploymentArbitraries.deployments(), DeploymentArbitraries.serverlessDeployments());
    }

    @Property(tries = 1500)
    void everyFixAndWarningBelongsToTheDeploymentsEngineAndProvider(@ForAll("anything") Deployment d) {
        Recommendation r;
        try {
            r = RULES.recommend(d);
        } catch (MissingInputsException | InvalidDeploymentException refused) {
            return;
        }
        List<String> said = new ArrayList<>();
        r.warnings().forEach(w -> said.add(w.message()));
        r.infeasibilities().forEach(i -> {
            said.add(i.message());
            said.addAll(i.fixes());
        });
        for (String sentence : said) {
            for (String term : foreignTerms(d)) {
                // A whole word: query_wait_timeout is Neon's, not MySQL's wait_timeout.
                assertThat(sentence.toLowerCase(Locale.ROOT)).as("'%s' does not apply to %s",
                        term, TextRenderer.describe(d)).doesNotContainPattern("(?<![a-z_])"
                        + Pattern.quote(term.toLowerCase(Locale.ROOT)) + "(?![a-z_])");
            }
        }
    }

    @Test
    void planetScaleMysqlWithTwoHundredFunctionsSuggestsNoPooler() {
        Recommendation r = RULES.recommend(DeploymentReader.read("""
                database: {provider: planetscale, compute: PS-10}
                application: {serverless: {max_concurrency: 200}}
                """));

        String all = new TextRenderer().render(r);
        assertThat(all).doesNotContain("-pooler").doesNotContain("Supavisor").doesNotContain("RDS Proxy")
                .doesNotContain("PgBouncer");
        assertThat(r.infeasibilities()).isNotEmpty();
        assertThat(r.infeasibilities().get(0).fixes()).anyMatch(f -> f.contains("concurrency"));
    }

    /** Words naming things that do not exist in this deployment. */
    private static List<String> foreignTerms(Deployment d) {
        Provider provider = d.database().provider();
        Engine engine = d.database().engine();
        List<String> foreign = new ArrayList<>();
        if (provider != Provider.NEON) {
            foreign.add("-pooler host");
            foreign.add("neon-pooler");
            foreign.add("Neon");
        }
        if (provider != Provider.SUPABASE) {
            foreign.add("Supavisor");
        }
        boolean aws = provider == Provider.SELF_MANAGED || provider.isAws();
        if (!aws) {
            foreign.add("RDS Proxy");
        }
        if (engine != Engine.POSTGRESQL) {
            foreign.add("PgBouncer");
            foreign.add("prepareThreshold");
            foreign.add("SET LOCAL");
            foreign.add("LISTEN");
        }
        if (!engine.isMysqlFamily()) {
            foreign.add("wait_timeout");
            foreign.add("GET_LOCK");
        }
        return foreign;
    }
}
