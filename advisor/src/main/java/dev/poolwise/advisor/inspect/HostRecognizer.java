package dev.poolwise.advisor.inspect;

import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;

/**
 * Recognizes a provider, and a pooler it runs, from the host name and port a JDBC URL connects to. The
 * patterns are those in the providers' own connection strings (see docs/advise.md, {@code inspect}):
 * <ul>
 *   <li>Neon: {@code ep-NAME-ID.REGION.aws.neon.tech}; the pooled endpoint adds {@code -pooler} to the endpoint
 *       id ({@code ep-NAME-ID-pooler.REGION...}), PgBouncer in transaction mode run by Neon.</li>
 *   <li>PlanetScale: {@code *.psdb.cloud}: MySQL through {@code aws.connect.psdb.cloud} (or
 *       {@code REGION.connect.psdb.cloud}); Postgres on {@code *.horizon.psdb.cloud}, port 6432 for its
 *       PgBouncer (transaction mode), 5432 direct.</li>
 *   <li>Amazon: {@code *.rds.amazonaws.com} (and {@code .com.cn}): {@code NAME.proxy-ID.REGION...} is RDS
 *       Proxy; {@code NAME.cluster-ID...}, {@code cluster-ro-}, {@code cluster-custom-} an Aurora cluster
 *       endpoint; anything else an instance endpoint (RDS, or one Aurora instance).</li>
 *   <li>Supabase: {@code db.REF.supabase.co} direct on 5432 and its dedicated PgBouncer on 6543;
 *       {@code aws-N-REGION.pooler.supabase.com} is Supavisor, 5432 session mode, 6543 transaction mode.</li>
 * </ul>
 * A host none of these match is taken as self-managed. Aurora Serverless v2 and provisioned Aurora share
 * their host names; the report says so, and measured limits replace the ACU table either way.
 */
public final class HostRecognizer {

    private HostRecognizer() {
    }

    /**
     * @param endpoint where the JDBC URL points
     * @return the provider and pooler its host and port name; self-managed with no pooler when none matches
     */
    public static RecognizedHost recognize(Endpoint endpoint) {
        String host = endpoint.host();
        int port = endpoint.port();
        String firstLabel = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        if (host.endsWith(".neon.tech")) {
            if (firstLabel.endsWith("-pooler")) {
                return new RecognizedHost(Provider.NEON, PoolerKind.NEON_POOLER, "Neon, pooled endpoint (-pooler)",
                        "*.neon.tech, endpoint id " + firstLabel + " ends in -pooler");
            }
            return new RecognizedHost(Provider.NEON, PoolerKind.NONE, "Neon, direct endpoint",
                    "*.neon.tech, endpoint id " + firstLabel + " without -pooler");
        }
        if (host.endsWith(".psdb.cloud")) {
            if (host.endsWith(".horizon.psdb.cloud") || endpoint.scheme().equals("postgresql")) {
                if (port == 6432) {
                    return new RecognizedHost(Provider.PLANETSCALE, PoolerKind.PGBOUNCER_TRANSACTION,
                            "PlanetScale Postgres, through its PgBouncer (port 6432, transaction mode)",
                            "*.psdb.cloud, PostgreSQL on port 6432");
                }
                return new RecognizedHost(Provider.PLANETSCALE, PoolerKind.NONE, "PlanetScale Postgres, direct",
                        "*.psdb.cloud, PostgreSQL on port " + port);
            }
            return new RecognizedHost(Provider.PLANETSCALE, PoolerKind.NONE, "PlanetScale MySQL (Vitess)",
                    "*.psdb.cloud, MySQL protocol");
        }
        if (host.endsWith(".rds.amazonaws.com") || host.endsWith(".rds.amazonaws.com.cn")) {
            String[] labels = host.split("\\.");
            String second = labels.length > 1 ? labels[1] : "";
            if (second.startsWith("proxy-") || host.contains(".endpoint.proxy-")) {
                return new RecognizedHost(Provider.SELF_MANAGED, PoolerKind.RDS_PROXY, "Amazon RDS Proxy",
                        "*.rds.amazonaws.com with a proxy- label");
            }
            if (second.startsWith("cluster-")) {
                return new RecognizedHost(Provider.AURORA_SERVERLESS_V2, PoolerKind.NONE,
                        "Amazon Aurora, cluster endpoint (Serverless v2 or provisioned: the host does not tell)",
                        "*.rds.amazonaws.com with a " + second.substring(0, second.lastIndexOf('-') + 1) + " label");
            }
            return new RecognizedHost(Provider.SELF_MANAGED, PoolerKind.NONE,
                    "Amazon RDS, instance endpoint (RDS or one Aurora instance)", "*.rds.amazonaws.com");
        }
        if (host.endsWith(".pooler.supabase.com")) {
            if (port == 6543) {
                return new RecognizedHost(Provider.SUPABASE, PoolerKind.SUPAVISOR_TRANSACTION,
                        "Supabase, Supavisor in transaction mode (port 6543)", "*.pooler.supabase.com, port 6543");
            }
            return new RecognizedHost(Provider.SUPABASE, PoolerKind.SUPAVISOR_SESSION,
                    "Supabase, Supavisor in session mode (port " + port + ")", "*.pooler.supabase.com, port " + port);
        }
        if (host.endsWith(".supabase.co")) {
            if (port == 6543) {
                return new RecognizedHost(Provider.SUPABASE, PoolerKind.PGBOUNCER_TRANSACTION,
                        "Supabase, dedicated pooler (PgBouncer, transaction mode, port 6543)",
                        "*.supabase.co, port 6543");
            }
            return new RecognizedHost(Provider.SUPABASE, PoolerKind.NONE, "Supabase, direct connection",
                    "*.supabase.co, port " + port);
        }
        return new RecognizedHost(Provider.SELF_MANAGED, PoolerKind.NONE,
                "not a provider Poolwise knows (self-managed)", "");
    }
}
