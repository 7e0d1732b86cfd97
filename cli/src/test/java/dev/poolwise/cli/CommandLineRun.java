package dev.poolwise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** One execution of {@code poolwise} in this JVM, with what it printed. */
public record CommandLineRun(int exitCode, String out, String err) {

    public static CommandLineRun of(String... args) {
        return of(PoolwiseCommand.newCommandLine(), args);
    }

    /** Runs one command line built by the test (a subcommand with injected terminal or environment, say). */
    public static CommandLineRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }
}
