package dev.poolwise.advisor.inspect;

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
 * A PgBouncer (Debian package {@code pgbouncer}) run as a child process of the test (the same as the
 * reliability suite's in core, which test code of another module cannot reach), with a generated
 * {@code pgbouncer.ini} in a temporary directory: listening on a free port of {@code 127.0.0.1} (no Unix
 * socket), in front of one PostgreSQL database, {@code auth_type = trust} with a one-line {@code auth_file},
 * the given {@code pool_mode} and {@code default_pool_size}. PgBouncer refuses to run as root, so when the
 * test runs as root it is started with {@code -u postgres} (it switches to that user).
 */
final class PgBouncerProcess implements AutoCloseable {

    private static final String[] CANDIDATES = {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"};

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncerProcess(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** @return the pgbouncer binary, or {@code null} when it is not installed */
    static Path binary() {
        for (String candidate : CANDIDATES) {
            Path path = Paths.get(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    /**
     * Starts PgBouncer and waits until it accepts connections.
     *
     * @param binary          the pgbouncer executable
     * @param postgresPort    the port of the PostgreSQL server on 127.0.0.1 (user {@code postgres}, trust)
     * @param poolMode        {@code session}, {@code transaction} or {@code statement}
     * @param defaultPoolSize server connections per database and user
     */
    static PgBouncerProcess start(Path binary, int postgresPort, String poolMode, int defaultPoolSize)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("poolwise-pgbouncer");
        // Readable by the postgres user PgBouncer switches to.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        Path users = directory.resolve("userlist.txt");
        Files.writeString(users, "\"postgres\" \"\"\n", StandardCharsets.UTF_8);
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
                "pool_mode = " + poolMode,
                "default_pool_size = " + defaultPoolSize,
                "max_client_conn = 200",
                // pgjdbc sends extra_float_digits in its startup packet; PgBouncer must let it pass.
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
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PgBouncerProcess bouncer = new PgBouncerProcess(process, directory, port);
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

    /** @return the port PgBouncer listens on */
    int port() {
        return port;
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
