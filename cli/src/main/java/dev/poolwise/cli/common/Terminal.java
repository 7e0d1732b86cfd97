package dev.poolwise.cli.common;

import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The terminal a person types into, when there is one: where questions are asked and answers read. Tests make
 * one from a {@link java.io.StringReader} and a {@link java.io.StringWriter}.
 *
 * @param in  where answers come from, a line each
 * @param out where questions go
 */
public record Terminal(BufferedReader in, PrintWriter out) {

    /**
     * @return the process's terminal when standard input and output are both a terminal (Java 17's
     *         {@link System#console()} is there only then; from Java 22 it is there more often, and
     *         {@code Console.isTerminal()} says); empty when input is piped or redirected
     */
    public static Optional<Terminal> attached() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return Optional.empty();
        }
        return Optional.of(new Terminal(new BufferedReader(console.reader()), console.writer()));
    }

    /** @return whether standard output is a terminal, as far as Java can tell (see {@link #attached()}) */
    public static boolean stdoutIsTerminal() {
        Console console = System.console();
        return console != null && isTerminal(console);
    }

    private static boolean isTerminal(Console console) {
        try {
            // Console.isTerminal() exists from Java 22; before that a non-null console is a terminal.
            Method method = Console.class.getMethod("isTerminal");
            return (Boolean) method.invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
