package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md and the settings table ({@link Setting}) say the same: the "All settings at a glance"
 * table is the settings table rendered, and every setting has its own section. When a setting changes, this test
 * fails and prints the table to paste.
 */
class ConfigurationDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final String START = "<!-- settings-table:start (generated from dev.poolwise.internal.Setting;"
            + " ConfigurationDocsTest checks it) -->";
    private static final String END = "<!-- settings-table:end -->";

    /** @return the markdown table of every setting, in the table's order */
    static String renderedTable() {
        StringBuilder table = new StringBuilder()
                .append("| Key | What it does | Default | Valid | Unit | HikariCP |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (Setting setting : Setting.values()) {
            table.append("| `").append(setting.key()).append("` | ").append(setting.doc())
                    .append(" | ").append(setting.defaultText())
                    .append(" | ").append(setting.validText())
                    .append(" | ").append(setting.type().unit())
                    .append(" | ").append(setting.hikari()).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void theDocsTableIsTheSettingsTable() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        int start = docs.indexOf(START);
        int end = docs.indexOf(END);
        assertThat(start).as("%s holds the marker %s", DOCS, START).isNotNegative();
        assertThat(end).as("%s holds the marker %s", DOCS, END).isGreaterThan(start);

        String documented = docs.substring(start + START.length(), end).strip() + "\n";

        assertThat(documented)
                .as("docs/configuration.md's settings table is out of date; paste this between the markers:%n%n%s",
                        renderedTable())
                .isEqualTo(renderedTable());
    }

    @Test
    void everySettingHasItsOwnSectionInTheDocs() throws IOException {
        List<String> headings = new ArrayList<>();
        for (String line : Files.readAllLines(DOCS, StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                headings.add(line);
            }
        }
        for (Setting setting : Setting.values()) {
            assertThat(headings).as("a ### heading naming `%s` in %s", setting.key(), DOCS)
                    .anySatisfy(heading -> assertThat(heading).contains("`" + setting.key() + "`"));
        }
    }

    @Test
    void noTableCellBreaksTheMarkdown() {
        for (Setting setting : Setting.values()) {
            assertThat(List.of(setting.doc(), setting.defaultText(), setting.validText(), setting.hikari()))
                    .as(setting.key()).allSatisfy(cell -> assertThat(cell).doesNotContain("|").doesNotContain("\n"));
        }
    }
}
