package dev.poolwise.advisor;

/**
 * Renders a recommendation for people: the deployment, the budget, each setting with its reason, warnings.
 * Plain text by default; with ANSI colours (for a terminal) headings are bold, values green, reasons dim,
 * warnings yellow and what cannot work red. The words are the same either way.
 */
public final class TextRenderer implements RecommendationRenderer {

    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final boolean ansi;

    /** Plain text, for files, pipes and tests. */
    public TextRenderer() {
        this(false);
    }

    /** @param ansi whether to colour the text with ANSI escape sequences (only for a terminal that shows them) */
    public TextRenderer(boolean ansi) {
        this.ansi = ansi;
    }

    @Override
    public String render(Recommendation r) {
        StringBuilder out = new StringBuilder();
        Deployment d = r.deployment();
        out.append(paint(BOLD, "Deployment:")).append(' ').append(describe(d)).append('\n');
        ConnectionBudget b = r.budget();
        out.append(paint(BOLD, "Budget:")).append("     ").append(b.reason().formula())
                .append(b.multiplexed() ? "\n" : " connections for the whole fleet\n");
        if (r.isFeasible()) {
            int size = r.poolSetting("maximumPoolSize").map(Setting::intValue).orElse(0);
            String pools = r.deployment().application().isServerless() ? " functions" : " pools";
            out.append(paint(BOLD, "Fleet:")).append("      ").append(b.maxProcesses())
                    .append(pools).append(" at the maximum × ").append(size).append(" = ")
                    .append(paint(GREEN, String.valueOf(b.fleetTotalAtMax())))
                    .append(b.multiplexed() ? " client connections, multiplexed onto at most " + b.budget()
                            + " database connections" : " of " + b.budget())
                    .append(!b.multiplexed() && b.fleetTotalAtMax() > b.budget() ? " (within the limit of "
                            + b.hardLimit() + ", in Poolwise's headroom: see the warnings)" : "").append('\n');
            section(out, "Pool settings (each process):", r.poolSettings());
            section(out, "Driver settings (JDBC URL parameters):", r.driverSettings());
            section(out, "PgBouncer settings (pgbouncer.ini, --format pgbouncer):", r.poolerSettings());
        } else {
            out.append('\n').append(paint(BOLD + RED, "No configuration can work for this deployment:")).append('\n');
            for (Infeasibility i : r.infeasibilities()) {
                out.append("  ").append(paint(RED, "x " + i.message())).append('\n');
                for (String fix : i.fixes()) {
                    out.append("    ").append(paint(GREEN, "fix:")).append(' ').append(fix).append('\n');
                }
            }
            section(out, "Driver settings, whatever the size (JDBC URL parameters):", r.driverSettings());
        }
        if (!r.warnings().isEmpty()) {
            out.append('\n').append(paint(BOLD, "Warnings:")).append('\n');
            for (Warning w : r.warnings()) {
                out.append("  ").append(paint(YELLOW, "! " + w.message())).append('\n');
            }
        }
        return out.toString();
    }

    private void section(StringBuilder out, String heading, java.util.List<Setting> settings) {
        if (settings.isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, heading)).append('\n');
        for (Setting s : settings) {
            String unit = s.unit().equals("connections") ? ("1".equals(s.text()) ? " connection" : " connections")
                    : s.unit().equals("seconds") ? " s" : "";
            // Pad before colouring, so escape sequences do not upset the column.
            out.append("  ").append(String.format("%-26s", s.name())).append(' ')
                    .append(paint(BOLD + GREEN, s.text())).append(unit).append('\n');
            out.append("      ").append(paint(DIM, s.reason().describe())).append('\n');
        }
    }

    private String paint(String style, String text) {
        return ansi ? style + text + RESET : text;
    }

    static String describe(Deployment d) {
        Database db = d.database();
        StringBuilder text = new StringBuilder(db.provider().displayName());
        if (db.compute() != null) {
            text.append(' ').append(db.compute());
        }
        if (db.instanceClass() != null) {
            text.append(' ').append(db.instanceClass());
        }
        text.append(" (").append(db.engine().id()).append(')');
        if (d.between().kind() != PoolerKind.NONE) {
            text.append(" via ").append(d.between().kind().displayName());
            if (d.between().version() != null) {
                text.append(' ').append(d.between().version());
            }
        }
        Application app = d.application();
        if (app.isServerless()) {
            text.append("; serverless functions, up to ").append(app.serverlessConcurrency()).append(" at once")
                    .append(Boolean.TRUE.equals(app.instanceReuse()) ? ", instances reused" : ", not reused");
        } else if (app.maxInstances() != null) {
            text.append("; ").append(app.autoscales() ? app.minInstances() + "–" + app.maxInstances()
                    : String.valueOf(app.maxInstances())).append(app.maxInstances() == 1 ? " instance × " : " instances × ").append(app.processes())
                    .append(app.processes() == 1 ? " process × " : " processes × ").append(app.concurrencyPerProcess())
                    .append(app.threads() != null ? " threads" : " async units");
        }
        return text.toString();
    }
}
