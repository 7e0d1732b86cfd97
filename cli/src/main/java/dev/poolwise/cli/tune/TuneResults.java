package dev.poolwise.cli.tune;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run of {@code poolwise tune} found, for the JSON file, the HTML report and the summary.
 *
 * @param version         Poolwise's version
 * @param startedAt       when the run started
 * @param elapsed         how long it ran
 * @param settings        what was run
 * @param machine         where tune ran
 * @param database        what it ran on
 * @param steps           each pool's measured sizes (all rounds at a size together), smallest first; the first
 *                        pool is Poolwise
 * @param recommendations each pool's choice by {@link RecommendationRule}, where it had clean steps
 * @param advisor         the advisor's static answer for this machine, or {@code null} when it gave none
 * @param interrupted     whether the run was stopped early (Ctrl-C), so that the steps are not all there
 * @param adaptive        with {@code --adaptive} or {@code --phases}: each phase's sweep, the adaptive pool's
 *                        trace and its verdicts; otherwise {@code null}. With {@code --phases}, {@code steps} and
 *                        {@code recommendations} are the first phase's
 */
public record TuneResults(String version, Instant startedAt, Duration elapsed, Settings settings, Machine machine,
                          DatabaseInfo database, Map<MeasuredPool, List<SizeResult>> steps,
                          Map<MeasuredPool, RecommendationRule.Choice> recommendations, AdvisorAnswer advisor,
                          boolean interrupted, AdaptiveResults adaptive) {

    /** HikariCP's default {@code maximumPoolSize}, marked on the charts for comparison. */
    public static final int HIKARI_DEFAULT_SIZE = 10;

    /**
     * Copies the maps, so that the results stay as they were made.
     *
     * @param version         Poolwise's version
     * @param startedAt       when the run started
     * @param elapsed         how long it ran
     * @param settings        what was run
     * @param machine         where tune ran
     * @param database        what it ran on
     * @param steps           each pool's finished steps
     * @param recommendations each pool's choice
     * @param advisor         the advisor's static answer, or {@code null}
     * @param interrupted     whether the run was stopped early
     * @param adaptive        the adaptive run's results, or {@code null}
     */
    public TuneResults {
        steps = Map.copyOf(steps);
        recommendations = Map.copyOf(recommendations);
    }

    /**
     * A run without the adaptive pool.
     *
     * @param version         Poolwise's version
     * @param startedAt       when the run started
     * @param elapsed         how long it ran
     * @param settings        what was run
     * @param machine         where tune ran
     * @param database        what it ran on
     * @param steps           each pool's finished steps
     * @param recommendations each pool's choice
     * @param advisor         the advisor's static answer, or {@code null}
     * @param interrupted     whether the run was stopped early
     */
    public TuneResults(String version, Instant startedAt, Duration elapsed, Settings settings, Machine machine,
                       DatabaseInfo database, Map<MeasuredPool, List<SizeResult>> steps,
                       Map<MeasuredPool, RecommendationRule.Choice> recommendations, AdvisorAnswer advisor,
                       boolean interrupted) {
        this(version, startedAt, elapsed, settings, machine, database, steps, recommendations, advisor, interrupted,
                null);
    }

    /**
     * @return a note when Poolwise's recommendation is the largest size measured, so that a better size may lie
     *         beyond the sweep; otherwise empty
     */
    public Optional<String> edgeNote() {
        Optional<RecommendationRule.Choice> choice = recommendation();
        List<SizeResult> measured = steps.getOrDefault(MeasuredPool.POOLWISE, List.of());
        if (choice.isEmpty() || measured.isEmpty()) {
            return Optional.empty();
        }
        int largest = measured.stream().mapToInt(SizeResult::size).max().orElseThrow();
        if (choice.get().size() != largest) {
            return Optional.empty();
        }
        return Optional.of("The recommendation is the largest size measured, so a larger pool may do better still:"
                + " run again with larger --sizes" + (largest >= settings.clients() ? " and more --clients" : "")
                + ".");
    }

    /** @return the pools measured, Poolwise first */
    public List<MeasuredPool> pools() {
        return settings.pools();
    }

    /** @return Poolwise's recommendation, the headline answer, or empty when no step was clean */
    public Optional<RecommendationRule.Choice> recommendation() {
        return Optional.ofNullable(recommendations.get(MeasuredPool.POOLWISE));
    }

    /**
     * What was run.
     *
     * @param workload            the workload's name
     * @param workloadDescription what one unit of work does
     * @param scale               the pgbench scale loaded
     * @param clients             client threads in the closed loop
     * @param coarseSizes         the coarse sweep's sizes
     * @param refinementLimit     the most sizes added around the coarse answer
     * @param rounds              rounds per size, each in a new random order
     * @param remeasureBudget     the time allowed for re-measuring noisy sizes
     * @param seed                the seed of the rounds' random order
     * @param warmup              each step's warm-up
     * @param measure             each step's measured window
     * @param quick               whether {@code --quick} was given
     * @param pools               the pools measured, Poolwise first
     */
    public record Settings(String workload, String workloadDescription, int scale, int clients,
                           List<Integer> coarseSizes, int refinementLimit, int rounds, Duration remeasureBudget,
                           long seed, Duration warmup, Duration measure, Duration settle, boolean quick,
                           List<MeasuredPool> pools) {
        /**
         * Copies the lists, so that the settings stay as they were given.
         *
         * @param workload            the workload's name
         * @param workloadDescription what one unit of work does
         * @param scale               the pgbench scale
         * @param clients             client threads
         * @param coarseSizes         the coarse sizes
         * @param refinementLimit     the most sizes added
         * @param rounds              rounds per size
         * @param remeasureBudget     the time for re-measuring
         * @param seed                the rounds' random order's seed
         * @param warmup              each step's warm-up
         * @param measure             each step's window
         * @param settle              the unmeasured run at the largest size after loading; zero for none
         * @param quick               whether {@code --quick} was given
         * @param pools               the pools measured
         */
        public Settings {
            coarseSizes = List.copyOf(coarseSizes);
            pools = List.copyOf(pools);
        }
    }

    /**
     * The machine tune ran on (the clients' machine; also the database's when it is embedded).
     *
     * @param cores     {@code Runtime.availableProcessors()}
     * @param os        operating system name and version
     * @param arch      CPU architecture
     * @param java      the JVM's vendor and version
     * @param maxHeapMb the JVM's maximum heap
     */
    public record Machine(int cores, String os, String arch, String java, long maxHeapMb) {
        /** @return this JVM's machine */
        public static Machine current() {
            Runtime runtime = Runtime.getRuntime();
            return new Machine(runtime.availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"),
                    System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                    runtime.maxMemory() / (1024 * 1024));
        }
    }

    /**
     * The database tune ran on.
     *
     * @param engine         e.g. {@code PostgreSQL}
     * @param version        the server's version
     * @param url            the JDBC URL, password masked
     * @param embedded       whether tune started it
     * @param maxConnections its {@code max_connections}
     * @param reserved       slots ordinary users cannot use
     * @param cores          the server's cores as given to the advisor, or {@code null} when unknown
     * @param schema         the schema or database tune's tables were in
     * @param kept           whether that schema was kept ({@code --keep})
     * @param activityNote   why the activity view could not be read, or {@code null}
     */
    public record DatabaseInfo(String engine, String version, String url, boolean embedded, int maxConnections,
                               int reserved, Integer cores, String schema, boolean kept, String activityNote) {
    }

    /**
     * The advisor's static recommendation for this deployment: one instance, one process, the clients as
     * threads, the database's limits and cores.
     *
     * @param size    its {@code maximumPoolSize}
     * @param brief   the rule and the formula's first clause, for the summary
     * @param formula the rule and the whole formula behind it, with its sources
     * @param inputs  the deployment in words
     */
    public record AdvisorAnswer(int size, String brief, String formula, String inputs) {
    }
}
