package dev.poolwise.cli.top;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.poolwise.cli.common.DurationConverter;
import dev.poolwise.cli.common.Terminal;
import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise top}: lists the local JVMs, or attaches to one and shows its connection pools, Poolwise's
 * and HikariCP's, refreshed every second until Ctrl-C ({@code --once}: one snapshot, for scripts).
 *
 * <p>Exit codes: 0 shown; 1 no such process, not an attachable JVM, no pools, the JVM went away, or no
 * Attach API in this Java runtime; 2 a malformed PID or option.
 */
@Command(name = "top", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Shows the connection pools of a running JVM, live.",
            "",
            "Without a PID, lists the JVMs on this machine that run as this user. With one, attaches to that JVM"
                    + " (Attach API, local management agent, JMX over loopback) and shows each Poolwise and"
                    + " HikariCP pool: its sizing (static or adaptive), total, active, idle, reserved (held"
                    + " open but unlent by an adaptive pool's sizingReserveTime) and waiting, the"
                    + " target size (an adaptive pool's current target; a static pool's is its maximum), the"
                    + " maximum, a utilization bar (active / max), and the timeouts and suspected leaks since"
                    + " the pool started. Pools appear when they run with registerMbeans=true. HikariCP"
                    + " publishes no sizing, target, reserve, timeout, leak or health figures over JMX: those show"
                    + " as -.",
            "",
            "On a terminal the view redraws in place; piped, it prints one snapshot after another."
        },
        footer = {"", "Examples:",
            "  poolwise top",
            "  poolwise top 12345",
            "  poolwise top --once 12345 > pools.txt",
            "",
            "Exit codes: 0 ok; 1 no such process, not an attachable JVM, no pools, or the JVM exited;"
                    + " 2 usage error."})
public final class TopCommand implements Callable<Integer> {

    /** The shortest refresh interval accepted: each refresh is a few JMX round trips in the target JVM. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** How long a Ctrl-C waits for the view to stop and close its connection before the JVM exits anyway. */
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final int MAX_NAME_IN_TITLE = 60;
    /** How long a broken connection waits for the process to be gone before calling it alive. */
    private static final long EXIT_GRACE_MILLIS = 2_000;

