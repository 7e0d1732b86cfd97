package dev.poolwise.cli.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The three files {@code poolwise dashboard} writes for one naming: the Grafana dashboard, the Prometheus alert
 * rules, and the rules' {@code promtool test rules} file, which names the rules file by its file name, so the
 * two stay side by side.
 */
public final class MonitoringFiles {

    /** The Grafana dashboard, importable JSON. */
    public static final String DASHBOARD_FILE = "poolwise-dashboard.json";
    /** The Prometheus alert rules, a rules file for {@code rule_files}. */
    public static final String ALERTS_FILE = "poolwise-alerts.yml";
    /** The alert rules' unit tests, for {@code promtool test rules}. */
    public static final String ALERTS_TEST_FILE = "poolwise-alerts-test.yml";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            // One line per expression and annotation, as people write them, not folded at 80 columns.
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private final DashboardNaming naming;
    private final GrafanaDashboard dashboard;
    private final AlertRules alerts;
    private final AlertRulesTestFile alertsTest;
    private final String version;

    /**
     * @param naming      the names the pools publish under
     * @param runbookBase where {@code docs/monitoring.md} is readable, for the alerts' {@code runbook_url}
     * @param version     the Poolwise version, recorded in the files
     */
    public MonitoringFiles(DashboardNaming naming, String runbookBase, String version) {
        this.naming = Objects.requireNonNull(naming, "naming");
        this.version = Objects.requireNonNull(version, "version");
        PrometheusSeries series = new PrometheusSeries(naming.naming());
        this.dashboard = new GrafanaDashboard(series, version);
        this.alerts = new AlertRules(series, runbookBase);
        this.alertsTest = new AlertRulesTestFile(alerts, ALERTS_FILE);
    }

    /** @return the dashboard */
    public GrafanaDashboard dashboard() {
        return dashboard;
    }

    /** @return the alert rules */
    public AlertRules alerts() {
        return alerts;
    }

    /** @return the dashboard's JSON text */
    public String dashboardJson() {
        return text(JSON, dashboard.toTree()) + System.lineSeparator();
    }

    /** @return the rules file's text, YAML, after a comment saying where it came from */
    public String alertsYaml() {
        return header("Prometheus alert rules for connection pools. Load with rule_files; check with:",
                "promtool check rules " + ALERTS_FILE) + text(YAML, alerts.toTree());
    }

    /** @return the rules' test file's text, YAML, after a comment saying how to run it */
    public String alertsTestYaml() {
        return header("Unit tests of " + ALERTS_FILE + ": each alert fires when it should and stays quiet when it"
                + " should not. Run with:", "promtool test rules " + ALERTS_TEST_FILE)
                + text(YAML, alertsTest.toTree());
    }

    /**
     * Writes the three files into a directory, creating it when missing and replacing files of the same names.
     *
     * @param directory where to write
     * @return what was written, in order
     * @throws IOException when the directory cannot be created or a file cannot be written
     */
    public List<Written> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Written> written = new ArrayList<>();
        written.add(write(directory.resolve(DASHBOARD_FILE), dashboardJson(), "Grafana dashboard"));
        written.add(write(directory.resolve(ALERTS_FILE), alertsYaml(), "Prometheus alert rules"));
        written.add(write(directory.resolve(ALERTS_TEST_FILE), alertsTestYaml(), "promtool tests of the rules"));
        return written;
    }

    private static Written write(Path file, String text, String what) throws IOException {
        boolean replaced = Files.exists(file);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new Written(file, what, replaced);
    }

    private String header(String what, String command) {
        return "# " + what + System.lineSeparator()
                + "#   " + command + System.lineSeparator()
                + "# Generated by poolwise dashboard --naming " + naming.id() + " (Poolwise " + version
                + "); regenerate rather than edit." + System.lineSeparator();
    }

    private static String text(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // Trees of plain nodes always serialize; this would be a bug.
            throw new IllegalStateException("cannot serialize the generated tree", e);
        }
    }

    /**
     * One file written.
     *
     * @param file     where
     * @param what     what it is, in a few words
     * @param replaced whether a file of that name was there before and has been replaced
     */
    public record Written(Path file, String what, boolean replaced) {
    }
}
