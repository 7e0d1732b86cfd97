package dev.poolwise.cli.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolwise.PoolConfig;
import dev.poolwise.cli.common.DurationConverter;
import picocli.CommandLine.Option;

/**
 * {@code tune}'s options for the adaptive pool: {@code --adaptive}, {@code --phases}, {@code --phase-length},
 * {@code --sizing-window}, {@code --sizing-tolerance}, {@code --adaptive-warmup} and {@code --no-oracle}. Kept
 * apart from {@link TuneCommand} so that the static sweep's options stay readable on their own.
 */
public final class AdaptiveOptions {

    /** The default length of each phase of the adaptive run. */
    static final Duration PHASE_LENGTH = Duration.ofSeconds(60);
    /** The same with {@code --quick}. */
    static final Duration QUICK_PHASE_LENGTH = Duration.ofSeconds(15);
    /** The shortest phase: the steady state is judged on the last quarter, which needs a few samples. */
    static final Duration SHORTEST_PHASE = Duration.ofSeconds(3);
    /** The adaptive pool's default control window: short, so that it follows a phase change quickly. */
    static final Duration SIZING_WINDOW = Duration.ofMillis(500);
    /**
     * How long an unjudged adaptive pool runs the first phase before the judged one starts. The static steps
     * run code the sweep's earlier steps have compiled; the adaptive pool's own paths (every borrow timed for
     * the listener and the control loop) are compiled only once it runs, and on the 2-core machine, with 64
     * clients and PostgreSQL on the same cores, a first adaptive pool took 25 to 50 s to complete what a static
     * pool of its size did (docs/tune.md, "The adaptive pool beside the sweep").
     */
    static final Duration ADAPTIVE_WARMUP = Duration.ofSeconds(30);
    /** The same with {@code --quick}. */
    static final Duration QUICK_ADAPTIVE_WARMUP = Duration.ofSeconds(5);

    /** The pool's own floor for {@code sizingWindow}. */
    static final Duration SHORTEST_SIZING_WINDOW = Duration.ofMillis(100);

    @Option(names = "--adaptive", description = "After the static sweep, run the same workload through an adaptive"
            + " pool (sizing=adaptive, the largest size as its ceiling) and report its target size over time and"
            + " its throughput and p99 against the best static size's.")
    private boolean adaptive;

    @Option(names = "--phases", paramLabel = "NAME,NAME...", split = ",", hideParamSyntax = true,
            description = "A phased workload for --adaptive (implies it): the built-in workloads to run one after the"
                    + " other, e.g. read,hot-row. The static sweep measures each phase at every size; the adaptive"
                    + " pool runs through the phase changes once and is judged in each phase.")
    private List<String> phases;

