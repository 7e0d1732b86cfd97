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
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own (Debian's {@code mariadbd}, a fresh data directory from
 * {@code mariadb-install-db}, a free port on 127.0.0.1, no socket shared with anyone), started with
 * {@code performance_schema} on. The shared server on 3306 runs with it off, as MariaDB ships, and turning it
 * on needs a restart that other builds would feel. Root logs in over TCP without a password. When the test
 * runs as root the server runs as {@code mysql}, which owns the data directory.
 */
final class PrivateMariaDb implements AutoCloseable {

    private static final Path SERVER = Paths.get("/usr/sbin/mariadbd");
    private static final Path INSTALL = Paths.get("/usr/bin/mariadb-install-db");

    private final Process process;
    private final Path directory;
    private final int port;

    private PrivateMariaDb(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** @return whether the server and its installer are there to start one */
    static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    /** Creates a data directory, starts the server with {@code performance_schema} on, waits for its port. */
    static PrivateMariaDb start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("poolwise-mariadb");
        Path data = directory.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal mysql =
                    directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql");
            Files.setOwner(directory, mysql);
        }
        List<String> install = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (root) {
            install.add("--user=mysql");
        }
        run(install, directory.resolve("install.log"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("mysqld.sock"),
                "--pid-file=" + directory.resolve("mysqld.pid"), "--performance-schema=ON", "--skip-log-bin",
                "--skip-name-resolve"));
        if (root) {
            command.add("--user=mysql");
        }
        Path log = directory.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrivateMariaDb server = new PrivateMariaDb(process, directory, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                server.close();
                throw new IOException("mariadbd exited with " + process.exitValue() + ": " + output);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException("mariadbd did not listen on 127.0.0.1:" + port + " within 60 s");
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(
                    String.join(" ", command) + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** @return its JDBC URL, with no database (a user without grants may connect to none) */
    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
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
