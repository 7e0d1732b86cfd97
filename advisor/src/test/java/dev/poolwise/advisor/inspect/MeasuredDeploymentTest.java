package dev.poolwise.advisor.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.SizingRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readings in place of catalog values, on reports built by hand (the inspector tests read real servers). */
class MeasuredDeploymentTest {

    private static final SizingRules RULES = SizingRules.withBundledCatalog();

    /** A report of a server, as the inspector would build it. */
    private static InspectionReport report(String url, Engine engine, int max, int reserved,
                                           List<ServerSetting> timeouts, int open, Integer maxUsed) {
        Endpoint endpoint = Endpoint.parse(url);
        List<ConnectionGroup> groups = new ArrayList<>();
        groups.add(new ConnectionGroup("idle", "app", "app", "app", open));
        return new InspectionReport(endpoint, engine, "test", max, reserved, List.of(), timeouts, groups,
                maxUsed == null ? null : open, maxUsed, HostRecognizer.recognize(endpoint),
                PoolerDetection.none(List.of()), List.of());
    }

    private static ServerSetting timeout(String name, Duration value) {
        return new ServerSetting(name, value.toMillis() + "ms", value, "");
    }

    /** Builds the user's deployment the way {@code poolwise inspect --advise} does, then applies the readings. */
    private static Recommendation advise(InspectionReport report, String extraDatabase, String application) {
        String yaml = "database: {engine: " + report.engine().id() + ", provider: "
                + MeasuredDeployment.provider(report).id() + extraDatabase + "}\n"
                + "between: {pooler: " + MeasuredDeployment.pooler(report).kind().id() + "}\n"
                + "application: " + application + "\n";
        Deployment given = DeploymentReader.read(yaml);
        Deployment measured = MeasuredDeployment.apply(report, given);
        return MeasuredDeployment.annotate(report, RULES.recommend(measured));
    }

    @Test
    void measuredMaxConnectionsAndReservedSlotsReplaceTheCatalogsDefaults() {
        InspectionReport report = report("jdbc:postgresql://db.example.com/app", Engine.POSTGRESQL, 57, 4,
                List.of(), 3, null);

        Recommendation r = advise(report, ", cores: 8", "{instances: 2, threads: 10}");

        assertThat(r.budget().limit()).isEqualTo(57);
        assertThat(r.budget().reserved()).isEqualTo(4);
        assertThat(r.deployment().database().cores()).isEqualTo(8);
    }

    @Test
    void measuredWaitTimeoutKeepsLifetimesBelowIt() {
        InspectionReport report = report("jdbc:mariadb://db.example.com/app", Engine.MARIADB, 151, 0,
                List.of(timeout("wait_timeout", Duration.ofMinutes(10))), 1, 5);

        Recommendation r = advise(report, "", "{instances: 1, threads: 4}");

        // 10m − max(1m, 10%) = 9m
        assertThat(r.poolSetting("maxLifetime").orElseThrow().duration()).isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void measuredIdleSessionTimeoutKeepsLifetimeAndKeepaliveBelowItOnADirectConnection() {
        InspectionReport report = report("jdbc:postgresql://db.example.com/app", Engine.POSTGRESQL, 100, 3,
                List.of(timeout("idle_session_timeout", Duration.ofMinutes(5))), 1, null);

        Recommendation r = advise(report, "", "{instances: 1, threads: 4}");

        // 5m − max(1m, 10%) = 4m
        assertThat(r.poolSetting("maxLifetime").orElseThrow().duration()).isEqualTo(Duration.ofMinutes(4));
        assertThat(r.poolSetting("idleTimeout").orElseThrow().duration()).isLessThanOrEqualTo(Duration.ofMinutes(4));
        assertThat(r.poolSetting("maxLifetime").orElseThrow().reason().formula())
                .contains("postgresql idle_session_timeout 5m");
        assertThat(r.hasWarning("IDLE_SESSION_TIMEOUT_BEHIND_POOLER")).isFalse();
    }

    @Test
    void idleSessionTimeoutBehindAPoolerEndsThePoolersConnectionsNotTheApplications() {
        InspectionReport report = report("jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/db",
                Engine.POSTGRESQL, 104, 7, List.of(timeout("idle_session_timeout", Duration.ofMinutes(5))), 1, null);

        Recommendation r = advise(report, ", suspend_after: 0", "{instances: 1, threads: 4}");

        assertThat(r.deployment().between().kind()).isEqualTo(PoolerKind.NEON_POOLER);
        assertThat(r.poolSetting("maxLifetime").orElseThrow().duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.hasWarning("IDLE_SESSION_TIMEOUT_BEHIND_POOLER")).isTrue();
    }

    @Test
    void planetScaleMysqlKeepsItsTransactionPoolFromThePlanNotTheReportedMaxConnections() {
        InspectionReport report = report("jdbc:mysql://aws.connect.psdb.cloud/app", Engine.MYSQL, 10000, 0,
                List.of(), 1, null);

        Recommendation r = advise(report, ", compute: PS-40", "{instances: 1, threads: 4}");

        assertThat(r.deployment().database().provider()).isEqualTo(Provider.PLANETSCALE);
        assertThat(r.budget().limit()).isEqualTo(75);
    }

    @Test
    void warnsAboutTimeoutsThatEndTransactionsOrCancelStatements() {
        InspectionReport report = report("jdbc:postgresql://db.example.com/app", Engine.POSTGRESQL, 100, 3,
                List.of(timeout("idle_in_transaction_session_timeout", Duration.ofSeconds(30)),
                        timeout("statement_timeout", Duration.ofSeconds(15)),
                        timeout("transaction_timeout", Duration.ZERO)), 1, null);

        Recommendation r = advise(report, "", "{instances: 1, threads: 4}");

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("IDLE_IN_TRANSACTION_TIMEOUT")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("30s"));
        assertThat(r.hasWarning("STATEMENT_TIMEOUT")).isTrue();
        assertThat(r.hasWarning("TRANSACTION_TIMEOUT")).isFalse();
    }

