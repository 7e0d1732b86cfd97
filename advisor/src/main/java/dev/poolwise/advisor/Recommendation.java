package dev.poolwise.advisor;

import java.util.List;
import java.util.Optional;

/**
 * The advisor's answer for one {@link Deployment}: pool settings and driver settings, each with its reason;
 * the fleet against the budget; warnings; and, when no configuration can work, why not and what would fix
 * it. An infeasible recommendation carries no pool or pooler settings, so that nothing renders a configuration
 * that cannot work; it keeps the driver settings, which do not depend on the size (such as
 * {@code prepareThreshold=0} behind a transaction pooler).
 *
 * @param deployment       what was asked about
 * @param poolSettings     settings for each process's pool, keyed as Poolwise's properties
 * @param driverSettings   JDBC driver parameters (e.g. {@code prepareThreshold=0} behind a transaction pooler),
 *                         given whether or not a configuration is feasible
 * @param budget           the fleet against the database's (or the pooler's) budget
 * @param warnings         things to know or change, in plain words
 * @param infeasibilities  why no configuration can work; empty when one can
 * @param poolerSettings   settings for a PgBouncer the user runs ({@code pgbouncer.ini} keys, e.g.
 *                         {@code default_pool_size}); empty when the deployment has none
 */
public record Recommendation(Deployment deployment, List<Setting> poolSettings, List<Setting> driverSettings,
                             ConnectionBudget budget, List<Warning> warnings,
                             List<Infeasibility> infeasibilities, List<Setting> poolerSettings) {

    /** Copies the lists; an infeasible recommendation keeps no pool or pooler settings, only the driver's. */
    public Recommendation {
        infeasibilities = List.copyOf(infeasibilities);
        poolSettings = infeasibilities.isEmpty() ? List.copyOf(poolSettings) : List.of();
        driverSettings = List.copyOf(driverSettings);
        poolerSettings = infeasibilities.isEmpty() && poolerSettings != null ? List.copyOf(poolerSettings) : List.of();
        warnings = List.copyOf(warnings);
    }

    /**
     * A recommendation without pooler settings (no PgBouncer the user runs).
     *
     * @param deployment      what was asked about
     * @param poolSettings    settings for each process's pool
     * @param driverSettings  JDBC driver parameters
     * @param budget          the fleet against the budget
     * @param warnings        things to know or change
     * @param infeasibilities why no configuration can work; empty when one can
     */
    public Recommendation(Deployment deployment, List<Setting> poolSettings, List<Setting> driverSettings,
                          ConnectionBudget budget, List<Warning> warnings, List<Infeasibility> infeasibilities) {
        this(deployment, poolSettings, driverSettings, budget, warnings, infeasibilities, List.of());
    }

    /** @return whether a configuration exists; when not, {@link #infeasibilities()} says why */
    public boolean isFeasible() {
        return infeasibilities.isEmpty();
    }

    /**
     * @param name a pool setting's Poolwise key, e.g. {@code maximumPoolSize}
     * @return the setting, if recommended
     */
    public Optional<Setting> poolSetting(String name) {
        return poolSettings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * @param name a driver parameter, e.g. {@code prepareThreshold}
     * @return the setting, if recommended
     */
    public Optional<Setting> driverSetting(String name) {
        return driverSettings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * @param name a {@code pgbouncer.ini} key, e.g. {@code default_pool_size}
     * @return the setting, if recommended
     */
    public Optional<Setting> poolerSetting(String name) {
        return poolerSettings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return whether each process should open a connection per borrow ({@code mode=unpooled}) */
    public boolean isUnpooled() {
        return poolSetting("mode").map(s -> "unpooled".equals(s.value())).orElse(false);
    }

    /**
     * @param code a warning code, e.g. {@code FLEET_OVER_BUDGET}
     * @return whether the recommendation carries that warning
     */
    public boolean hasWarning(String code) {
        return warnings.stream().anyMatch(w -> w.code().equals(code));
    }
}
