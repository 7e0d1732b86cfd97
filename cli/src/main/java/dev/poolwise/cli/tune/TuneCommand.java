package dev.poolwise.cli.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import dev.poolwise.cli.common.DatabaseOptions;
import dev.poolwise.cli.common.DatabaseTarget;
import dev.poolwise.cli.common.DurationConverter;
import dev.poolwise.cli.common.ShutdownCleanup;
import dev.poolwise.cli.common.Terminal;
import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise tune}: finds the right pool size by measuring. Runs a workload through a Poolwise pool at a
 * sweep of sizes against a real database (embedded PostgreSQL by default), recommends the smallest size that
 * gives nearly the best throughput and p99 latency, and writes an HTML report with charts and a JSON file.
 *
 * <p>Exit codes: 0 measured and recommended; 1 the run failed or was stopped, or no step ran cleanly; 2 a
 * usage error.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Measures throughput and latency at a sweep of pool sizes on a real database and recommends one.",
            "",
            "Formulas give a starting point (poolwise advise); a measurement on the real database settles it."
                    + " Tune loads pgbench's tables, runs --clients threads in a closed loop through a Poolwise"
                    + " pool at each size (1, 2, 4 ... 64, then a few around the best), each size --rounds times"
                    + " in a random order, measures noisy sizes again, and picks the smallest pool size whose"
                    + " throughput is within 5%% of the best or statistically tied with it (95%% intervals"
                    + " overlap) and whose p99 latency is within 10%% of the best p99, saying how firm that is.",
            "",
            "By default it starts an embedded PostgreSQL (nothing to install). With --url it runs on that"
                    + " database, in a schema (PostgreSQL) or database (MySQL, MariaDB) of its own that it drops at"
                    + " the end; it never touches other tables.",
            "",
            "Writes report.html (charts, no network needed to view) and results.json to --out. The default run"
                    + " takes about two minutes; --quick about thirty seconds."
        },
        footer = {"", "Examples:",
            "  poolwise tune",
            "  poolwise tune --quick --workload sleep",
            "  poolwise tune --workload tpcb --scale 64",
            "  poolwise tune --compare hikari --out tune-report",
            "  poolwise tune --adaptive --phases read,hot-row --phase-length 60s",
            "  POOLWISE_PASSWORD=secret poolwise tune --url jdbc:postgresql://db:5432/app --user app",
            "  poolwise tune --url jdbc:mariadb://127.0.0.1:3306/test --user root --sql my-transaction.sql",
            "", "Exit codes: 0 recommended, 1 failed or stopped, 2 usage error. See docs/tune.md."})
public final class TuneCommand implements Callable<Integer> {

