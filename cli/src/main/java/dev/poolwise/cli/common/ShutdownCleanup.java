package dev.poolwise.cli.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command's work under a JVM shutdown hook, so that Ctrl-C (or a SIGTERM) ends it cleanly: the hook
 * asks the work to stop, waits for the command's own clean-up (its try-with-resources and finally blocks,
 * which also write what it has so far) for at most a bound, and only if that does not finish in time runs a
 * last-resort clean-up itself, so that no embedded postgres process or scratch schema outlives the JVM.
 *
 * <p>Threads: {@code stop} and {@code lastResort} run on the hook's thread while the work may still run on
 * the command's; both must be safe for that (volatile flags, idempotent closes).
 */
public final class ShutdownCleanup {

    private ShutdownCleanup() {
    }

    /**
     * @param hookName   the hook thread's name, e.g. {@code poolwise-tune-shutdown}
     * @param wait       how long the hook waits for the work's own clean-up
     * @param stop       asks the work to stop; called first, on the hook's thread
     * @param lastResort cleans up when the work did not finish within {@code wait}
     * @param work       the command's work
     * @param <T>        what the work returns (an exit code)
     * @return what the work returned
     * @throws Exception what the work threw
     */
    public static <T> T run(String hookName, Duration wait, Runnable stop, Runnable lastResort, Callable<T> work)
            throws Exception {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                if (cleanedUp.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lastResort.run();
        }, hookName);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is what waits for us.
            }
        }
    }
}
