package dev.poolwise.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's fleet test: four JVMs ({@link FleetMember}, each its own process with one adaptive pool) share a
 * fleet budget of 20 connections on one embedded PostgreSQL. The test samples the fleet's connections in
 * {@code pg_stat_activity} every {@value #SAMPLE_MILLIS} ms throughout and checks that no sample exceeds the
 * budget; that under equal load each member settles near 5; that when three go idle the fourth grows past 5
 * and shrinks back when they return; and that a member killed outright frees its share for the others. The
 * times each phase took are printed (and quoted in docs/adaptive.md); only the budget and the sizes are
 * asserted, each wait bounded so that the test ends by itself well within its {@code @Timeout}.
 */
class FleetOfFourJvmsTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String FLEET = "pwfleet4";
    private static final int BUDGET = 20;
    private static final int MEMBERS = 4;
    private static final int MAXIMUM = 10;
    private static final long SAMPLE_MILLIS = 150;

    /** One child JVM and what it last reported. */
    private static final class Member {
        final int index;
        final Process process;
        final BufferedWriter commands;
        final Path errors;
        final AtomicReference<String> instance = new AtomicReference<>();
        volatile int total = -1;
        volatile int target = -1;
        volatile long failedBorrows;

        Member(int index, Process process, Path errors) {
            this.index = index;
            this.process = process;
            this.errors = errors;
            this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(this::read, "fleet-member-" + index + "-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("ready")) {
                        String label = parts[1];
                        instance.set(label.substring(0, label.lastIndexOf('.')));
                    } else if (parts[0].equals("stats") && parts.length == 5) {
                        total = Integer.parseInt(parts[1]);
                        target = Integer.parseInt(parts[2]);
                        failedBorrows = Long.parseLong(parts[4]);
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // The child is gone; its last figures stay.
            }
        }

        void send(String command) throws IOException {
            commands.write(command);
            commands.newLine();
            commands.flush();
        }

        @Override
        public String toString() {
            return "member " + index + " (" + instance.get() + ": total " + total + ", target " + target + ")";
        }
    }

    /** Counts the fleet's connections in pg_stat_activity until stopped; read by the test thread after. */
    private static final class Sampler implements Runnable {
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger samples = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Over-budget samples with the fleet's connections per instance and state, to tell what happened. */
        final List<String> overBudget = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean stop;

        private static String breakdown(Connection admin) throws SQLException {
            StringBuilder text = new StringBuilder();
            try (PreparedStatement rows = admin.prepareStatement("SELECT split_part(application_name, '.', 1),"
                    + " state, count(*) FROM pg_stat_activity WHERE left(application_name, ?) = ? GROUP BY 1, 2"
                    + " ORDER BY 1, 2")) {
                rows.setInt(1, FLEET.length() + 1);
                rows.setString(2, FLEET + "/");
                try (ResultSet result = rows.executeQuery()) {
                    while (result.next()) {
                        text.append(result.getString(1)).append(' ').append(result.getString(2)).append('=')
                                .append(result.getInt(3)).append("; ");
                    }
                }
            }
            return text.toString();
        }

        @Override
        public void run() {
            try (Connection admin = PG.adminConnection();
                 PreparedStatement count = admin.prepareStatement(
                         "SELECT count(*) FROM pg_stat_activity WHERE left(application_name, ?) = ?")) {
                count.setInt(1, FLEET.length() + 1);
                count.setString(2, FLEET + "/");
                while (!stop) {
                    int fleet;
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        fleet = rows.getInt(1);
                    }
                    max.accumulateAndGet(fleet, Math::max);
                    samples.incrementAndGet();
                    if (fleet > BUDGET && overBudget.size() < 20) {
                        overBudget.add(java.time.LocalTime.now() + " " + fleet + " " + breakdown(admin));
                    }
                    Thread.sleep(SAMPLE_MILLIS);
                }
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Member start(int index, Path directory) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path errors = directory.resolve("member-" + index + ".err");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // The fleet's and the loop's decisions, with times, in the member's stderr file (printed at the end).
                "-Dorg.slf4j.simpleLogger.log.dev.poolwise.internal.sizing.FleetBudget=debug",
                "-Dorg.slf4j.simpleLogger.log.dev.poolwise.internal.SizingControlLoop=debug",
                "-cp", System.getProperty("java.class.path"), FleetMember.class.getName(),
                PG.jdbcUrl(), EmbeddedPostgresExtension.USER, FLEET, Integer.toString(BUDGET), Integer.toString(MAXIMUM))
                .redirectError(errors.toFile());
        return new Member(index, builder.start(), errors);
    }

    /**
     * Waits until {@code condition} has held at {@code times} checks in a row, 250 ms apart, at most
     * {@code atMost}.
     *
     * @return how long it took, in ms
     */
    private static long awaitSteady(String what, Duration atMost, int times, BooleanSupplier condition,
            List<Member> members) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        int inARow = 0;
        while (System.nanoTime() < deadline) {
            inARow = condition.getAsBoolean() ? inARow + 1 : 0;
            if (inARow >= times) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what + "; " + members);
    }

    private static int fleetConnectionsOf(String instance) throws SQLException {
        try (Connection admin = PG.adminConnection();
             PreparedStatement count = admin.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE left(application_name, ?) = ?")) {
            count.setInt(1, instance.length() + 1);
            count.setString(2, instance + ".");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static boolean near(int total, int share) {
        return total >= share - 1 && total <= share + 1;
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void fourJvmsKeepToABudgetOfTwentyAndMoveTheirSharesAsTheirLoadChanges() throws Exception {
        Path directory = Files.createTempDirectory("poolwise-fleet4");
        boolean passed = false;
        List<Member> members = new ArrayList<>();
        Sampler sampler = new Sampler();
        Thread sampling = new Thread(sampler, "fleet-sampler");
        sampling.setDaemon(true);
        try {
            for (int i = 0; i < MEMBERS; i++) {
                members.add(start(i, directory));
            }
            sampling.start();
            awaitSteady("every member's pool started", Duration.ofSeconds(60), 1,
                    () -> members.stream().allMatch(m -> m.instance.get() != null && m.total >= 0), members);

            // 1. Equal load: 8 workers each, 32 wanted of 20.
            for (Member member : members) {
                member.send("load");
            }
            long settle = awaitSteady("every member near 5 under equal load", Duration.ofSeconds(60), 8,
                    () -> members.stream().allMatch(m -> near(m.total, BUDGET / MEMBERS)), members);
            System.out.printf("fleet4: equal load settled near 5 in %d ms: %s%n", settle, members);

            // 2. Three go idle: the fourth takes their shares.
            Member busy = members.get(0);
            for (Member member : members.subList(1, MEMBERS)) {
                member.send("idle");
            }
            long grow = awaitSteady("the busy member past 5 while three idle", Duration.ofSeconds(40), 4,
                    () -> busy.total > BUDGET / MEMBERS + 1, members);
            System.out.printf("fleet4: with three idle, the busy member grew past 6 in %d ms: %s%n", grow, members);

            // 3. They come back: the busy one shrinks back to near 5.
            for (Member member : members.subList(1, MEMBERS)) {
                member.send("load");
            }
            long shrink = awaitSteady("every member near 5 again", Duration.ofSeconds(40), 8,
                    () -> members.stream().allMatch(m -> near(m.total, BUDGET / MEMBERS)), members);
            System.out.printf("fleet4: the others back, all near 5 again in %d ms: %s%n", shrink, members);

            // 4. One is killed: its connections go with it and the others take its share.
            Member killed = members.get(MEMBERS - 1);
            List<Member> rest = members.subList(0, MEMBERS - 1);
            long killedAt = System.nanoTime();
            killed.process.destroyForcibly();
            String killedInstance = killed.instance.get();
            awaitSteady("the killed member's connections gone from pg_stat_activity", Duration.ofSeconds(30), 1,
                    () -> {
                        try {
                            return fleetConnectionsOf(killedInstance) == 0;
                        } catch (SQLException e) {
                            return false;
                        }
                    }, members);
            long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            awaitSteady("the other three taking the freed share", Duration.ofSeconds(30), 1,
                    () -> rest.stream().mapToInt(m -> m.total).sum() >= BUDGET - 2
                            && rest.stream().allMatch(m -> m.total > BUDGET / MEMBERS), members);
            long taken = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("fleet4: killed member's connections gone after %d ms, its share taken by the others"
                    + " after %d ms: %s%n", gone, taken, rest);

            sampler.stop = true;
            sampling.join(5_000);
            System.out.printf("fleet4: %d samples of pg_stat_activity, the most fleet connections in one: %d%n",
                    sampler.samples.get(), sampler.max.get());
            assertThat(sampler.failure.get()).as("the sampler's failure").isNull();
            assertThat(sampler.samples.get()).as("samples taken").isGreaterThan(50);
            assertThat(sampler.max.get()).as("the most fleet connections in any sample").isLessThanOrEqualTo(BUDGET);
            for (Member member : rest) {
                assertThat(member.failedBorrows).as(member + ": borrows that failed").isZero();
            }
            passed = true;
        } finally {
            sampler.stop = true;
            sampler.overBudget.forEach(sample -> System.out.println("fleet4: over budget at " + sample));
            for (Member member : members) {
                member.process.destroyForcibly();
            }
            for (Member member : members) {
                if (!member.process.waitFor(10, TimeUnit.SECONDS)) {
                    System.err.println("fleet4: member " + member.index + " did not exit");
                }
                String errors = Files.exists(member.errors) ? Files.readString(member.errors) : "";
                if (!passed && !errors.isBlank()) {
                    System.out.println("fleet4: member " + member.index + " stderr:\n" + errors);
                }
            }
            try (var files = Files.list(directory)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(directory);
        }
    }
}
