package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build check for the generated JDBC delegation: regenerating from the {@code java.sql} interfaces must
 * give the committed {@code Delegating*.java} files, character for character. With
 * {@code -Dpoolwise.regenerate=true} it rewrites them instead (see {@link DelegationGenerator#REGENERATE}).
 */
class DelegationGeneratorTest {

    /** Maven runs the tests in the module directory. */
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void committedDelegationIsWhatTheGeneratorWrites() throws Exception {
        boolean regenerate = Boolean.getBoolean("poolwise.regenerate");
        for (Map.Entry<Path, String> file : DelegationGenerator.generateAll().entrySet()) {
            Path path = SOURCES.resolve(file.getKey());
            if (regenerate) {
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(Files.exists(path)).as("%s is missing; regenerate with: %s", path,
                    DelegationGenerator.REGENERATE).isTrue();
            assertThat(Files.readString(path, StandardCharsets.UTF_8))
                    .as("%s differs from what DelegationGenerator writes (do not edit it by hand); regenerate with: %s",
                            path, DelegationGenerator.REGENERATE)
                    .isEqualTo(file.getValue());
        }
    }
}
