package dev.poolwise.cli.tune;

import java.util.Optional;

import dev.poolwise.advisor.Application;
import dev.poolwise.advisor.Database;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.InvalidDeploymentException;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.Pooler;
import dev.poolwise.advisor.Provider;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.Setting;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.advisor.Workload;

/**
 * The advisor's answer for the deployment tune measures, to set beside the measured one: a self-managed
 * server with the {@code max_connections} and reserved slots read from it and the cores given (this
 * machine's for the embedded database), one instance of one process, and the clients as its threads. No
 * hold time or rate goes in: this is the answer from formulas alone, before any measurement.
 */
public final class StaticAdvice {

    private StaticAdvice() {
    }

    /** @return the rule and the first clause of its formula, e.g. {@code pool size: pools of 4: need (Little's law) is 4 and decides} */
    private static String brief(Setting setting) {
        String formula = setting.reason().formula();
        int end = formula.indexOf("; ");
        return setting.reason().rule() + ": " + (end > 0 ? formula.substring(0, end) : formula);
    }

    /**
     * @param dialect the database's dialect
     * @param facts   what was read from the server
     * @param cores   the database server's cores, or {@code null} when unknown
     * @param clients the client threads
     * @return the advisor's {@code maximumPoolSize} with its reason, or empty when it recommends none (an
     *         infeasible deployment)
     */
    public static Optional<TuneResults.AdvisorAnswer> advise(Dialect dialect, TuneDatabase.ServerFacts facts,
                                                             Integer cores, int clients) {
        try {
            int reserved = Math.min(facts.reserved(), facts.maxConnections() - 1);
            Database database = new Database(dialect.engine(), Provider.SELF_MANAGED, null, null,
                    facts.maxConnections(), reserved, cores, null, null, null);
            Application application = new Application(1, 1, 1, clients, null, null, null, null);
            Deployment deployment = new Deployment(database, Pooler.NONE, application, Workload.UNKNOWN);
            Recommendation recommendation = SizingRules.withBundledCatalog().recommend(deployment);
            Optional<Setting> size = recommendation.poolSetting("maximumPoolSize");
            String inputs = dialect.engine().id() + ", max_connections " + facts.maxConnections() + ", reserved "
                    + reserved + ", " + (cores != null ? cores + " cores" : "cores unknown")
                    + "; 1 instance × 1 process × " + clients + " threads; no hold time or rate";
            return size.map(s -> new TuneResults.AdvisorAnswer(s.intValue(), brief(s), s.reason().describe(), inputs));
        } catch (InvalidDeploymentException | MissingInputsException e) {
            return Optional.empty();
        }
    }
}
