package dev.poolwise.cli.common;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into exit code 1 and one line on standard error: the exception's message
 * and, when it adds something, its root cause's. With {@code --verbose}, the stack trace too.
 */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String line = commandLine.getCommandSpec().qualifiedName() + ": " + describe(exception);
        if (isVerbose(commandLine)) {
            err.println(line);
            exception.printStackTrace(err);
        } else {
            err.println(commandLine.getColorScheme().errorText(line) + " (--verbose shows the stack trace)");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /**
     * @param exception what was thrown
     * @return its message, followed by its root cause's when that says something the message does not
     */
    public static String describe(Throwable exception) {
        String message = messageOf(exception);
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != exception) {
            String cause = messageOf(root);
            if (!message.contains(cause)) {
                message = message + " (cause: " + cause + ")";
            }
        }
        return message;
    }

    private static String messageOf(Throwable exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            return exception.getClass().getSimpleName();
        }
        return message.strip();
    }

    /** @return whether --verbose was given to this command or to any command above or below it */
    private static boolean isVerbose(CommandLine commandLine) {
        for (CommandLine current = commandLine; current != null; current = current.getParent()) {
            for (ParseResult result = current.getParseResult(); result != null; result = result.subcommand()) {
                if (result.hasMatchedOption("--verbose")) {
                    return true;
                }
            }
        }
        return false;
    }
}