    /** The default warm-up of each step. */
    static final Duration WARMUP = Duration.ofSeconds(1);
    /** The default measured window of each step: six half-second slices, the samples of the interval. */
    static final Duration MEASURE = Duration.ofSeconds(3);
    /** The warm-up of each step with {@code --quick}. */
    static final Duration QUICK_WARMUP = Duration.ofMillis(500);
    /**
     * How long the first phase's workload runs at the largest size, unmeasured, between loading the tables and
     * the first step. On the development machine the steps of the first half minute after loading ran large
     * pools of {@code read} about 40% faster than the same sizes later in the run (24 connections at 71,700/s
     * in the first step, 47,900 to 53,100/s in three later rounds), which made one early round the sweep's best.
     */
    static final Duration SETTLE = Duration.ofSeconds(30);
    /** The measured window of each step with {@code --quick}. */
    static final Duration QUICK_MEASURE = Duration.ofSeconds(1);
    /** The default time spent re-measuring noisy sizes after the sweep. */
    static final Duration REMEASURE = Duration.ofSeconds(20);
    /** The same with {@code --quick}. */
    static final Duration QUICK_REMEASURE = Duration.ofSeconds(3);
    /** Rounds per size, by default and with {@code --quick}. */
    static final int ROUNDS = 2;
    /** How long Ctrl-C waits for tune to write its report and clean up before it cleans up itself. */
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);
    /** Connections tune needs beyond the largest pool: the activity monitor and the setup connection. */
    private static final int OWN_CONNECTIONS = 2;
    /** The settle run's window after its warm-up: the shortest a step allows; its figures are discarded. */
    private static final Duration SETTLE_WINDOW = Duration.ofMillis(100);

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "read-write (default: pgbench's simple-update, no hot row), tpcb (pgbench's TPC-B-like"
                    + " transaction; give --scale at least the largest size), hot-row (TPC-B on one branch row:"
                    + " shows lock contention), read (select by primary key), sleep (holds the connection while"
                    + " the database waits " + BuiltInWorkload.SLEEP_MILLIS + " ms), mixed.")
    private String workload;

    @Option(names = "--sql", paramLabel = "FILE",
            description = "Your own statements instead of --workload: separated by ;, one transaction per unit"
                    + " of work; :aid :bid :tid :delta are random pgbench values. See docs/tune.md.")
    private Path sqlFile;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "10",
            description = "pgbench scale: N branches, 10N tellers, 100,000N accounts (default: ${DEFAULT-VALUE}).")
    private int scale;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "64",
            description = "Client threads in the closed loop (default: ${DEFAULT-VALUE}); at least the largest"
                    + " size, so that the pool, not the clients, is what limits.")
    private int clients;

    @Option(names = "--sizes", paramLabel = "N,N,...", split = ",", hideParamSyntax = true,
            description = "The coarse sweep's pool sizes (default: 1,2,4,8,16,32,64; with --quick 1,2,4,8,16).")
    private List<Integer> sizes;

    @Option(names = "--refine", paramLabel = "N",
            description = "Sizes to add around the coarse sweep's best (default: 3; with --quick 2; 0 for none).")
    private Integer refine;

    @Option(names = "--quick", description = "A shorter run, about thirty seconds: sizes 1 to 16, 1.5 s per step,"
            + " so a less firm answer.")
    private boolean quick;

    @Option(names = "--rounds", paramLabel = "N",
            description = "How many times each size is measured, each round in a new random order (default: "
                    + ROUNDS + ").")
    private Integer rounds;

    @Option(names = "--remeasure", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time to spend measuring noisy sizes again after the sweep (default: 20s; with --quick 3s;"
                    + " 0s for none).")
    private Duration remeasure;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seeds the random order of the rounds, to repeat a run's order (default: random; the"
                    + " results say which).")
    private Long seed;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each step's warm-up before measuring (default: 1s; with --quick 500ms).")
    private Duration warmup;

    @Option(names = "--measure", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each step's measured window (default: 3s; with --quick 1s).")
    private Duration measure;

    @Option(names = "--settle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the workload runs at the largest size, unmeasured, after loading the tables and"
                    + " before the first step (default: 30s; with --quick 0s; 0s for none).")
    private Duration settle;

    @Option(names = "--compare", paramLabel = "POOL",
            description = "Also run every size through this pool and draw both: hikari.")
    private String compare;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "poolwise-tune",
            description = "Where to write report.html and results.json (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private AdaptiveOptions adaptiveOptions;

    @Mixin
    private DatabaseOptions databaseOptions;

    @Option(names = "--db-cores", paramLabel = "N",
            description = "The database server's CPU cores, for the advisor's static answer (default: this"
                    + " machine's for the embedded database or a URL on localhost; otherwise unknown).")
    private Integer dbCores;

    @Option(names = "--keep", description = "Keep tune's schema and tables at the end (to inspect them).")
    private boolean keep;

    private volatile boolean interrupted;
    private volatile StepRunner runner;
    private volatile AdaptiveRunner adaptiveRunner;
    private volatile DatabaseTarget target;
    private volatile TuneDatabase database;

    @Override
    public Integer call() throws Exception {
        Plan plan = validate();
        Files.createDirectories(out);
        return ShutdownCleanup.run("poolwise-tune-shutdown", CLEANUP_WAIT, this::stopOnShutdown, this::cleanUpAfterAll,
                () -> run(plan));
    }

    /** The checked inputs. */
    private record Plan(List<Integer> coarse, int refinement, int rounds, Duration remeasure, long seed,
                        Duration warmup, Duration measure, Duration settle, List<MeasuredPool> pools,
                        BuiltInWorkload builtIn,
                        PgbenchSchema schema, AdaptiveOptions.Settings adaptive) {
        /** @return the largest pool the sweep opens: refinement sizes lie between coarse ones */
        int largest() {
            return coarse.get(coarse.size() - 1);
        }
    }

    private int run(Plan plan) throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TuneProgress progress = new TuneProgress(err, Terminal.stdoutIsTerminal());
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        if (databaseOptions.embedded()) {
            progress.note("starting embedded PostgreSQL (the first run unpacks it, a few seconds)");
        }
        try (DatabaseTarget db = databaseOptions.embedded() ? DatabaseTarget.startEmbedded(plan.largest() + OWN_CONNECTIONS)
                : DatabaseTarget.external(databaseOptions.url(), databaseOptions.user(), databaseOptions.password())) {
            target = db;
            TuneDatabase tuneDb = new TuneDatabase(db.jdbcUrl(), db.username(), db.password(), db.isEmbedded());
            database = tuneDb;
            TuneDatabase.ServerFacts facts = tuneDb.readFacts();
            int usable = facts.maxConnections() - facts.reserved();
            if (plan.largest() + OWN_CONNECTIONS > usable) {
                throw new ParameterException(spec.commandLine(), "--sizes " + plan.largest() + ": the database"
                        + " admits " + usable + " connections (max_connections " + facts.maxConnections()
                        + " less " + facts.reserved() + " reserved) and tune needs " + OWN_CONNECTIONS
                        + " of its own; use sizes up to " + (usable - OWN_CONNECTIONS));
            }
            Integer cores = dbCores != null ? dbCores
                    : db.isEmbedded() || tuneDb.isOnThisMachine() ? Runtime.getRuntime().availableProcessors() : null;
            Map<MeasuredPool, List<SizeResult>> steps = new EnumMap<>(MeasuredPool.class);
            List<AdaptiveResults.PhaseSweep> phaseSweeps = new ArrayList<>();
            AdaptiveTrace trace = null;
            OracleRuns oracle = OracleRuns.none();
            String activityNote;
            TuneWorkload work;
            tuneDb.createSchema();
            try {
                progress.note("loading pgbench tables at scale " + plan.schema().scale() + " ("
                        + String.format(Locale.ROOT, "%,d", plan.schema().accounts()) + " accounts) into "
                        + tuneDb.schema() + " on " + tuneDb.describe());
                try (Connection setup = tuneDb.connect(true)) {
                    plan.schema().load(setup);
                }
                List<TuneWorkload> phases = plan.adaptive() != null && plan.adaptive().phased()
                        ? plan.adaptive().phases().stream().map(w -> w.create(tuneDb.dialect(), plan.schema())).toList()
                        : List.of(workload(plan, tuneDb));
                work = phases.get(0);
                try (ActivityMonitor monitor = new ActivityMonitor(tuneDb)) {
                    settle(plan, tuneDb, phases.get(0), monitor, progress);
                    for (int phase = 0; phase < phases.size() && !interrupted; phase++) {
                        Map<MeasuredPool, List<SizeResult>> swept = sweep(plan, tuneDb, phases, phase, monitor,
                                progress);
                        phaseSweeps.add(new AdaptiveResults.PhaseSweep(phases.get(phase).name(), swept,
                                choose(swept)));
                    }
                    if (!phaseSweeps.isEmpty()) {
                        steps.putAll(phaseSweeps.get(0).steps());
                    }
                    if (plan.adaptive() != null && !interrupted) {
                        // The oracle on both sides of the adaptive pool (A-B-A): a machine that drifts within
                        // minutes then drifts for the yardstick as much as for the pool judged (OracleRuns).
                        List<Integer> oracleSizes = oracleSizes(phaseSweeps);
                        boolean withOracle = plan.adaptive().oracle() && oracleSizes.size() == phases.size();
                        if (plan.adaptive().oracle() && !withOracle) {
                            progress.note("oracle: not run, a phase has no static size that ran cleanly");
                        }
                        AdaptiveTrace before = withOracle ? runPhases(AdaptiveRunner.oracle(tuneDb, phases, clients,
                                oracleSizes, plan.adaptive().phaseLength(), monitor), progress) : null;
                        if (!interrupted) {
                            trace = runPhases(AdaptiveRunner.adaptive(tuneDb, phases, clients, plan.largest(),
                                    plan.adaptive().sizingWindow(), plan.adaptive().sizingTolerance(),
                                    plan.adaptive().phaseLength(), plan.adaptive().warmup(), monitor), progress);
                        }
                        AdaptiveTrace after = withOracle && trace != null && !interrupted
                                ? runPhases(AdaptiveRunner.oracle(tuneDb, phases, clients, oracleSizes,
                                        plan.adaptive().phaseLength(), monitor), progress) : null;
                        if (before != null && after != null) {
                            oracle = new OracleRuns(List.of(before, after));
                        }
                    }
                    activityNote = monitor.unavailableReason();
                }
            } finally {
                if (!keep) {
                    tuneDb.dropSchema();
                }
            }
            Map<MeasuredPool, RecommendationRule.Choice> choices = choose(steps);
            AdaptiveResults adaptive = plan.adaptive() == null ? null : new AdaptiveResults(phaseSweeps, trace,
                    oracle, trace == null ? List.of() : PhaseJudgement.judge(trace, phaseSweeps.stream()
                            .map(AdaptiveResults.PhaseSweep::poolwiseChoice).toList(), oracle));
            TuneResults.AdvisorAnswer advisor = StaticAdvice.advise(tuneDb.dialect(), facts, cores, clients)
                    .orElse(null);
            TuneResults results = new TuneResults(VersionProvider.version(), started,
                    Duration.ofNanos(System.nanoTime() - startNanos),
                    new TuneResults.Settings(work.name(), work.description(), plan.schema().scale(), clients,
                            plan.coarse(), plan.refinement(), plan.rounds(), plan.remeasure(), plan.seed(),
                            plan.warmup(), plan.measure(), plan.settle(), quick, plan.pools()),
                    TuneResults.Machine.current(),
                    new TuneResults.DatabaseInfo(facts.engine(), facts.version(), tuneDb.maskedUrl(), db.isEmbedded(),
                            facts.maxConnections(), facts.reserved(), cores, tuneDb.schema(), keep, activityNote),
                    steps, choices, advisor, interrupted, adaptive);
            Path json = out.resolve("results.json");
            Path html = out.resolve("report.html");
            ResultsJson.write(results, json);
            HtmlReport.write(results, html);
            TuneSummary.print(stdout, results);
            stdout.println("Report:  " + html.toAbsolutePath());
            stdout.println("Results: " + json.toAbsolutePath());
            if (keep) {
                stdout.println("Kept: " + tuneDb.schema() + " (drop it with: "
                        + tuneDb.dialect().dropSchemaSql(tuneDb.schema()) + ")");
            }
            stdout.flush();
            if (interrupted) {
                err.println("poolwise tune: stopped early (Ctrl-C or a termination signal); the report covers the"
                        + " finished steps");
                err.flush();
                return 1;
            }
            if (results.recommendation().isEmpty()) {
                err.println("poolwise tune: no step ran without failures, so there is no recommendation; see the"
                        + " failures in " + html);
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    /**
     * Runs the first phase's workload through a Poolwise pool of the largest size for {@link Plan#settle}, and
     * throws the figures away: the database and the machine leave the state that loading left them in before
     * the first step is measured ({@link #SETTLE}).
     */
    /**
     * Runs the phases through the runner, which {@link #stopOnShutdown} can stop meanwhile.
     *
     * @return its trace, or {@code null} when it was stopped
     */
    private AdaptiveTrace runPhases(AdaptiveRunner runner, TuneProgress progress) throws InterruptedException {
        adaptiveRunner = runner;
        if (interrupted) {
            runner.stop();
        }
        return runner.run(progress::note).orElse(null);
    }

    /** @return each phase's best static size (the best throughput's), as long as every phase has one */
    private static List<Integer> oracleSizes(List<AdaptiveResults.PhaseSweep> sweeps) {
        List<Integer> sizes = new ArrayList<>();
        for (AdaptiveResults.PhaseSweep sweep : sweeps) {
            RecommendationRule.Choice choice = sweep.poolwiseChoice();
            if (choice == null) {
                break;
            }
            sizes.add(choice.bestThroughputSize());
        }
        return sizes;
    }

    private void settle(Plan plan, TuneDatabase tuneDb, TuneWorkload work, ActivityMonitor monitor,
                        TuneProgress progress) throws InterruptedException {
        if (plan.settle().isZero() || interrupted) {
            return;
        }
        progress.note(String.format(Locale.ROOT, "settling after the load: %s at %d connections for %s, not measured",
                work.name(), plan.largest(), DurationConverter.text(plan.settle())));
        StepRunner settleRunner = new StepRunner(tuneDb, work, clients, plan.settle(), SETTLE_WINDOW, monitor);
        runner = settleRunner;
        if (interrupted) {
            settleRunner.stop();
        }
        settleRunner.run(MeasuredPool.POOLWISE, plan.largest(), SizeResult.COARSE, (fraction, completed) -> { });
    }

    /** Runs the static sweep of one phase (the only one without {@code --phases}). */
    private Map<MeasuredPool, List<SizeResult>> sweep(Plan plan, TuneDatabase tuneDb, List<TuneWorkload> phases,
                                                      int phase, ActivityMonitor monitor, TuneProgress progress)
            throws InterruptedException {
        TuneWorkload work = phases.get(phase);
        StepRunner stepRunner = new StepRunner(tuneDb, work, clients, plan.warmup(), plan.measure(), monitor);
        runner = stepRunner;
        if (interrupted) {
            stepRunner.stop();
        }
        SizeSweep sweep = new SizeSweep(stepRunner, plan.pools(), plan.coarse(), plan.refinement(),
                plan.rounds(), plan.remeasure(), plan.seed() + phase);
        progress.note(String.format(Locale.ROOT, "%s%s workload, %d clients, %d sizes x %d rounds in"
                        + " random order (seed %d), steps of %.1f s (%s warm-up), then %s"
                        + " re-measuring noisy sizes", phases.size() > 1 ? "phase " + (phase + 1) + "/" + phases.size()
                        + ": " : "", work.name(), clients, plan.coarse().size(), plan.rounds(), plan.seed() + phase,
                (plan.warmup().toMillis() + plan.measure().toMillis()) / 1000.0,
                DurationConverter.text(plan.warmup()),
                plan.remeasure().isZero() ? "no" : "up to " + DurationConverter.text(plan.remeasure())));
        BuiltInWorkload builtIn = plan.adaptive() != null && plan.adaptive().phased()
                ? plan.adaptive().phases().get(phase) : sqlFile == null ? plan.builtIn() : null;
        if (builtIn != null) {
            builtIn.scaleWarning(plan.schema(), plan.largest()).ifPresent(warning -> progress.note("note: " + warning));
        }
        Map<MeasuredPool, List<SizeResult>> swept = sweep.run(progress);
        progress.finish();
        return swept;
    }

    private static Map<MeasuredPool, RecommendationRule.Choice> choose(Map<MeasuredPool, List<SizeResult>> steps) {
        Map<MeasuredPool, RecommendationRule.Choice> choices = new EnumMap<>(MeasuredPool.class);
        steps.forEach((pool, list) -> RecommendationRule.choose(list).ifPresent(c -> choices.put(pool, c)));
        return choices;
    }

    private TuneWorkload workload(Plan plan, TuneDatabase tuneDb) throws IOException {
        if (sqlFile == null) {
            return plan.builtIn().create(tuneDb.dialect(), plan.schema());
        }
        tuneDb.showUserTables();
        try {
            return SqlFileWorkload.read(sqlFile, plan.schema());
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--sql " + sqlFile + ": no such file");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Plan validate() {
        if (clients < 1) {
            throw usage("--clients " + clients + ": must be at least 1");
        }
        if (workload != null && sqlFile != null) {
            throw usage("--workload " + workload + " and --sql " + sqlFile + ": give one or the other");
        }
        BuiltInWorkload builtIn;
        try {
            builtIn = workload == null ? BuiltInWorkload.DEFAULT : BuiltInWorkload.fromId(workload);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (sqlFile != null && !Files.isReadable(sqlFile)) {
            throw usage("--sql " + sqlFile + ": no such file, or it cannot be read");
        }
        PgbenchSchema schema;
        List<Integer> coarse;
        List<MeasuredPool> pools = new ArrayList<>(List.of(MeasuredPool.POOLWISE));
        try {
            schema = new PgbenchSchema(scale);
            coarse = SweepPlan.coarse(sizes != null ? sizes : quick ? SweepPlan.QUICK_SIZES
                    : defaultSizes(), clients);
            if (compare != null) {
                pools.add(MeasuredPool.compareTarget(compare));
            }
            if (!databaseOptions.embedded()) {
                Dialect.fromUrl(databaseOptions.url());
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int refinement = refine != null ? refine : quick ? 2 : 3;
        if (refinement < 0) {
            throw usage("--refine " + refinement + ": must be 0 (none) or more");
        }
        int roundsPerSize = rounds != null ? rounds : ROUNDS;
        if (roundsPerSize < 1) {
            throw usage("--rounds " + roundsPerSize + ": must be at least 1");
        }
        Duration remeasureBudget = remeasure != null ? remeasure : quick ? QUICK_REMEASURE : REMEASURE;
        if (remeasureBudget.isNegative()) {
            throw usage("--remeasure " + DurationConverter.text(remeasureBudget) + ": must be zero (none) or longer");
        }
        long orderSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        Duration stepWarmup = warmup != null ? warmup : quick ? QUICK_WARMUP : WARMUP;
        Duration stepMeasure = measure != null ? measure : quick ? QUICK_MEASURE : MEASURE;
        if (stepWarmup.isNegative()) {
            throw usage("--warmup " + DurationConverter.text(stepWarmup) + ": must be zero or longer");
        }
        Duration settleFor = settle != null ? settle : quick ? Duration.ZERO : SETTLE;
        if (settleFor.isNegative()) {
            throw usage("--settle " + DurationConverter.text(settleFor) + ": must be zero (none) or longer");
        }
        if (stepMeasure.toMillis() < 100) {
            throw usage("--measure " + DurationConverter.text(stepMeasure) + ": must be at least 100ms, e.g. 6s");
        }
        databaseOptions.validate(spec);
        if (dbCores != null && dbCores < 1) {
            throw usage("--db-cores " + dbCores + ": must be at least 1");
        }
        AdaptiveOptions.Settings adaptive;
        try {
            adaptive = adaptiveOptions.validate(workload, sqlFile, quick);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new Plan(coarse, refinement, roundsPerSize, remeasureBudget, orderSeed, stepWarmup, stepMeasure,
                settleFor, pools, builtIn, schema, adaptive);
    }

    /** The default sizes, cut at the clients when there are fewer than 64 of them. */
    private List<Integer> defaultSizes() {
        List<Integer> fitting = SweepPlan.DEFAULT_SIZES.stream().filter(s -> s <= clients).toList();
        return fitting.isEmpty() ? List.of(clients) : fitting;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Ctrl-C (or any JVM shutdown during a run): stops the sweep, so that tune reports and cleans up itself. */
    private void stopOnShutdown() {
        interrupted = true;
        StepRunner current = runner;
        if (current != null) {
            current.stop();
        }
        AdaptiveRunner adaptiveRun = adaptiveRunner;
        if (adaptiveRun != null) {
            adaptiveRun.stop();
        }
    }

    /** The last resort when tune did not clean up in time: neither its schema nor postgres may outlive the JVM. */
    private void cleanUpAfterAll() {
        TuneDatabase db = database;
        if (db != null && !keep) {
            try {
                db.dropSchema();
            } catch (SQLException e) {
                System.err.println("poolwise tune: " + e.getMessage());
            }
        }
        DatabaseTarget embedded = target;
        if (embedded != null) {
            embedded.close();
        }
    }
}