    /** ANSI: clear the screen; move to its top left; clear to the end of the line; clear below the cursor. */
    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final String HOME = "\u001b[H";
    private static final String ERASE_LINE = "\u001b[K";
    private static final String ERASE_BELOW = "\u001b[J";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID",
            description = "The process id of the JVM to watch. Without it, lists the local JVMs.")
    private String pid;

    @Option(names = "--once", description = "Print one snapshot and exit, for scripts.")
    private boolean once;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "1s", description = "How often to refresh: 500ms, 1s, 5s... (default: 1s).")
    private Duration interval;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws AttachFailedException {
        Long target = parsePid();
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new ParameterException(spec.commandLine(), "--interval " + DurationConverter.text(interval)
                    + ": must be at least " + DurationConverter.text(MIN_INTERVAL));
        }
        requireAttachApi();
        PrintWriter out = spec.commandLine().getOut();
        if (target == null) {
            printJvms(out);
            return 0;
        }
        if (target == ProcessHandle.current().pid()) {
            throw new AttachFailedException("PID " + target + " is this poolwise process; give the PID of another"
                    + " JVM (run `poolwise top` to list them)");
        }
        Thread hook = new Thread(this::stopOnShutdown, "poolwise-top-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try (AttachedJvm jvm = JvmAttacher.attach(target)) {
                return show(jvm, out);
            }
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is what waits for us.
            }
        }
    }

    private int show(AttachedJvm jvm, PrintWriter out) throws AttachFailedException {
        PoolReader reader = new PoolReader(jvm.server());
        List<PoolSnapshot> pools = read(reader, jvm);
        if (pools.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("poolwise top: PID " + jvm.jvm().pid() + " (" + shortName(jvm.jvm().mainClass())
                    + ") has no Poolwise or HikariCP pools registered over JMX; pools register their MBeans only"
                    + " with registerMbeans=true");
            err.flush();
            return 1;
        }
        if (once) {
            out.print(TopScreen.render(title(jvm.jvm(), pools, null), pools));
            out.flush();
            return 0;
        }
        boolean terminal = Terminal.stdoutIsTerminal();
        if (terminal) {
            out.print(CLEAR_SCREEN);
        }
        while (true) {
            String frame = TopScreen.render(title(jvm.jvm(), pools, interval), pools);
            if (terminal) {
                out.print(redraw(frame));
            } else {
                out.print(frame + "\n");
            }
            out.flush();
            try {
                if (stopRequested.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            pools = read(reader, jvm);
        }
    }

    /**
     * @param frame the text of one frame, lines ending with {@code \n}
     * @return what redraws it over the previous one on an ANSI terminal: line by line from the top left,
     *         each line's leftovers and everything below erased, rather than clearing the screen first, which
     *         flickers
     */
    static String redraw(String frame) {
        return HOME + frame.replace("\n", ERASE_LINE + "\n") + ERASE_BELOW;
    }

    private static List<PoolSnapshot> read(PoolReader reader, AttachedJvm jvm) throws AttachFailedException {
        try {
            return reader.read();
        } catch (IOException e) {
            long pid = jvm.jvm().pid();
            if (stillRuns(pid)) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new AttachFailedException("lost the connection to PID " + pid + ", which still runs: "
                        + message.lines().findFirst().orElse(""), e);
            }
            // The JVM has gone; RMI's account of the broken stream would only hide that.
            throw new AttachFailedException("lost the connection to PID " + pid + ": it has exited");
        }
    }

    /**
     * @return whether the process still runs {@link #EXIT_GRACE_MILLIS} after its connection broke: a JVM
     *         that is exiting drops its connections a little before the process is gone
     */
    private static boolean stillRuns(long pid) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MILLIS);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() - deadline > 0) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private void printJvms(PrintWriter out) {
        List<LocalJvm> jvms = JvmAttacher.list();
        if (jvms.isEmpty()) {
            out.println("No other JVM runs as this user on this machine.");
            out.flush();
            return;
        }
        out.println("Local JVMs (`poolwise top PID` shows one's pools):");
        int width = Math.max("PID".length(),
                jvms.stream().mapToInt(jvm -> Long.toString(jvm.pid()).length()).max().orElse(0));
        out.println("  " + pad("PID", width) + "  NAME");
        for (LocalJvm jvm : jvms) {
            out.println("  " + pad(Long.toString(jvm.pid()), width) + "  " + jvm.describe());
        }
        out.flush();
    }

    private static String pad(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }

    /** @return the first line of a frame: which JVM, how many pools, when, and how to stop when live */
    static String title(LocalJvm jvm, List<PoolSnapshot> pools, Duration refresh) {
        String time = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        return "poolwise top - PID " + jvm.pid() + " " + shortName(jvm.mainClass()) + " - " + pools.size()
                + (pools.size() == 1 ? " pool" : " pools") + " - " + time
                + (refresh == null ? "" : " - every " + DurationConverter.text(refresh) + ", Ctrl-C to quit");
    }

    private static String shortName(String name) {
        return name.length() <= MAX_NAME_IN_TITLE ? name : name.substring(0, MAX_NAME_IN_TITLE - 3) + "...";
    }

    private Long parsePid() {
        if (pid == null) {
            return null;
        }
        String text = pid.strip();
        long value;
        try {
            value = text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "PID '" + pid + "' is not a process id: give a whole"
                    + " number above 0, such as 12345 (run `poolwise top` to list the local JVMs)");
        }
        return value;
    }

    /**
     * The Attach API is the {@code jdk.attach} module of a JDK; a JRE or a trimmed runtime lacks it. Checked
     * before anything loads {@link JvmAttacher}, which cannot load without it.
     */
    private static void requireAttachApi() throws AttachFailedException {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new AttachFailedException("the Attach API (module jdk.attach) is not in this Java runtime ("
                    + System.getProperty("java.home") + "); run poolwise with a JDK 17 or newer, not a JRE"
                    + " (set JAVA_HOME to one)");
        }
    }

    /** Runs on Ctrl-C: stops the refresh loop and waits, briefly, until it has closed the JMX connection. */
    private void stopOnShutdown() {
        stopRequested.countDown();
        try {
            closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
