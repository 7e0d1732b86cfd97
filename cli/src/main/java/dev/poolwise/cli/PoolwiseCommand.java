package dev.poolwise.cli;

import java.util.concurrent.Callable;

import dev.poolwise.cli.advise.AdviseCommand;
import dev.poolwise.cli.common.ExecutionErrorHandler;
import dev.poolwise.cli.common.VersionProvider;
import dev.poolwise.cli.dashboard.DashboardCommand;
import dev.poolwise.cli.demo.DemoCommand;
import dev.poolwise.cli.inspect.InspectCommand;
import dev.poolwise.cli.top.TopCommand;
import dev.poolwise.cli.tune.TuneCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The top-level {@code poolwise} command. Given no subcommand it runs {@code poolwise demo} with its defaults,
 * so that the first thing a new user types shows the pool at work.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error. A failure prints one line naming what went wrong;
 * {@code --verbose} prints the stack trace as well and turns on the libraries' logging.
 */
@Command(name = "poolwise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {TuneCommand.class, DemoCommand.class, AdviseCommand.class, InspectCommand.class,
            DashboardCommand.class, TopCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Poolwise: a fast, correct JDBC connection pool, and the tools to size, run and watch it.",
            "",
            "With no command, runs `poolwise demo` with its defaults: embedded PostgreSQL, a pool of 8"
                    + " connections, 16 threads, for 10 seconds."
        },
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error.",
            "Run `poolwise help COMMAND` or `poolwise COMMAND --help` for a command's options."})
public final class PoolwiseCommand implements Callable<Integer> {

    /** The system property slf4j-simple reads its level from. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The system property slf4j-simple reads the MariaDB driver's level from. */
    static final String MARIADB_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.org.mariadb.jdbc";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces with errors, and the pool's and the libraries' log messages.")
    private void setVerbose(boolean verbose) {
        String level = System.getProperty(LOG_LEVEL_PROPERTY);
        // Keep a more detailed level the user chose with -D; otherwise show info.
        if (verbose && !"debug".equals(level) && !"trace".equals(level)) {
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
        }
        if (verbose && "error".equals(System.getProperty(MARIADB_LOG_LEVEL_PROPERTY))) {
            System.clearProperty(MARIADB_LOG_LEVEL_PROPERTY);
        }
    }

    /**
     * @return a command line for {@code poolwise} with Poolwise's error handling, ready to
     *         {@link CommandLine#execute(String...) execute}
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new PoolwiseCommand());
        commandLine.setExecutionExceptionHandler(new ExecutionErrorHandler());
        commandLine.setParameterExceptionHandler(PoolwiseCommand::usageError);
        return commandLine;
    }

    /**
     * A usage error, for every subcommand: the error, picocli's suggestions for a mistyped option, and one line
     * pointing to {@code --help}, rather than the whole help (a hundred lines that bury the one that matters).
     */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        java.io.PrintWriter err = failed.getErr();
        String command = failed.getCommandSpec().qualifiedName();
        err.println(failed.getColorScheme().errorText(command + ": " + error.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Run '" + command + " --help' for its options.");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() {
        CommandLine demo = spec.commandLine().getSubcommands().get("demo");
        demo.getErr().println("No command given: running `poolwise demo` (see `poolwise --help` for the others).");
        demo.getErr().flush();
        return demo.execute();
    }
}
