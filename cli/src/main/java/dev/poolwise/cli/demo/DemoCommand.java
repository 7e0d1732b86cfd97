package dev.poolwise.cli.demo;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.cli.common.DatabaseOptions;
import dev.poolwise.cli.common.DatabaseTarget;
import dev.poolwise.cli.common.DurationConverter;
import dev.poolwise.cli.common.ShutdownCleanup;
import dev.poolwise.cli.common.Terminal;
import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise demo}: runs a small workload through a Poolwise pool and shows what the pool did. By
 * default against an embedded PostgreSQL that it starts and stops itself, so that a JDK is all it needs;
 * {@code --url} points it at any database instead.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Runs a workload through a Poolwise pool and shows what the pool did.",
            "",
            "Prints the pool's connection counts, the connections it opened and closed and why, throughput, and"
                    + " the p50/p99 latency of getConnection and of each operation.",
            "",
            "Each thread borrows a connection, runs a point select (4 in 5) or a two-row transaction (1 in 5)"
                    + " on a 100-row table, and gives it back.",
            "",
            "By default it starts an embedded PostgreSQL (nothing to install; the first start unpacks it and"
                    + " takes a few seconds) and stops it at the end. With --url it runs against that database"
                    + " instead, in a table " + DemoWorkload.TABLE + " that it creates and drops."
        },
        footer = {"", "Examples:",
            "  poolwise demo",
            "  poolwise demo --pool-size 4 --threads 32 --duration 30s",
            "  POOLWISE_PASSWORD=secret poolwise demo \\",
            "      --url jdbc:postgresql://db:5432/app --user app"})
public final class DemoCommand implements Callable<Integer> {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** How long Ctrl-C waits for the demo to stop and clean up before it stops the database itself. */
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "8",
            description = "The pool's maximumPoolSize (default: ${DEFAULT-VALUE}).")
    private int poolSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "Threads borrowing connections at once (default: ${DEFAULT-VALUE}). More threads than"
                    + " connections shows the pool making threads wait.")
    private int threads;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private RunLength runLength;

    @Mixin
    private DatabaseOptions database;

    private volatile boolean interrupted;
    private volatile DemoWorkload running;
    private volatile DatabaseTarget target;

    /** How long the demo runs: for a time, or for a number of operations. */
    static final class RunLength {
        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How long to run: 500ms, 30s, 2m... (default: 10s).")
        private Duration duration;

        @Option(names = "--operations", paramLabel = "N",
                description = "Run this many operations in all, then stop (instead of --duration).")
        private Long operations;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return ShutdownCleanup.run("poolwise-demo-shutdown", CLEANUP_WAIT, this::stopOnShutdown,
                this::stopDatabase, () -> run(spec.commandLine().getOut()));
    }

    private int run(PrintWriter out) throws Exception {
        Duration duration = runLength == null ? DEFAULT_DURATION : runLength.duration;
        long operations = runLength != null && runLength.operations != null ? runLength.operations : 0;
        if (database.embedded()) {
            out.println("Starting embedded PostgreSQL (the first run unpacks it, a few seconds)...");
            out.flush();
        }
        try (DatabaseTarget db = database.embedded()
                ? DatabaseTarget.startEmbedded(poolSize)
                : DatabaseTarget.external(database.url(), database.user(), database.password())) {
            target = db;
            PoolConfig config = PoolConfig.builder()
                    .jdbcUrl(db.jdbcUrl())
                    .username(db.username())
                    .password(db.password())
                    .maximumPoolSize(poolSize)
                    .poolName("demo")
                    .build();
            out.printf("Demo: pool \"%s\" of up to %d connections, %d threads, %s, on %s%n", config.getPoolName(),
                    poolSize, threads, operations > 0 ? operations + " operations" : "for " + DurationConverter.text(duration),
                    db.describe(config.getMaskedJdbcUrl()));
            out.flush();

            PoolwiseDataSource dataSource = new PoolwiseDataSource(config);
            DemoWorkload workload = new DemoWorkload(dataSource, threads, duration, operations);
            PoolStats atEnd;
            Long total = null;
            try {
                workload.createTable();
                try {
                    running = workload;
                    if (interrupted) {
                        workload.stop();
                    }
                    workload.start();
                    DemoProgress progress = new DemoProgress(out, Terminal.stdoutIsTerminal());
                    while (!workload.awaitFinished(progress.intervalMillis())) {
                        progress.update(workload, dataSource.stats());
                    }
                    if (progress.intervalMillis() <= 1_000) {
                        progress.update(workload, dataSource.stats());
                    }
                    progress.finish();
                    atEnd = dataSource.stats();
                    total = checkTotal(workload, out);
                } finally {
                    if (!db.isEmbedded()) {
                        workload.dropTable();
                    }
                }
            } finally {
                dataSource.close();
            }
            DemoReport.print(out, workload, atEnd, dataSource.stats(), total);
            if (interrupted) {
                out.println();
                out.println("Stopped early: the JVM is shutting down (Ctrl-C or a termination signal).");
                out.flush();
            }
            long expected = DemoWorkload.ROWS * DemoWorkload.INITIAL_BALANCE;
            if (workload.failures() > 0 || (total != null && total != expected)) {
                spec.commandLine().getErr().println("poolwise demo: " + workload.failures() + " of "
                        + workload.completed() + " operations failed" + (total != null && total != expected
                        ? ", and the table's total is " + total + " instead of " + expected : "")
                        + "; see the report above");
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
    }

    private static Long checkTotal(DemoWorkload workload, PrintWriter out) {
        try {
            return workload.checkTotal();
        } catch (SQLException e) {
            out.println("Could not read the table's total to check it: " + e.getMessage());
            return null;
        }
    }

    private void validate() {
        requireAtLeastOne("--pool-size", poolSize);
        requireAtLeastOne("--threads", threads);
        if (runLength != null && runLength.operations != null && runLength.operations < 1) {
            throw usage("--operations " + runLength.operations + ": must be at least 1");
        }
        if (runLength != null && runLength.duration != null
                && (runLength.duration.isZero() || runLength.duration.isNegative())) {
            throw usage("--duration " + DurationConverter.text(runLength.duration) + ": must be longer than zero, e.g. 10s");
        }
        database.validate(spec);
    }

    private void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw usage(option + " " + value + ": must be at least 1");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Ctrl-C (or any JVM shutdown during a demo): asks the workers to stop, so that the demo reports and cleans up. */
    private void stopOnShutdown() {
        interrupted = true;
        DemoWorkload workload = running;
        if (workload != null) {
            workload.stop();
        }
    }

    /** The last resort when the demo did not clean up in time: no postgres process may outlive the JVM. */
    private void stopDatabase() {
        DatabaseTarget db = target;
        if (db != null) {
            db.close();
        }
    }
}
