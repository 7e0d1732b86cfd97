package dev.poolwise.it;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.it.PinnedEventRecorder.PinnedEvent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.poolwise.it.Sql.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 virtual threads share a pool of 10 connections to a real PostgreSQL, while Java Flight Recorder
 * records every {@code jdk.VirtualThreadPinned} event (threshold 0). The test asserts that every thread got
 * its connection and ran its query, that the pool ends with nothing borrowed, and that no pinned event has a
 * Poolwise frame on its stack: no virtual thread ever parked while pinned inside the pool or its JDBC wrappers
 * (borrowing, waiting for a connection, running a statement through a handle, returning).
 *
 * <p>The module compiles with {@code --release 17}, so virtual threads are reached by reflection, and on a
 * JDK older than 21 the test is skipped (reported as disabled). The build runs it in a separate surefire execution
 * ({@code virtual-threads}) on the JDK at {@code poolwise.vt.java} (Temurin 25 by default);
 * {@link VirtualThreadJdkGuardTest} fails a CI build that lacks one.
 *
 * <p>What it proves depends on the JDK it runs on. On JDK 21 to 23 a virtual thread that blocks while holding a
 * monitor ({@code synchronized}) is pinned, so there this test also catches {@code synchronized} around
 * blocking code in Poolwise. Since JDK 24 (JEP 491) monitors no longer pin; a thread is then pinned only by
 * a native frame or a class initializer on its stack, so on Temurin 25 the test proves the pool never parks
 * under such a frame, and that its waiting (the bag's hand-off, the opener) does not pin; it cannot see
 * {@code synchronized} that would pin on JDK 21. A canary (a class initializer that sleeps) checks that the
 * recording does catch pinning on the JDK in use, so a clean result is not merely an empty recording.
 *
 * <p>Not counted against Poolwise (printed on standard output instead): pinning with no Poolwise frame on the
 * stack (the driver's or the JDK's), and pinning while a class other than Poolwise's is initialized, which a
 * thread meets once per class whoever calls (a warm-up run before recording takes most of those out).
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this test in "
        + "its virtual-threads execution on -Dpoolwise.vt.java (default " + VirtualThreadJdkGuardTest.DEFAULT_JAVA
        + ")")
class VirtualThreadPinningTest {

    private static final int THREADS = 1_000;
    private static final int POOL_SIZE = 10;
    private static final int WARM_UP = 50;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    void thousandVirtualThreadsShareTenConnectionsWithoutPinningInPoolwise(@TempDir Path dir) throws Exception {
        MethodHandle isVirtual = MethodHandles.publicLookup()
                .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl())
                .username(EmbeddedPostgresExtension.USER)
                .poolName("vt")
                .maximumPoolSize(POOL_SIZE)
                .connectionTimeout(Duration.ofSeconds(60))
                .build();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger onVirtualThreads = new AtomicInteger();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Path jfr = dir.resolve("pinning.jfr");

        PoolStats end;
        List<PinnedEvent> pinned;
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            Runnable borrowQueryReturn = () -> {
                try {
                    if ((boolean) isVirtual.invoke(Thread.currentThread())) {
                        onVirtualThreads.incrementAndGet();
                    }
                    try (Connection c = ds.getConnection()) {
                        execute(c, "SELECT pg_sleep(0.001)");
                    }
                    done.incrementAndGet();
                } catch (Throwable t) {
                    errors.add(t);
                }
            };
            // Warm-up, not recorded: the JDK and the driver initialize classes on first use (the JDK's
            // socket poller, say), and a virtual thread waiting for that is pinned once, whoever called.
            runOnVirtualThreads(WARM_UP, borrowQueryReturn);
            assertThat(errors).as("exceptions during warm-up").isEmpty();
            done.set(0);
            onVirtualThreads.set(0);

            try (PinnedEventRecorder recorder = new PinnedEventRecorder()) {
                runOnVirtualThreads(THREADS, borrowQueryReturn);

                // The canary: a virtual thread that sleeps inside a class initializer is pinned on every JDK.
                runOnVirtualThreads(1, PinningCanary::touch);
                pinned = recorder.stopAndRead(jfr);
            }
            end = ds.stats();
        }

        assertThat(errors).as("exceptions in the virtual threads").isEmpty();
        assertThat(onVirtualThreads.get()).as("tasks that ran on virtual threads").isEqualTo(THREADS);
        assertThat(done.get()).as("borrow-query-return cycles completed").isEqualTo(THREADS);
        assertThat(end.active()).as("connections still borrowed at the end").isZero();
        assertThat(end.total()).as("physical connections").isLessThanOrEqualTo(POOL_SIZE);

        assertThat(pinned).as("the canary's pinning was recorded, so the recording works on JDK "
                + Runtime.version()).anyMatch(event -> event.hasFrameIn(PinningCanary.class));

        List<PinnedEvent> inPoolwise = new ArrayList<>();
        List<PinnedEvent> elsewhere = new ArrayList<>();
        for (PinnedEvent event : pinned) {
            if (event.hasFrameIn(PinningCanary.class)) {
                continue;
            }
            String initialized = event.initializedClass();
            boolean initializingOthers = initialized != null && !isPoolwiseType(initialized);
            boolean poolwise = event.frames().stream().anyMatch(frame -> isPoolwiseType(frame.type()));
            ((poolwise || event.truncated()) && !initializingOthers ? inPoolwise : elsewhere).add(event);
        }
        if (!elsewhere.isEmpty()) {
            System.out.println(elsewhere.size() + " pinned event(s) outside Poolwise (the driver's or the JDK's), "
                    + "first: " + elsewhere.get(0));
        }
        assertThat(inPoolwise).as("pinned events with a Poolwise frame on the stack (or a stack too deep to "
                + "tell: raise -XX:FlightRecorderOptions:stackdepth)").isEmpty();
    }

    /** Runs {@code task} on {@code count} new virtual threads and waits for all of them. */
    private static void runOnVirtualThreads(int count, Runnable task) throws Exception {
        // Executors.newVirtualThreadPerTaskExecutor() is JDK 21 API; this class compiles with --release 17.
        ExecutorService executor =
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        for (int i = 0; i < count; i++) {
            executor.execute(task);
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(3, TimeUnit.MINUTES)).as(count + " virtual threads finished").isTrue();
    }

    /** Production code only: the pool ({@code dev.poolwise}, {@code dev.poolwise.internal...}), not tests. */
    private static boolean isPoolwiseType(String type) {
        return type.startsWith("dev.poolwise.") && !type.startsWith("dev.poolwise.it.")
                && !type.startsWith("dev.poolwise.fake.");
    }

    /** Pins the virtual thread that initializes it: it sleeps in its static initializer. */
    static final class PinningCanary {
        static {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // Calling it initializes the class.
        }
    }
}
