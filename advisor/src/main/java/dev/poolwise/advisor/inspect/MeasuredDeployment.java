package dev.poolwise.advisor.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolwise.advisor.ConnectionBudget;
import dev.poolwise.advisor.Database;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.HumanDuration;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.Pooler;
import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.Warning;

/**
 * Puts an {@link InspectionReport}'s readings into the advisor in place of catalog values: the measured
 * {@code max_connections} and reserved slots, MySQL's {@code wait_timeout} and PostgreSQL's
 * {@code idle_session_timeout}, the provider recognized from the host and the pooler seen in between. The
 * application and workload still come from the user. Use it in three steps:
 * <ol>
 *   <li>build the user's {@link Deployment} with {@link #provider} and {@link #pooler} (unless the user names
 *       another pooler) and the report's engine;</li>
 *   <li>{@link #apply} the readings to it and give the result to {@link dev.poolwise.advisor.SizingRules};</li>
 *   <li>{@link #annotate} the recommendation with what the readings add (timeouts that end transactions,
 *       connections already open).</li>
 * </ol>
 * One exception: PlanetScale MySQL's limit is its transaction pool, not the {@code max_connections} its
 * edge reports, so there the measured count is not used and the plan ({@code compute}) still decides.
 */
public final class MeasuredDeployment {

    private MeasuredDeployment() {
    }

    /**
     * @param report what was read
     * @return the provider the host name names ({@link Provider#SELF_MANAGED} when none)
     */
    public static Provider provider(InspectionReport report) {
        return report.host().provider();
    }

    /**
     * The host name decides for a provider's host: providers route direct endpoints through proxies of their
     * own (Neon does), and a proxy that answers the startup itself (inferred, not documented) looks to the
     * session signals like a pooler. For other hosts the session decides.
     *
     * @param report what was read
     * @return for a provider's host, the pooler its name names ({@link Pooler#NONE} for a direct endpoint);
     *         otherwise the PgBouncer detected in between (in the mode seen), else {@link Pooler#NONE}
     * @throws MissingInputsException ({@code between.pooler}) when a pooler was detected in front of a host
     *                                that is not a provider's but its pool mode could not be told
     */
    public static Pooler pooler(InspectionReport report) {
        PoolerKind named = report.host().pooler();
        if (named != PoolerKind.NONE || report.host().isRecognized()) {
            return named == PoolerKind.NONE ? Pooler.NONE : new Pooler(named, null, null, null);
        }
        PoolerDetection seen = report.pooler();
        if (!seen.detected()) {
            return Pooler.NONE;
        }
        if (seen.mode() == null) {
            throw new MissingInputsException(List.of("between.pooler: a pooler sits between this connection and"
                    + " the server, but its pool mode could not be told; give pgbouncer-session or"
                    + " pgbouncer-transaction"));
        }
        return new Pooler(seen.mode().equals("session") ? PoolerKind.PGBOUNCER_SESSION
                : PoolerKind.PGBOUNCER_TRANSACTION, null, null, null);
    }

    /**
     * @param report what was read
     * @param given  the user's deployment, built with the report's engine and {@link #provider}; its compute
     *               size, cores, spindles and scale-to-zero delay are kept
     * @return the same deployment with the measured limits and timeouts in its database
     */
    public static Deployment apply(InspectionReport report, Deployment given) {
        Database d = given.database();
        Engine engine = report.engine();
        boolean transactionPool = d.provider() == Provider.PLANETSCALE && engine == Engine.MYSQL;
        Integer max = transactionPool ? d.maxConnections() : Integer.valueOf(report.maxConnections());
        Integer reserved = transactionPool ? d.reservedConnections() : Integer.valueOf(report.reservedConnections());
        Duration waitTimeout = engine.isMysqlFamily() ? onDuration(report, "wait_timeout") : null;
        Duration idleSession = engine == Engine.POSTGRESQL ? onDuration(report, "idle_session_timeout") : null;
        // The measured max_connections replaces what an instance class would give; the headroom is the user's.
        Database measured = new Database(engine, d.provider(), d.compute(), d.minCompute(), max, reserved, d.cores(),
                d.spindles(), waitTimeout, d.suspendAfter(), idleSession, null, d.headroom());
        return new Deployment(measured, given.between(), given.application(), given.workload());
    }

