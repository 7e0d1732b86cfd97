package dev.poolwise.advisor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Renders a JDBC URL with the recommended driver parameters, host and database left as placeholders, the
 * port the pooler listens on (Supavisor transaction mode 6543, PlanetScale's PgBouncer 6432).
 */
public final class JdbcUrlRenderer implements RecommendationRenderer {

    @Override
    public String render(Recommendation r) {
        RecommendationRenderer.requireFeasible(r);
        return url(r) + "\n";
    }

    static String url(Recommendation r) {
        Deployment d = r.deployment();
        Engine engine = d.database().engine();
        PoolerKind kind = d.between().kind();
        String host = switch (kind) {
            case NEON_POOLER -> "ep-NAME-pooler.REGION.aws.neon.tech";
            case SUPAVISOR_SESSION, SUPAVISOR_TRANSACTION -> "aws-0-REGION.pooler.supabase.com";
            default -> d.database().provider() == Provider.NEON ? "ep-NAME.REGION.aws.neon.tech" : "HOST";
        };
        int port = switch (kind) {
            case SUPAVISOR_TRANSACTION -> 6543;
            case PGBOUNCER_TRANSACTION, PGBOUNCER_SESSION -> 6432;
            default -> engine == Engine.POSTGRESQL ? 5432 : 3306;
        };
        String query = r.driverSettings().stream()
                .map(s -> s.name() + "=" + URLEncoder.encode(s.text(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "jdbc:" + engine.id() + "://" + host + ":" + port + "/DATABASE" + (query.isEmpty() ? "" : "?" + query);
    }
}
