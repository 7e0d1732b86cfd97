package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * RDS Proxy is a multiplexer, not a client cap (issue 13, item 1): its database connections are capped by
 * {@code MaxConnectionsPercent} of {@code max_connections}; an idle client's database connection goes back to
 * the proxy's pool; pinning turns multiplexing back into one database connection per client.
 */
class RdsProxyTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    private static Recommendation recommend(String yaml) {
        return RULES.recommend(DeploymentReader.read(yaml));
    }

    private static String text(Recommendation r) {
        return new TextRenderer().render(r);
    }

    private static String warning(Recommendation r, String code) {
        return r.warnings().stream().filter(w -> w.code().equals(code)).map(Warning::message).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in\n" + text(r)));
    }

    @Test
    void aThousandLambdasThroughRdsProxyOnFourHundredTenConnectionsSucceed() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 410}
                between: {pooler: rds-proxy}
                application: {serverless: {max_concurrency: 1000}}
                """);

        assertThat(r.isFeasible()).as(text(r)).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(1);
        // The proxy may open 100 % of 410, of which 3 are the superuser's: 407 busy at once.
        assertThat(r.budget().busyLimit()).as(text(r)).isEqualTo(407);
        assertThat(warning(r, "RDS_PROXY_BUSY")).contains("1000").contains("407")
                .contains("ConnectionBorrowTimeout 2m");
        assertThat(warning(r, "RDS_PROXY_PINNING")).contains("Avoid pinning").contains("1000").contains("407");
    }

    @Test
    void unknownProxySettingsAreAWSDefaultsSaidAsAssumed() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 410}
                between: {pooler: rds-proxy}
                application: {serverless: {max_concurrency: 1000}}
                """);

        List<String> assumed = r.warnings().stream().filter(w -> w.code().equals("ASSUMED_DEFAULT"))
                .map(Warning::message).toList();
        assertThat(String.join("\n", assumed)).as(text(r)).contains("MaxConnectionsPercent 100")
                .contains("MaxIdleConnectionsPercent 50").contains("IdleClientTimeout 30m")
                .contains("ConnectionBorrowTimeout 2m");
    }

    @Test
    void givenProxySettingsReplaceTheDefaults() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 410}
                between: {pooler: rds-proxy, max_connections_percent: 50, max_idle_connections_percent: 10,
                          idle_client_timeout: 10m, connection_borrow_timeout: 30s}
                application: {serverless: {max_concurrency: 100}}
                """);

        assertThat(r.budget().busyLimit()).as(text(r)).isEqualTo(205);
        assertThat(r.poolSetting("maxLifetime").orElseThrow().text()).isEqualTo("9m");
        assertThat(r.warnings()).noneMatch(w -> w.code().equals("ASSUMED_DEFAULT"));
    }

    @Test
    void aKnownWorkloadWithinTheProxysConnectionsQueuesNothing() {
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 410}
                between: {pooler: rds-proxy}
                application: {serverless: {max_concurrency: 1000}}
                workload: {hold_time_p99: 50ms, units_per_second: 2000}
                """);

        assertThat(r.isFeasible()).isTrue();
        assertThat(r.hasWarning("RDS_PROXY_BUSY")).as(text(r)).isFalse();
        assertThat(r.hasWarning("RDS_PROXY_PINNING")).isTrue();
    }

    @Test
    void serverPoolsBehindTheProxyAreBoundedByItsBusyConnectionsNotByItsClients() {
        // 20 × 50 threads = 1000 client connections; the proxy multiplexes them onto at most 407.
        Recommendation r = recommend("""
                database: {engine: postgresql, max_connections: 410}
                between: {pooler: rds-proxy}
                application: {instances: 20, threads: 50}
                """);

        assertThat(r.isFeasible()).as(text(r)).isTrue();
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).as(text(r)).isEqualTo(21);
        assertThat(r.hasWarning("FLEET_OVER_BUDGET")).as(text(r)).isFalse();
    }

    @Test
    void theFixOfferedForTooManyBusyConnectionsIsToAvoidPinningNotOnlyToCapConcurrency() {
        Recommendation r = recommend("""
                database: {engine: mysql, max_connections: 200}
                between: {pooler: rds-proxy}
                application: {serverless: {max_concurrency: 1000}}
                """);

        assertThat(r.isFeasible()).isTrue();
        assertThat(warning(r, "RDS_PROXY_PINNING")).contains("Avoid pinning").contains("prepared statements");
        assertThat(warning(r, "RDS_PROXY_BUSY")).contains("cap the functions' concurrency");
    }
}