    /**
     * @param report         what was read
     * @param recommendation the advisor's recommendation for {@link #apply}'s deployment
     * @return the recommendation with warnings the readings add: timeouts that end sessions in a transaction
     *         or cancel statements, an {@code idle_session_timeout} seen through a pooler, a detected PgBouncer
     *         whose limits were assumed, and connections already open (or used at peak) that leave the fleet
     *         less than the budget assumes
     */
    public static Recommendation annotate(InspectionReport report, Recommendation recommendation) {
        List<Warning> warnings = new ArrayList<>(recommendation.warnings());
        report.timeout("idle_in_transaction_session_timeout").filter(ServerSetting::isOn).ifPresent(s ->
                warnings.add(new Warning("IDLE_IN_TRANSACTION_TIMEOUT", "The server ends a session left idle inside"
                        + " an open transaction for " + HumanDuration.format(s.duration())
                        + " (idle_in_transaction_session_timeout): code that holds a transaction open while it waits"
                        + " on something else loses its connection, and the pool discards it as broken.")));
        report.timeout("transaction_timeout").filter(ServerSetting::isOn).ifPresent(s ->
                warnings.add(new Warning("TRANSACTION_TIMEOUT", "The server ends a session whose transaction lasts"
                        + " longer than " + HumanDuration.format(s.duration()) + " (transaction_timeout).")));
        report.timeout("statement_timeout").filter(ServerSetting::isOn).ifPresent(s ->
                warnings.add(new Warning("STATEMENT_TIMEOUT", "The server cancels statements running longer than "
                        + HumanDuration.format(s.duration()) + " (statement_timeout); the connection stays usable.")));
        if (recommendation.deployment().between().kind() != PoolerKind.NONE) {
            report.timeout("idle_session_timeout").filter(ServerSetting::isOn).ifPresent(s ->
                    warnings.add(new Warning("IDLE_SESSION_TIMEOUT_BEHIND_POOLER", "idle_session_timeout "
                            + HumanDuration.format(s.duration()) + " ends the pooler's idle server connections;"
                            + " keep the pooler's server_idle_timeout below it (PostgreSQL's docs advise"
                            + " against this timeout with poolers).")));
        }
        Pooler between = recommendation.deployment().between();
        if (report.pooler().detected() && between.kind().isPgBouncer()
                && (between.maxClientConnections() == null || between.poolSize() == null)) {
            // This says it for a detected PgBouncer, with where to read the real limits: it replaces the
            // advisor's own line about the assumed max_client_conn.
            warnings.removeIf(w -> w.code().equals("ASSUMED_DEFAULT") && w.message().contains("max_client_conn"));
            warnings.add(new Warning("POOLER_LIMITS_ASSUMED", "A client cannot read PgBouncer's own limits: the"
                    + " budget assumes its defaults for what was not given (max_client_conn 100,"
                    + " default_pool_size 20). Give the real ones (pgbouncer.ini, or SHOW CONFIG on its admin"
                    + " console) with --pooler-max-clients and --pooler-pool-size."));
        }
        ConnectionBudget budget = recommendation.budget();
        int others = report.openConnections() - 1;
        int usable = report.maxConnections() - report.reservedConnections();
        if (recommendation.isFeasible() && recommendation.deployment().between().kind() == PoolerKind.NONE
                && others > 0 && others + budget.fleetTotalAtMax() > usable) {
            warnings.add(new Warning("CONNECTIONS_ALREADY_OPEN", others + " other connections are open now; if they"
                    + " are not this fleet's own, they and the fleet's " + budget.fleetTotalAtMax() + " add up to "
                    + (others + budget.fleetTotalAtMax()) + ", over the " + usable + " the server admits ("
                    + report.maxConnections() + " − " + report.reservedConnections() + " reserved)."));
        }
        Integer peak = report.maxUsedConnections();
        if (peak != null && peak * 10 >= report.maxConnections() * 9) {
            warnings.add(new Warning("PEAK_NEAR_MAX_CONNECTIONS", "The server has had " + peak + " connections at"
                    + " once since it started (Max_used_connections), against max_connections "
                    + report.maxConnections() + ": it has been at or near its limit."));
        }
        return new Recommendation(recommendation.deployment(), recommendation.poolSettings(),
                recommendation.driverSettings(), recommendation.budget(), warnings,
                recommendation.infeasibilities());
    }

    private static Duration onDuration(InspectionReport report, String name) {
        return report.timeout(name).filter(ServerSetting::isOn).map(ServerSetting::duration).orElse(null);
    }
}
