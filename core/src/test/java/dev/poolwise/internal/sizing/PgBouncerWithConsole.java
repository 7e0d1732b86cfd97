package dev.poolwise.internal.sizing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PgBouncer (Debian package {@code pgbouncer}) in front of one PostgreSQL database, with its admin console
 * open to {@code postgres} ({@code admin_users}) and closed to {@code outsider}, a user PgBouncer knows but
 * lists as neither admin nor stats user. Like {@code dev.poolwise.reliability.PgBouncerProcess}, whose
 * {@code pgbouncer.ini} has no console users (and which this session may not change): a free port on
 * 127.0.0.1, {@code auth_type = trust}, run as {@code postgres} when the test runs as root.
 */
final class PgBouncerWithConsole implements AutoCloseable {

    private static final String[] CANDIDATES = {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"};

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncerWithConsole(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** @return the pgbouncer binary, or {@code null} when it is not installed */
    static Path binary() {
        for (String candidate : CANDIDATES) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        return null;
    }

    /** Starts PgBouncer in transaction mode in front of {@code postgres} on the given port, and waits for it. */
    static PgBouncerWithConsole start(Path binary, int postgresPort) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("poolwise-pgbouncer-console");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        Path users = directory.resolve("userlist.txt");
        Files.writeString(users, "\"postgres\" \"\"\n\"outsider\" \"\"\n", StandardCharsets.UTF_8);
        Path ini = directory.resolve("pgbouncer.ini");
        Files.writeString(ini, String.join("\n",
                "[databases]",
                "postgres = host=127.0.0.1 port=" + postgresPort + " dbname=postgres user=postgres",
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + users,
                "admin_users = postgres",
                "pool_mode = transaction",
                "default_pool_size = 5",
                "max_client_conn = 100",
                "ignore_startup_parameters = extra_float_digits",
                "log_connections = 0",
                "log_disconnections = 0",
                ""), StandardCharsets.UTF_8);
        for (Path file : List.of(users, ini)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("-u");
            command.add("postgres");
        }
        command.add(ini.toString());
        Path log = directory.resolve("pgbouncer.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PgBouncerWithConsole bouncer = new PgBouncerWithConsole(process, directory, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                bouncer.close();
                throw new IOException("pgbouncer exited with " + process.exitValue() + ": " + output);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return bouncer;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        bouncer.close();
        throw new IOException("pgbouncer did not listen on 127.0.0.1:" + port + " within 15 s");
    }

    /** @return the JDBC URL of the pooled {@code postgres} database */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /**
     * @return the JDBC URL of the admin console as pgjdbc 42.7.5 and later can use it: the simple query
     *         protocol (the console speaks no other), and {@code replication=database}, which makes pgjdbc skip
     *         the {@code SET extra_float_digits} it otherwise sends after login to a server reporting a version
     *         below 12, and which the console refuses ("SET failed"; pgbouncer/pgbouncer#1509). Without
     *         {@code assumeMinServerVersion}, pgjdbc does not put {@code replication} in the startup packet, so
     *         PgBouncer never sees it.
     */
    String consoleUrl() {
        return plainConsoleUrl() + "&replication=database";
    }

    /** @return the console URL without the work-around, which pgjdbc 42.7.5 and later cannot log in with */
    String plainConsoleUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/pgbouncer?preferQueryMode=simple";
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
