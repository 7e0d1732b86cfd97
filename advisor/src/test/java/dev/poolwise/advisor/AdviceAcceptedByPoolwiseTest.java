package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.poolwise.PoolConfig;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short limits in the path (a 15 s scale-to-zero delay, a 70 s MySQL wait_timeout) push idleTimeout and
 * keepaliveTime towards the floors core enforces (10 s and 30 s). What the advisor recommends must still be a
 * configuration Poolwise accepts.
 */
class AdviceAcceptedByPoolwiseTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    @ParameterizedTest
    @ValueSource(strings = {
            "database: {provider: neon, compute: 0.5, suspend_after: 15s}\napplication: {instances: 2, threads: 4}\n",
            "database: {provider: neon, compute: 0.5, suspend_after: 15s}\n"
                    + "application: {serverless: {max_concurrency: 1, instance_reuse: true}}\n",
            "database: {engine: mysql, max_connections: 100, wait_timeout: 70s}\napplication: {instances: 2, threads: 4}\n"})
    void theRenderedPropertiesBuildAPoolConfig(String deployment) throws IOException {
        Recommendation r = RULES.recommend(DeploymentReader.read(deployment));
        assertThat(r.isFeasible()).as(r.infeasibilities().toString()).isTrue();
        Properties rendered = rendered(r);
        assertThatCode(() -> PoolConfig.fromProperties(rendered)).as(rendered.toString()).doesNotThrowAnyException();
    }

    static Properties rendered(Recommendation r) throws IOException {
        Properties rendered = new Properties();
        rendered.load(new StringReader(new PoolwisePropertiesRenderer().render(r)));
        rendered.setProperty("jdbcUrl", "jdbc:postgresql://db.example/app");
        return rendered;
    }
}
