package dev.poolwise.reliability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures what the pool logs during a scenario. slf4j-simple (the tests' binding) writes to whatever
 * {@code System.err} is when it writes, so the capture swaps {@code System.err} (the build output does not show
 * what was captured); and it turns the pool's loggers down to {@code TRACE} for the duration,
 * by reflection on slf4j-simple's {@code currentLogLevel} field, because the tests' configuration shows only
 * warnings and a secret could hide in an INFO or DEBUG line. Everything is restored by {@link #close()}.
 */
final class CapturedLog implements AutoCloseable {

    /** Every class in the pool that logs. */
    private static final String[] POOL_LOGGERS = {
        "dev.poolwise.internal.Pool", "dev.poolwise.internal.Housekeeper", "dev.poolwise.internal.LeakDetector",
        "dev.poolwise.internal.ConnectionFactory", "dev.poolwise.internal.PoolMXBeanRegistration",
        "dev.poolwise.internal.ConfigReader", "dev.poolwise.PoolwiseDataSource", "dev.poolwise.PoolConfig",
        "dev.poolwise.internal.ConnectionOpener", "dev.poolwise.internal.ConnectionCloser",
        "dev.poolwise.internal.ConnectionValidator", "dev.poolwise.internal.PoolEvents",
        "dev.poolwise.internal.ConnectionReturn", "dev.poolwise.internal.PoolShutdown",
        "dev.poolwise.internal.PoolSizing", "dev.poolwise.internal.SizingControlLoop",
    };
    private static final int TRACE = 0;

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Map<Logger, Integer> levels = new HashMap<>();
    private final boolean verbose;

    /**
     * @param verbose whether to turn the pool's loggers down to TRACE while capturing
     */
    CapturedLog(boolean verbose) throws ReflectiveOperationException {
        this.verbose = verbose;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        if (verbose) {
            for (String name : POOL_LOGGERS) {
                Logger logger = LoggerFactory.getLogger(name);
                Field level = levelField(logger);
                if (level != null) {
                    levels.put(logger, level.getInt(logger));
                    level.setInt(logger, TRACE);
                }
            }
        }
        System.setErr(capture);
    }

    /** @return everything logged (and printed to {@code System.err}) since the capture began */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return whether the pool's loggers really were turned down (slf4j-simple is the binding) */
    boolean isVerbose() {
        return verbose && !levels.isEmpty();
    }

    @Override
    public void close() throws ReflectiveOperationException {
        System.setErr(original);
        for (Map.Entry<Logger, Integer> entry : levels.entrySet()) {
            levelField(entry.getKey()).setInt(entry.getKey(), entry.getValue());
        }
    }

    private static Field levelField(Logger logger) throws NoSuchFieldException {
        for (Class<?> type = logger.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("currentLogLevel");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }
}
