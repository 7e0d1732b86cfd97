package dev.poolwise.cli.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise dashboard}: writes a Grafana dashboard, Prometheus alert rules and the rules' promtool tests
 * for pools publishing either naming, into one directory.
 *
 * <p>Exit codes: 0 written; 1 a file could not be written; 2 a bad option (the error names it, the value and
 * what is valid).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Writes a Grafana dashboard, Prometheus alert rules and their promtool unit tests for connection pools.",
            "",
            "Files, in --out: " + MonitoringFiles.DASHBOARD_FILE + " (import into Grafana), "
                    + MonitoringFiles.ALERTS_FILE + " (add to Prometheus' rule_files), "
                    + MonitoringFiles.ALERTS_TEST_FILE + " (run: promtool test rules "
                    + MonitoringFiles.ALERTS_TEST_FILE + "). Files of those names are replaced; the output says"
                    + " which.",
            "",
            "Alerts: pool exhausted, slow acquire, timeouts rising, leaks suspected, pool unable to connect."
        },
        footer = {"", "Examples:",
            "  poolwise dashboard",
            "  poolwise dashboard --naming hikaricp --out monitoring/",
            "  poolwise dashboard --runbook-base https://wiki.example.com/poolwise",
            "", "Exit codes: 0 written, 1 a file could not be written, 2 a bad option.",
            "See docs/monitoring.md for wiring Prometheus and Grafana, and what to do when each alert fires."})
public final class DashboardCommand implements Callable<Integer> {

    /** Where the files go when {@code --out} is not given: a directory of their own under the current one. */
    static final String DEFAULT_OUT = "poolwise-dashboard";

    @Spec
    private CommandSpec spec;

    @Option(names = "--naming", paramLabel = "NAMING", defaultValue = "otel",
            description = "The metric names the pools publish: otel (db.client.connection.*, the default;"
                    + " PoolwiseMetrics.otel()) or hikaricp (hikaricp.connections.*; PoolwiseMetrics.hikari(),"
                    + " or HikariCP itself).")
    private String naming;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT,
            description = "The directory to write into, created when missing (default: ./" + DEFAULT_OUT + ").")
    private Path out;

    @Option(names = "--runbook-base", paramLabel = "URL", defaultValue = AlertRules.DEFAULT_RUNBOOK_BASE,
            description = "Where your team reads docs/monitoring.md; each alert's runbook_url is this plus"
                    + " #<alert name> (default: " + AlertRules.DEFAULT_RUNBOOK_BASE + ").")
    private String runbookBase;

    @Override
    public Integer call() throws IOException {
        DashboardNaming chosen;
        try {
            chosen = DashboardNaming.fromId(naming);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (runbookBase.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--runbook-base is empty: give a URL or a path such as "
                    + AlertRules.DEFAULT_RUNBOOK_BASE);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": is a file, not a directory");
        }
        MonitoringFiles files = new MonitoringFiles(chosen, runbookBase.strip(), VersionProvider.version());
        List<MonitoringFiles.Written> written;
        try {
            written = files.writeTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("--out " + out + ": cannot create the directory, " + e.getFile()
                    + " is in the way", e);
        } catch (IOException e) {
            throw new IOException("--out " + out + ": cannot write the files: " + e.getMessage(), e);
        }
        PrintWriter printed = spec.commandLine().getOut();
        printed.println("Wrote, for pools publishing " + chosen.naming().prefix() + "* (--naming " + chosen.id()
                + "):");
        for (MonitoringFiles.Written file : written) {
            printed.println("  " + file.file() + "  " + file.what() + (file.replaced() ? " (replaced)" : ""));
        }
        printed.println("Import the dashboard into Grafana; add the rules to Prometheus' rule_files; check them with"
                + " promtool test rules " + out.resolve(MonitoringFiles.ALERTS_TEST_FILE) + ".");
        printed.flush();
        return 0;
    }
}
