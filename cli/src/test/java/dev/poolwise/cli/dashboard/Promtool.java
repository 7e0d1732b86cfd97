package dev.poolwise.cli.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code promtool} (Debian package {@code prometheus}), found on the {@code PATH}. Outside CI a test
 * that needs it is skipped when it is missing; under {@code CI=true} the test fails, as no check may be skipped
 * there.
 */
final class Promtool {

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** @return promtool, after skipping (outside CI) or failing (under CI) the test when it is not installed */
    static Promtool requireInstalled() {
        Path found = find();
        if (found == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not installed but CI=true: install it with "
                        + "'apt-get install -y --no-install-recommends prometheus'");
            }
            Assumptions.abort("promtool not installed (Debian package prometheus); skipping outside CI");
        }
        return new Promtool(found);
    }

    /**
     * Runs promtool in a directory.
     *
     * @param directory the working directory (rule files are named relative to it)
     * @param arguments e.g. {@code check rules poolwise-alerts.yml}
     * @return its exit code and what it printed
     */
    Result run(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", arguments) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** What one promtool run did. */
    record Result(int exitCode, String output) {
    }
}