    @Test
    void warnsWhenConnectionsAlreadyOpenLeaveTooLittleForTheFleet() {
        InspectionReport crowded = report("jdbc:postgresql://db.example.com/app", Engine.POSTGRESQL, 100, 3,
                List.of(), 80, null);
        InspectionReport quiet = report("jdbc:postgresql://db.example.com/app", Engine.POSTGRESQL, 100, 3,
                List.of(), 2, null);

        Recommendation r = advise(crowded, "", "{instances: 4, threads: 10}");

        assertThat(r.warnings()).filteredOn(w -> w.code().equals("CONNECTIONS_ALREADY_OPEN")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("79 other connections").contains("over the 97"));
        assertThat(advise(quiet, "", "{instances: 4, threads: 10}").hasWarning("CONNECTIONS_ALREADY_OPEN")).isFalse();
    }

    @Test
    void aDetectedPgBouncerBecomesThePoolerAndItsAssumedLimitsAreSaid() {
        Endpoint endpoint = Endpoint.parse("jdbc:postgresql://bouncer.example.com:6432/app");
        InspectionReport report = new InspectionReport(endpoint, Engine.POSTGRESQL, "test", 100, 3, List.of(),
                List.of(), List.of(), null, null, HostRecognizer.recognize(endpoint),
                new PoolerDetection(true, "session", List.of("backend key differs")), List.of());

        Recommendation r = advise(report, "", "{instances: 1, threads: 4}");

        assertThat(r.deployment().between().kind()).isEqualTo(PoolerKind.PGBOUNCER_SESSION);
        assertThat(r.hasWarning("POOLER_LIMITS_ASSUMED")).isTrue();
    }

    @Test
    void aProvidersHostNameDecidesOverTheSessionSignals() {
        // A provider's proxy in front of a direct endpoint may answer the startup itself; that is no pooler.
        Endpoint endpoint = Endpoint.parse("jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech/db");
        InspectionReport report = new InspectionReport(endpoint, Engine.POSTGRESQL, "test", 104, 7, List.of(),
                List.of(), List.of(), null, null, HostRecognizer.recognize(endpoint),
                new PoolerDetection(true, "session", List.of("backend key differs")), List.of());

        assertThat(MeasuredDeployment.pooler(report).kind()).isEqualTo(PoolerKind.NONE);
    }

    @Test
    void warnsWhenTheMysqlPeakReachedMaxConnections() {
        InspectionReport report = report("jdbc:mysql://db.example.com/app", Engine.MYSQL, 151, 0, List.of(), 1, 151);

        assertThat(advise(report, "", "{instances: 1, threads: 4}").hasWarning("PEAK_NEAR_MAX_CONNECTIONS")).isTrue();
    }
}
