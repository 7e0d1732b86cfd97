package dev.poolwise.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in the normal (JDK 17) test run and makes sure the virtual-thread tests are not silently lost: the
 * build runs {@link VirtualThreadPinningTest} in a separate surefire execution on the Java binary at
 * {@code poolwise.vt.java}, and only when that file exists. Under {@code CI=true} a missing binary fails here;
 * elsewhere this test is skipped with the same message.
 */
class VirtualThreadJdkGuardTest {

    /** Where the build looks for a JDK 21+ {@code java} unless {@code -Dpoolwise.vt.java} says otherwise. */
    static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @Test
    void aJdkForTheVirtualThreadTestsIsInstalled() {
        String java = System.getProperty("poolwise.vt.java", DEFAULT_JAVA);
        if (!Files.isExecutable(Path.of(java))) {
            RequiredService.missing("No Java 21+ binary at " + java + ", so the virtual-thread tests "
                    + "(VirtualThreadPinningTest, tag virtual-threads) did not run; CI needs a JDK 21+ there: "
                    + "install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or point "
                    + "-Dpoolwise.vt.java at its bin/java", null);
        }
        assertThat(Path.of(java)).isExecutable();
    }
}
