package dev.poolwise.advisor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a deployment file (YAML or JSON; the schema is in {@code docs/advise.md}) into a {@link Deployment}.
 * Unknown fields are errors that list the known ones, so a typo is not silently ignored.
 */
public final class DeploymentReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SECTIONS = Set.of("database", "between", "application", "workload");
    private static final Set<String> DATABASE = Set.of("engine", "provider", "compute", "min_compute",
            "max_connections", "reserved_connections", "cores", "spindles", "wait_timeout", "suspend_after",
            "instance_class", "headroom");
    private static final Set<String> BETWEEN = Set.of("pooler", "version", "max_client_connections", "pool_size",
            "max_connections_percent", "max_idle_connections_percent", "idle_client_timeout",
            "connection_borrow_timeout");
    private static final Set<String> APPLICATION = Set.of("instances", "min_instances", "max_instances", "processes",
            "threads", "async_concurrency", "pool_size", "serverless");
    private static final Set<String> SERVERLESS = Set.of("max_concurrency", "instance_reuse");
    private static final Set<String> WORKLOAD = Set.of("hold_time_mean", "hold_time_p99", "units_per_second",
            "connections_per_unit");

    private DeploymentReader() {
    }

    /**
     * @param text a deployment file's content, YAML or JSON
     * @return the tree, for merging with command-line values before {@link #read(JsonNode)}
     * @throws InvalidDeploymentException when the text is not YAML or JSON, or not a mapping
     */
    public static ObjectNode parse(String text) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDeploymentException("(file)", "(content)", "must be YAML or JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDeploymentException("(file)", "(content)", "cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return YAML.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new InvalidDeploymentException("(file)", tree.getNodeType(), "must be a mapping with sections "
                    + String.join(", ", sorted(SECTIONS)));
        }
        return (ObjectNode) tree;
    }

    /**
     * @param text a deployment file's content, YAML or JSON
     * @return the deployment
     */
    public static Deployment read(String text) {
        return read(parse(text));
    }

    /**
     * @param tree a deployment as a tree with the file's sections
     * @return the deployment
     * @throws MissingInputsException     when the engine or provider is missing
     * @throws InvalidDeploymentException naming the field, value and what is valid
     */
    public static Deployment read(JsonNode tree) {
        checkKeys("", tree, SECTIONS);
        JsonNode db = section(tree, "database", DATABASE);
        JsonNode between = section(tree, "between", BETWEEN);
        JsonNode app = section(tree, "application", APPLICATION);
        JsonNode serverless = section(app, "serverless", SERVERLESS);
        JsonNode work = section(tree, "workload", WORKLOAD);

        Provider provider = text(db, "provider") == null ? Provider.SELF_MANAGED
                : Provider.fromId("database.provider", text(db, "provider"));
        String instanceClass = text(db, "instance_class");
        if (provider == Provider.AURORA_SERVERLESS_V2 && instanceClass != null
                && !instanceClass.equalsIgnoreCase("db.serverless")) {
            // An instance class other than Serverless v2's own is a provisioned Aurora instance.
            provider = Provider.AURORA_PROVISIONED;
        }
        if (provider == Provider.AURORA_SERVERLESS_V2 && instanceClass != null) {
            instanceClass = null; // db.serverless: sized by --compute (maximum ACU)
        }
        String engineText = text(db, "engine");
        Engine engine;
        if (engineText != null) {
            engine = Engine.fromId("database.engine", engineText);
        } else if (provider == Provider.NEON || provider == Provider.SUPABASE || provider == Provider.CLOUD_SQL
                || provider == Provider.AZURE_POSTGRESQL) {
            engine = Engine.POSTGRESQL;
        } else if (provider == Provider.PLANETSCALE) {
            engine = Engine.MYSQL;
        } else {
            // Without an engine nothing about the database can be checked; list what the application lacks too,
            // so that one run names every missing input.
            List<String> missing = new ArrayList<>();
            missing.add("database.engine: " + Engine.validIds() + (provider == Provider.SELF_MANAGED
                    ? " (or database.provider: neon, planetscale, aurora-serverless-v2, supabase, rds, cloud-sql,"
                            + " azure)" : ""));
            missing.addAll(missingApplication(app, section(app, "serverless", SERVERLESS)));
            throw new MissingInputsException(missing);
        }
        String headroomText = text(db, "headroom");
        Database database = new Database(engine, provider, text(db, "compute"), text(db, "min_compute"),
                integer(db, "database.", "max_connections"), integer(db, "database.", "reserved_connections"),
                integer(db, "database.", "cores"), integer(db, "database.", "spindles"),
                duration(db, "database.", "wait_timeout"), duration(db, "database.", "suspend_after"), null,
                instanceClass, headroomText == null ? null : Headroom.parse("database.headroom", headroomText));
        String poolerText = text(between, "pooler");
        PoolerKind kind = poolerText == null ? PoolerKind.NONE : PoolerKind.fromId("between.pooler", poolerText);
        RdsProxySettings proxy = new RdsProxySettings(integer(between, "between.", "max_connections_percent"),
                integer(between, "between.", "max_idle_connections_percent"),
                duration(between, "between.", "idle_client_timeout"),
                duration(between, "between.", "connection_borrow_timeout"));
        if (proxy.anyGiven() && kind != PoolerKind.RDS_PROXY) {
            throw new InvalidDeploymentException(proxyField(between), kind.id(),
                    "RDS Proxy's settings apply only to between.pooler rds-proxy");
        }
        Pooler pooler = new Pooler(kind, text(between, "version"), integer(between, "between.", "max_client_connections"),
                integer(between, "between.", "pool_size"), kind == PoolerKind.RDS_PROXY ? proxy : null);

        Integer instances = integer(app, "application.", "instances");
        Database.requireAtLeast("application.instances", instances, 1);
        if (instances != null && (long) instances * (integer(app, "application.", "processes") == null ? 1
                : Math.max(1, integer(app, "application.", "processes"))) > Application.MOST_POOLS) {
            throw new InvalidDeploymentException("application.instances", instances, "× processes = more than "
                    + Application.MOST_POOLS + " pools: no database admits a connection for each (PostgreSQL's"
                    + " max_connections tops out at 262143), so this is likely a typo");
        }
        Integer minInstances = integer(app, "application.", "min_instances");
        Integer maxInstances = integer(app, "application.", "max_instances");
        if (instances != null && (minInstances != null || maxInstances != null)) {
            throw new InvalidDeploymentException("application.instances", instances,
                    "give instances for a fixed fleet, or min_instances and max_instances for an autoscaling one,"
                            + " not both");
        }
        if (instances != null) {
            minInstances = instances;
            maxInstances = instances;
        }
        Application application = new Application(minInstances, maxInstances, integer(app, "application.", "processes"),
                integer(app, "application.", "threads"), integer(app, "application.", "async_concurrency"),
                integer(serverless, "application.serverless.", "max_concurrency"),
                bool(serverless, "application.serverless.", "instance_reuse"),
                integer(app, "application.", "pool_size"));
        Workload workload = new Workload(duration(work, "workload.", "hold_time_mean"),
                duration(work, "workload.", "hold_time_p99"), decimal(work, "workload.", "units_per_second"),
                integer(work, "workload.", "connections_per_unit"));
        return new Deployment(database, pooler, application, workload);
    }

    /** @return the application inputs the rules need and the tree lacks, as {@code path: what} */
    private static List<String> missingApplication(JsonNode app, JsonNode serverless) {
        List<String> missing = new ArrayList<>();
        if (serverless.has("max_concurrency")) {
            return missing;
        }
        if (!app.has("instances") && !app.has("min_instances") && !app.has("max_instances")) {
            missing.add("application.instances: how many instances (servers, pods) run the application; for an"
                    + " autoscaling fleet, min_instances and max_instances (serverless functions:"
                    + " application.serverless.max_concurrency instead)");
        }
        if (!app.has("threads") && !app.has("async_concurrency")) {
            missing.add("application.threads: threads per process that use the database (or async_concurrency)");
        }
        return missing;
    }

    private static String proxyField(JsonNode between) {
        for (String key : List.of("max_connections_percent", "max_idle_connections_percent", "idle_client_timeout",
                "connection_borrow_timeout")) {
            if (between.has(key)) {
                return "between." + key;
            }
        }
        return "between.pooler";
    }

    private static JsonNode section(JsonNode parent, String name, Set<String> known) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidDeploymentException(name, node.asText(), "must be a mapping of "
                    + String.join(", ", sorted(known)));
        }
        checkKeys(name + ".", node, known);
        return node;
    }

    private static void checkKeys(String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new InvalidDeploymentException(prefix + key, node.get(key).asText(),
                        "unknown field; known: " + String.join(", ", sorted(known)));
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static Integer integer(JsonNode node, String prefix, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidDeploymentException(prefix + key, text, "must be a whole number");
        }
    }

    private static Double decimal(JsonNode node, String prefix, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.endsWith("/s") ? text.substring(0, text.length() - 2) : text);
        } catch (NumberFormatException e) {
            throw new InvalidDeploymentException(prefix + key, text, "must be a number, e.g. 250 or 12.5");
        }
    }

    private static Boolean bool(JsonNode node, String prefix, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new InvalidDeploymentException(prefix + key, text, "must be true or false");
        };
    }

    private static Duration duration(JsonNode node, String prefix, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        if (text.equals("0") || text.equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        return HumanDuration.parse(prefix + key, text);
    }
}
