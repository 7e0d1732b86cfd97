package dev.poolwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The CLI's layout, checked on its main sources (no ArchUnit: a scan of the import lines, which is where a
 * dependency on another package shows in Java source, since no code here uses fully qualified names):
 * one package per command; a command package uses only {@code cli.common} of the CLI's packages (and the
 * public APIs of core, the advisor and the micrometer module); {@code cli.common} uses no command package; and
 * nothing uses core's {@code dev.poolwise.internal}.
 */
class PackageLayoutTest {

    private static final Path MAIN = Path.of("src/main/java/dev/poolwise/cli");
    private static final Set<String> COMMANDS = Set.of("advise", "inspect", "demo", "top", "dashboard", "tune");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.poolwise\\.[\\w.]+);",
            Pattern.MULTILINE);

    @Test
    void everyCommandHasItsOwnPackageAndTheTopLevelHoldsOnlyTheRootCommand() throws IOException {
        Set<String> packages = new TreeSet<>();
        Set<String> commandsAtTopLevel = new TreeSet<>();
        try (Stream<Path> entries = Files.list(MAIN)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry)) {
                    packages.add(entry.getFileName().toString());
                } else if (Files.readString(entry).contains("@Command(")) {
                    commandsAtTopLevel.add(entry.getFileName().toString());
                }
            }
        }
        assertThat(packages).containsExactlyInAnyOrderElementsOf(union(COMMANDS, Set.of("common")));
        // The root command and its own helpers (Main, error handling) may live here; subcommands may not.
        assertThat(commandsAtTopLevel).containsExactly("PoolwiseCommand.java");
    }

    @Test
    void commandPackagesUseOnlyCommonAndCommonUsesNoCommand() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : union(COMMANDS, Set.of("common"))) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String relative = MAIN.relativize(file).toString().replace('\\', '/');
                    Matcher imports = IMPORT.matcher(Files.readString(file));
                    while (imports.find()) {
                        String imported = imports.group(1);
                        if (!allowed(pkg, imported)) {
                            violations.add(relative + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(violations).as("imports that break the package rule").isEmpty();
    }

    @Test
    void theRuleCatchesACommandImportingAnotherAndCommonImportingACommand() {
        assertThat(allowed("tune", "dev.poolwise.cli.demo.DemoCommand")).isFalse();
        assertThat(allowed("tune", "dev.poolwise.cli.PoolwiseCommand")).isFalse();
        assertThat(allowed("common", "dev.poolwise.cli.tune.StepRunner")).isFalse();
        assertThat(allowed("top", "dev.poolwise.internal.JdbcUrlMask")).isFalse();
        assertThat(allowed("tune", "dev.poolwise.cli.tune.StepRunner")).isTrue();
        assertThat(allowed("tune", "dev.poolwise.cli.common.LatencyHistogram")).isTrue();
        assertThat(allowed("advise", "dev.poolwise.advisor.Deployment")).isTrue();
        assertThat(allowed("demo", "dev.poolwise.PoolConfig")).isTrue();
    }

    /**
     * @param pkg      the importing package, e.g. {@code tune}
     * @param imported the imported class (or static member)
     * @return whether the package rule allows it
     */
    static boolean allowed(String pkg, String imported) {
        if (imported.contains(".internal.")) {
            return false;
        }
        if (!imported.startsWith("dev.poolwise.cli.")) {
            return true; // core's, the advisor's and micrometer's public APIs
        }
        String rest = imported.substring("dev.poolwise.cli.".length());
        int dot = rest.indexOf('.');
        if (dot < 0 || !Character.isLowerCase(rest.charAt(0))) {
            return false; // the top level: the root command, which no command may use
        }
        String target = rest.substring(0, dot);
        return target.equals(pkg) || target.equals("common");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
