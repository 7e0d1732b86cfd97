package dev.poolwise.advisor;

/** Renders a recommendation for people: the deployment, the budget, each setting with its reason, warnings. */
public final class TextRenderer implements RecommendationRenderer {

    @Override
    public String render(Recommendation r) {
        StringBuilder out = new StringBuilder();
        Deployment d = r.deployment();
        out.append("Deployment: ").append(describe(d)).append('\n');
        ConnectionBudget b = r.budget();
        out.append("Budget:     ").append(b.reason().formula()).append(" connections for the whole fleet\n");
        if (r.isFeasible()) {
            int size = r.poolSetting("maximumPoolSize").map(Setting::intValue).orElse(0);
            out.append("Fleet:      ").append(b.maxProcesses()).append(" pools at the maximum × ").append(size)
                    .append(" = ").append(b.fleetTotalAtMax()).append(" of ").append(b.budget()).append('\n');
            out.append("\nPool settings (each process):\n");
            for (Setting s : r.poolSettings()) {
                appendSetting(out, s);
            }
            if (!r.driverSettings().isEmpty()) {
                out.append("\nDriver settings (JDBC URL parameters):\n");
                for (Setting s : r.driverSettings()) {
                    appendSetting(out, s);
                }
            }
            if (!r.poolerSettings().isEmpty()) {
                out.append("\nPgBouncer settings (pgbouncer.ini, --format pgbouncer):\n");
                for (Setting s : r.poolerSettings()) {
                    appendSetting(out, s);
                }
            }
        } else {
            out.append("\nNo configuration can work for this deployment:\n");
            for (Infeasibility i : r.infeasibilities()) {
                out.append("  x ").append(i.message()).append('\n');
                for (String fix : i.fixes()) {
                    out.append("    fix: ").append(fix).append('\n');
                }
            }
        }
        if (!r.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            for (Warning w : r.warnings()) {
                out.append("  ! ").append(w.message()).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendSetting(StringBuilder out, Setting s) {
        out.append(String.format("  %-26s %s%s%n", s.name(), s.text(),
                s.unit().equals("connections") ? " connections" : s.unit().equals("seconds") ? " s" : ""));
        out.append("      ").append(s.reason().describe()).append('\n');
    }

    static String describe(Deployment d) {
        Database db = d.database();
        StringBuilder text = new StringBuilder(db.provider().displayName());
        if (db.compute() != null) {
            text.append(' ').append(db.compute());
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