    @Option(names = "--phase-length", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the adaptive pool runs each phase, whole seconds (default: 60s; with --quick"
                    + " 15s). The settling bar (30 s) needs phases of 40s or more to be judged fully.")
    private Duration phaseLength;

    @Option(names = "--sizing-window", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The adaptive pool's sizingWindow (default: 500ms; at least 100ms).")
    private Duration sizingWindow;

    @Option(names = "--sizing-tolerance", paramLabel = "FRACTION",
            description = "The adaptive pool's sizingTolerance: the share of the best throughput it measured that it"
                    + " gives up to hold fewer connections (default: the pool's, 0.1; 0.02 to 0.3).")
    private Double sizingTolerance;

    @Option(names = "--adaptive-warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an unjudged adaptive pool runs the first phase before the judged adaptive run,"
                    + " so that both are measured with their code compiled, as the static steps are (default: 30s;"
                    + " with --quick 5s; 0s for none).")
    private Duration adaptiveWarmup;

    @Option(names = "--oracle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Right before and right after the adaptive run, run the phases through a static pool resized"
                    + " at each phase change to that phase's best static size (the oracle), and judge the adaptive"
                    + " pool's throughput and p99 against the oracle's two runs in the same seconds of each phase"
                    + " (default: on; --no-oracle judges against the sweep's figures alone and saves two runs"
                    + " through the phases).")
    private boolean oracle = true;

    /**
     * What the adaptive run is to do, checked.
     *
     * @param phases          the phases' built-in workloads; empty for one phase of the sweep's own workload
     * @param phaseLength     each phase's length, whole seconds
     * @param sizingWindow    the adaptive pool's control window
     * @param sizingTolerance the adaptive pool's {@code sizingTolerance}
     * @param warmup          how long an unjudged adaptive pool runs the first phase first; zero for none
     * @param oracle          whether the best static sizes run through the phases before and after the adaptive
     *                        run
     */
    public record Settings(List<BuiltInWorkload> phases, Duration phaseLength, Duration sizingWindow,
                           double sizingTolerance, Duration warmup, boolean oracle) {
        /**
         * Copies the phases.
         *
         * @param phases          the phases
         * @param phaseLength     each phase's length
         * @param sizingWindow    the control window
         * @param sizingTolerance the throughput tolerance
         * @param warmup          the unjudged pool's run
         * @param oracle          whether the oracle runs
         */
        public Settings {
            phases = List.copyOf(phases);
        }

        /** @return whether {@code --phases} gave the phases (rather than one phase of the sweep's workload) */
        public boolean phased() {
            return !phases.isEmpty();
        }
    }

    /**
     * @param workload the {@code --workload} given, or {@code null}
     * @param sqlFile  the {@code --sql} given, or {@code null}
     * @param quick    whether {@code --quick} was given
     * @return the settings, or {@code null} when neither {@code --adaptive} nor {@code --phases} was given
     * @throws IllegalArgumentException naming the option, the value and what is valid
     */
    Settings validate(String workload, Path sqlFile, boolean quick) {
        boolean phased = phases != null;
        if (!adaptive && !phased) {
            if (phaseLength != null) {
                throw new IllegalArgumentException("--phase-length " + DurationConverter.text(phaseLength)
                        + ": applies only with --adaptive or --phases");
            }
            if (sizingWindow != null) {
                throw new IllegalArgumentException("--sizing-window " + DurationConverter.text(sizingWindow)
                        + ": applies only with --adaptive or --phases");
            }
            if (sizingTolerance != null) {
                throw new IllegalArgumentException("--sizing-tolerance " + sizingTolerance
                        + ": applies only with --adaptive or --phases");
            }
            if (adaptiveWarmup != null) {
                throw new IllegalArgumentException("--adaptive-warmup " + DurationConverter.text(adaptiveWarmup)
                        + ": applies only with --adaptive or --phases");
            }
            if (!oracle) {
                throw new IllegalArgumentException("--no-oracle: applies only with --adaptive or --phases");
            }
            return null;
        }
        List<BuiltInWorkload> parsed = new ArrayList<>();
        if (phased) {
            String given = String.join(",", phases);
            if (workload != null) {
                throw new IllegalArgumentException("--phases " + given + " and --workload " + workload
                        + ": give one or the other (the phases are the workloads)");
            }
            if (sqlFile != null) {
                throw new IllegalArgumentException("--phases " + given + " and --sql " + sqlFile
                        + ": phases are built-in workloads only (" + BuiltInWorkload.validIds() + ")");
            }
            for (String name : phases) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("--phases " + given + ": a phase has no name; give built-in"
                            + " workloads separated by commas, e.g. read,hot-row (" + BuiltInWorkload.validIds()
                            + ")");
                }
                try {
                    parsed.add(BuiltInWorkload.fromId(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--phases " + given + ": " + name.strip()
                            + " is not a workload; each phase must be one of " + BuiltInWorkload.validIds());
                }
            }
            if (parsed.size() < 2) {
                throw new IllegalArgumentException("--phases " + given + ": give at least two phases, e.g."
                        + " read,hot-row (for one workload, use --adaptive --workload " + given.strip() + ")");
            }
        }
        Duration length = phaseLength != null ? phaseLength : quick ? QUICK_PHASE_LENGTH : PHASE_LENGTH;
        if (length.compareTo(SHORTEST_PHASE) < 0 || length.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--phase-length " + DurationConverter.text(length)
                    + ": must be whole seconds, at least " + DurationConverter.text(SHORTEST_PHASE) + ", e.g. 60s");
        }
        Duration window = sizingWindow != null ? sizingWindow : SIZING_WINDOW;
        if (window.compareTo(SHORTEST_SIZING_WINDOW) < 0) {
            throw new IllegalArgumentException("--sizing-window " + DurationConverter.text(window)
                    + ": must be at least " + DurationConverter.text(SHORTEST_SIZING_WINDOW)
                    + " (a shorter window holds too few borrows to measure)");
        }
        if (window.compareTo(length) >= 0) {
            throw new IllegalArgumentException("--sizing-window " + DurationConverter.text(window)
                    + ": must be shorter than --phase-length " + DurationConverter.text(length)
                    + ", so that the pool can decide within a phase");
        }
        double tolerance = sizingTolerance != null ? sizingTolerance : PoolConfig.DEFAULT_SIZING_TOLERANCE;
        if (!(tolerance >= PoolConfig.MIN_SIZING_TOLERANCE && tolerance <= PoolConfig.MAX_SIZING_TOLERANCE)) {
            throw new IllegalArgumentException("--sizing-tolerance " + sizingTolerance + ": must be from "
                    + PoolConfig.MIN_SIZING_TOLERANCE + " to " + PoolConfig.MAX_SIZING_TOLERANCE
                    + " (the pool's sizingTolerance), e.g. 0.05");
        }
        Duration warmup = adaptiveWarmup != null ? adaptiveWarmup : quick ? QUICK_ADAPTIVE_WARMUP : ADAPTIVE_WARMUP;
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--adaptive-warmup " + DurationConverter.text(warmup)
                    + ": must be 0s (none) or more, e.g. 30s");
        }
        return new Settings(parsed, length, window, tolerance, warmup, oracle);
    }
}
