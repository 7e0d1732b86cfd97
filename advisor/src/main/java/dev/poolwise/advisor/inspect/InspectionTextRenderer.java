package dev.poolwise.advisor.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link InspectionReport} for people: the server and where it runs, the pooler seen, the limits,
 * the connections open now, the timeouts, and what could not be read.
 */
public final class InspectionTextRenderer {

    /** A renderer; it keeps no state. */
    public InspectionTextRenderer() {
    }

    /**
     * @param report what was read
     * @return the report as text, ending with a newline
     */
    public String render(InspectionReport report) {
        StringBuilder out = new StringBuilder();
        Endpoint e = report.endpoint();
        out.append("Database     ").append(report.engine().id()).append(' ').append(report.serverVersion())
                .append(" at ").append(e.address()).append(e.databaseName().map(name -> "/" + name).orElse(""))
                .append('\n');
        RecognizedHost host = report.host();
        out.append("Provider     ").append(host.service());
        if (host.isRecognized()) {
            out.append(" (").append(host.evidence()).append(')');
        }
        out.append('\n');
        PoolerDetection pooler = report.pooler();
        out.append("Pooler       ").append(pooler.detected()
                ? "detected, " + (pooler.mode() == null ? "pool mode unknown" : pooler.mode() + " mode")
                : "none detected").append('\n');
        for (String line : pooler.evidence()) {
            out.append("             - ").append(line).append('\n');
        }
        out.append('\n');
        out.append("Limits       max_connections ").append(report.maxConnections()).append(", reserved ")
                .append(report.reservedConnections());
        List<String> parts = new ArrayList<>();
        for (ServerSetting s : report.limits()) {
            if (!s.name().equals("max_connections")) {
                parts.add(s.name() + " " + s.value());
            }
        }
        if (!parts.isEmpty()) {
            out.append(" (").append(String.join(" + ", parts)).append(')');
        }
        out.append(": ").append(report.maxConnections() - report.reservedConnections())
                .append(" for applications\n");
        if (report.threadsConnected() != null || report.maxUsedConnections() != null) {
            out.append("Status       Threads_connected ").append(orDash(report.threadsConnected()))
                    .append(", Max_used_connections ").append(orDash(report.maxUsedConnections()))
                    .append(" (the peak since the server started)\n");
        }
        out.append('\n');
        out.append("Connections  ").append(report.openConnections()).append(" open now, this one included\n");
        if (!report.connections().isEmpty()) {
            boolean withApplication = report.connections().stream().anyMatch(c -> c.application() != null);
            List<String[]> rows = new ArrayList<>();
            rows.add(withApplication ? new String[] {"state", "application", "user", "database", "count"}
                    : new String[] {"command", "user", "database", "count"});
            for (ConnectionGroup c : report.connections()) {
                String database = c.database() == null ? "-" : c.database();
                String count = String.valueOf(c.count());
                rows.add(withApplication
                        ? new String[] {c.state(), c.application() == null || c.application().isEmpty() ? "-"
                                : c.application(), c.user() == null ? "-" : c.user(), database, count}
                        : new String[] {c.state(), c.user() == null ? "-" : c.user(), database, count});
            }
            table(out, rows);
        }
        out.append('\n');
        out.append("Timeouts\n");
        List<String[]> rows = new ArrayList<>();
        for (ServerSetting s : report.timeouts()) {
            rows.add(new String[] {s.name(), s.value(), s.meaning()});
        }
        table(out, rows);
        if (!report.notes().isEmpty()) {
            out.append('\n').append("Notes\n");
            for (String note : report.notes()) {
                out.append("  - ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }

    /** Writes rows in columns, each as wide as its widest cell; the last column is not padded. */
    private static void table(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
