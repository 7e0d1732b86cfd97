package dev.poolwise.cli.top;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process a test starts and is sure to stop: its standard output collected line by line, its standard
 * error in a temporary file (so that a chatty child never blocks), and {@link #close()} that ends it in
 * bounded time, gently first (end of standard input), then SIGTERM, then SIGKILL.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    /** False once standard output has ended: no more lines will come. */
    private volatile boolean readerRunning = true;

    private ChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::collect, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param command the program and its arguments
     * @return the started process
     */
    static ChildProcess start(List<String> command) throws IOException {
        Path stderr = Files.createTempFile("poolwise-child-", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildProcess(process, stderr);
    }

    /**
     * @param mainClass a class on this test's class path with a {@code main} method
     * @param jvmOptions options for the child JVM, before the class path
     * @param args      its arguments
     * @return a child JVM running it, with this JVM's class path and libraries logging at warn
     */
    static ChildProcess java(Class<?> mainClass, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return start(command);
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /**
     * @param matching what to wait for
     * @param timeout  how long at most
     * @return the lines printed so far, once one matches
     * @throws AssertionError when none does in time, or the process exits first; with what it printed
     */
    List<String> awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        return awaitLines(printed -> printed.stream().anyMatch(matching), timeout);
    }

    /**
     * @param enough whether the lines printed so far are what the caller waits for
     * @param timeout how long at most
     * @return the lines printed so far, once they are enough
     * @throws AssertionError when they are not in time, or the process's output ends first; with what it
     *                        printed
     */
    List<String> awaitLines(Predicate<List<String>> enough, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (!enough.test(lines)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !readerRunning) {
                    throw new AssertionError("child " + pid() + " did not print what was expected within "
                            + timeout + (readerRunning ? "" : " (its output ended)") + "; stdout: " + lines
                            + "; stderr: " + stderr());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
            return List.copyOf(lines);
        }
    }

    /** @return everything printed on standard output so far */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @return what it printed on standard error so far */
    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e.getMessage() + ")";
        }
    }

    /**
     * @param timeout how long at most
     * @return its exit code
     * @throws AssertionError when it is still running after that
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " still runs after " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The stream closed under us: the process is being destroyed.
        } finally {
            readerRunning = false;
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Ends the process: end of input and 15 s to exit, then SIGTERM and 10 s, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: it may have exited.
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // A leftover temporary file is harmless.
        }
    }
}
