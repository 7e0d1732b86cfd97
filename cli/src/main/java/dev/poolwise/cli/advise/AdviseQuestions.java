package dev.poolwise.cli.advise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.HumanDuration;
import dev.poolwise.advisor.InvalidDeploymentException;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.Pooler;
import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;
import dev.poolwise.advisor.ProviderCatalog;
import dev.poolwise.cli.common.Terminal;

/**
 * The questions {@code poolwise advise} asks in a terminal when inputs are missing, the way a colleague would:
 * first the environment (who runs the database, the engine, the compute size, what sits between), then the
 * workload (servers or functions; instances, processes, threads; or concurrency; hold time and rate if known).
 * Only what the flags and the deployment file left out is asked. Each question shows its default in brackets
 * (Enter keeps it) and the valid answers; a bad answer is explained and asked again, up to
 * {@value #ATTEMPTS} times.
 */
final class AdviseQuestions {

    /** How many times one question is asked before giving up with a usage error. */
    static final int ATTEMPTS = 5;

    private static final String NO_DEFAULT = null;

    private final Terminal terminal;
    private final ProviderCatalog catalog;

    /**
     * @param terminal where to ask and read answers
     * @param catalog  the provider facts, for the compute sizes each provider offers
     */
    AdviseQuestions(Terminal terminal, ProviderCatalog catalog) {
        this.terminal = terminal;
        this.catalog = catalog;
    }

    /**
     * Asks for what {@code tree} lacks and writes the answers into it, as a deployment file would hold them.
     *
     * @param tree the deployment so far, from the file and the flags
     * @throws InvalidDeploymentException when a question got no valid answer in {@value #ATTEMPTS} tries
     * @throws MissingInputsException     when the input ends before the questions do
     */
    void ask(ObjectNode tree) {
        say("A few questions about the deployment. Enter keeps the [default]; flags such as --threads skip a"
                + " question.");
        ObjectNode db = section(tree, "database");
        say("");
        say("The database:");
        if (!db.hasNonNull("provider") && !db.hasNonNull("engine")) {
            db.put("provider", choose("database.provider", "Who runs the database?", ids(Provider.values()),
                    Provider.SELF_MANAGED.id()));
        }
        Provider provider = db.hasNonNull("provider") ? Provider.fromId("database.provider", db.get("provider").asText())
                : Provider.SELF_MANAGED;
        if (!db.hasNonNull("engine")) {
            List<String> engines = catalog.engines(provider).stream().map(Engine::id).toList();
            if (engines.size() > 1) {
                db.put("engine", choose("database.engine", "Which engine?", engines, engines.get(0)));
            } else {
                db.put("engine", engines.get(0));
            }
        }
        Engine engine = Engine.fromId("database.engine", db.get("engine").asText());
        if (provider == Provider.SELF_MANAGED) {
            if (!db.hasNonNull("max_connections")) {
                String engineDefault = catalog.require("engines", engine.id(), "max_connections").value();
                String answer = ask("database.max_connections", "The server's max_connections (SHOW max_connections)?",
                        engineDefault + ", the " + engine.id() + " default", text -> wholeNumber(
                                "database.max_connections", text, 1));
                if (answer != null) {
                    db.put("max_connections", answer);
                }
            }
            if (!db.hasNonNull("cores")) {
                String answer = ask("database.cores", "CPU cores of the database server (caps its busy connections)?",
                        "unknown", text -> wholeNumber("database.cores", text, 1));
                if (answer != null) {
                    db.put("cores", answer);
                }
            }
        } else if (provider.hasInstanceClasses()) {
            if (!db.hasNonNull("instance_class") && !db.hasNonNull("max_connections")) {
                db.put("instance_class", ask("database.instance_class", "The " + provider.displayName()
                        + " instance class (e.g. " + catalog.knownInstanceClasses(provider, engine) + ")?", NO_DEFAULT,
                        text -> {
                            catalog.maxConnectionsOf(provider, engine, text);
                            return text.trim();
                        }));
            }
        } else if (!db.hasNonNull("compute") && !db.hasNonNull("max_connections")) {
            if (provider == Provider.PLANETSCALE && engine == Engine.POSTGRESQL) {
                db.put("max_connections", ask("database.max_connections", "PlanetScale Postgres's max_connections"
                        + " (SHOW max_connections tells)?", NO_DEFAULT,
                        text -> wholeNumber("database.max_connections", text, 1)));
            } else {
                List<String> sizes = computeSizes(provider, engine);
                String unit = catalog.find("providers", provider.id(), "compute_unit").map(f -> f.value())
                        .orElse("compute size");
                db.put("compute", ask("database.compute", "The " + provider.displayName() + " " + unit + " ("
                        + String.join(", ", sizes) + ")?", sizes.get(0), text -> {
                            lookUpSize(provider, engine, text);
                            return text.trim();
                        }));
            }
        }
        ObjectNode between = section(tree, "between");
        if (!between.hasNonNull("pooler")) {
            List<String> kinds = poolerKinds(provider, engine);
            if (kinds.size() > 1) {
                between.put("pooler", choose("between.pooler", "What sits between the application and the database?",
                        kinds, PoolerKind.NONE.id()));
            }
        }
        PoolerKind kind = between.hasNonNull("pooler") ? PoolerKind.fromId("between.pooler",
                between.get("pooler").asText()) : PoolerKind.NONE;
        if (kind.isPgBouncer() && !between.hasNonNull("version")) {
            String answer = ask("between.version", "PgBouncer's version (pgbouncer --version)?", "unknown", text -> {
                new Pooler(kind, text.trim(), null, null);
                return text.trim();
            });
            if (answer != null) {
                between.put("version", answer);
            }
        }
        if (between.isEmpty()) {
            tree.remove("between");
        }

        say("");
        say("The application:");
        ObjectNode app = section(tree, "application");
        boolean serverless = app.has("serverless");
        boolean servers = app.has("instances") || app.has("min_instances") || app.has("max_instances")
                || app.has("threads") || app.has("async_concurrency") || app.has("processes");
        if (!serverless && !servers) {
            serverless = choose("application", "Does it run on long-running servers (VMs, pods, containers) or as"
                    + " serverless functions?", List.of("servers", "functions"), "servers").equals("functions");
        }
        if (serverless) {
            ObjectNode functions = section(app, "serverless");
            if (!functions.hasNonNull("max_concurrency")) {
                functions.put("max_concurrency", ask("application.serverless.max_concurrency", "How many invocations"
                        + " may run at once (the functions' concurrency limit)?", "100",
                        text -> wholeNumber("application.serverless.max_concurrency", text, 1)));
            }
            if (!functions.hasNonNull("instance_reuse")) {
                functions.put("instance_reuse", yesNo("application.serverless.instance_reuse", "Is a function instance"
                        + " reused across invocations (warm starts)?", "yes"));
            }
        } else {
            if (!app.has("instances") && !app.has("min_instances") && !app.has("max_instances")) {
                String answer = ask("application.instances", "How many instances (servers, pods)? For an autoscaling"
                        + " fleet, its minimum and maximum, e.g. 2-10.", "2", AdviseQuestions::instances);
                if (answer.contains("-")) {
                    app.put("min_instances", answer.substring(0, answer.indexOf('-')));
                    app.put("max_instances", answer.substring(answer.indexOf('-') + 1));
                } else {
                    app.put("instances", answer);
                }
            } else if (app.has("max_instances") && !app.has("min_instances")) {
                // A maximum alone is not a fixed fleet: the minimum decides each process's share of the work.
                String max = app.get("max_instances").asText();
                app.put("min_instances", ask("application.min_instances", "The autoscaler's minimum instances (its"
                        + " maximum is " + max + ")?", NO_DEFAULT, text -> wholeNumber("application.min_instances",
                        text, 1)));
            } else if (app.has("min_instances") && !app.has("max_instances")) {
                String min = app.get("min_instances").asText();
                app.put("max_instances", ask("application.max_instances", "The autoscaler's maximum instances (its"
                        + " minimum is " + min + ")?", NO_DEFAULT, text -> wholeNumber("application.max_instances",
                        text, 1)));
            }
            if (!app.has("processes")) {
                app.put("processes", ask("application.processes", "Processes per instance, each with its own pool (1"
                        + " for a JVM; gunicorn or uWSGI workers otherwise)?", "1",
                        text -> wholeNumber("application.processes", text, 1)));
            }
            if (!app.has("threads") && !app.has("async_concurrency")) {
                app.put("threads", ask("application.threads", "Threads per process that may use the database at once"
                        + " (e.g. the web server's worker threads)?", "10",
                        text -> wholeNumber("application.threads", text, 1)));
            }
        }

        JsonNode given = tree.path("workload");
        if (given.hasNonNull("units_per_second") && !given.hasNonNull("hold_time_p99")
                && !given.hasNonNull("hold_time_mean")) {
            // A rate alone cannot feed Little's law: ask for the hold time that makes it count.
            say("");
            say("The workload: the rate (" + given.get("units_per_second").asText() + "/s) needs a hold time to be"
                    + " used (Enter skips, and the rate is not used):");
            String hold = ask("workload.hold_time_p99", "How long does a unit of work hold a connection, at the 99th"
                    + " percentile (e.g. 40ms)?", "unknown", text -> {
                        HumanDuration.parse("workload.hold_time_p99", text);
                        return text.trim();
                    });
            if (hold != null) {
                ((ObjectNode) given).put("hold_time_p99", hold);
            }
        } else if (!tree.has("workload")) {
            say("");
            say("The workload, if you know it (Enter skips):");
            String hold = ask("workload.hold_time_p99", "How long does a unit of work hold a connection, at the 99th"
                    + " percentile (e.g. 40ms)?", "unknown", text -> {
                        HumanDuration.parse("workload.hold_time_p99", text);
                        return text.trim();
                    });
            if (hold != null) {
                ObjectNode work = section(tree, "workload");
                work.put("hold_time_p99", hold);
                String rate = ask("workload.units_per_second", "Units of work per second at peak, whole fleet?",
                        "unknown", AdviseQuestions::positiveNumber);
                if (rate != null) {
                    work.put("units_per_second", rate);
                }
            }
        }
        say("");
    }

    /**
     * @param tree  a deployment tree
     * @param flags each deployment field's flag
     * @return the {@code poolwise advise} flags that give the same deployment, for next time
     */
    static String commandLine(JsonNode tree, Map<String, String> flags) {
        List<String> words = new ArrayList<>(List.of("poolwise", "advise"));
        flatten("", tree, flags, words);
        return String.join(" ", words);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flags, List<String> words) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flatten(path + ".", field.getValue(), flags, words);
            } else if (flags.containsKey(path) && !field.getValue().isNull()) {
                words.add(flags.get(path));
                words.add(field.getValue().asText());
            }
        }
    }

    private List<String> computeSizes(Provider provider, Engine engine) {
        return switch (provider) {
            case AURORA_SERVERLESS_V2 -> catalog.sizes("providers", "aurora-serverless-v2", "max_connections",
                    engine.id());
            case PLANETSCALE -> catalog.sizes("providers", "planetscale", "transaction_pool");
            default -> catalog.sizes("providers", provider.id(), "max_connections");
        };
    }

    private void lookUpSize(Provider provider, Engine engine, String size) {
        switch (provider) {
            case AURORA_SERVERLESS_V2 -> catalog.byComputeSize("database.compute", size, "providers",
                    "aurora-serverless-v2", "max_connections", engine.id());
            case PLANETSCALE -> catalog.byComputeSize("database.compute", size, "providers", "planetscale",
                    "transaction_pool");
            default -> catalog.byComputeSize("database.compute", size, "providers", provider.id(), "max_connections");
        }
    }

    /** The poolers that can sit in front of this database (the same rules as {@code Deployment}'s checks). */
    static List<String> poolerKinds(Provider provider, Engine engine) {
        List<String> kinds = new ArrayList<>(List.of(PoolerKind.NONE.id()));
        switch (provider) {
            case NEON -> kinds.add(PoolerKind.NEON_POOLER.id());
            case SUPABASE -> kinds.addAll(List.of(PoolerKind.SUPAVISOR_TRANSACTION.id(),
                    PoolerKind.SUPAVISOR_SESSION.id()));
            case AURORA_SERVERLESS_V2, AURORA_PROVISIONED, RDS, SELF_MANAGED -> kinds.add(PoolerKind.RDS_PROXY.id());
            default -> {
            }
        }
        if (engine == Engine.POSTGRESQL) {
            kinds.add(PoolerKind.PGBOUNCER_TRANSACTION.id());
            if (provider != Provider.PLANETSCALE) {
                kinds.add(PoolerKind.PGBOUNCER_SESSION.id());
            }
        }
        return kinds;
    }

    private String choose(String field, String question, List<String> options, String defaultValue) {
        return ask(field, question + " (" + String.join(", ", options) + ")", defaultValue, text -> {
            String answer = text.trim().toLowerCase(Locale.ROOT);
            for (String option : options) {
                if (option.equals(answer)) {
                    return option;
                }
            }
            if (field.equals("database.provider")) {
                // Its aliases first: "aurora" is Serverless v2, though it also begins "aurora-provisioned".
                try {
                    return Provider.fromId(field, answer).id();
                } catch (InvalidDeploymentException notAnAlias) {
                    // fall through to a unique prefix
                }
            }
            // A unique prefix is enough: "neon", "pgbouncer-t".
            List<String> matches = options.stream().filter(o -> o.startsWith(answer)).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            throw new InvalidDeploymentException(field, text.trim(), "must be one of " + String.join(", ", options));
        });
    }

    private String yesNo(String field, String question, String defaultValue) {
        return ask(field, question + " (yes, no)", defaultValue, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true" -> "true";
            case "n", "no", "false" -> "false";
            default -> throw new InvalidDeploymentException(field, text.trim(), "must be yes or no");
        });
    }

    /**
     * Asks one question until the answer passes {@code check}.
     *
     * @param defaultValue shown in brackets and taken on Enter: a value, {@code null} when an answer is required,
     *                     or a word such as {@code unknown} (then Enter returns {@code null})
     * @param check        turns the answer into the value to keep, or throws explaining what is valid
     * @return the value, or {@code null} when the default was a word and Enter was pressed
     */
    private String ask(String field, String question, String defaultValue, UnaryOperator<String> check) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            terminal.out().print("  " + question + (defaultValue != null ? " [" + defaultValue + "]" : "") + " ");
            terminal.out().flush();
            String line;
            try {
                line = terminal.in().readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
            }
            if (line == null) {
                terminal.out().println();
                throw new MissingInputsException(List.of(field + ": no answer (the input ended)"));
            }
            if (line.isBlank()) {
                if (defaultValue == null) {
                    say("    An answer is needed here.");
                    continue;
                }
                if (!isValue(defaultValue)) {
                    return null;
                }
                line = defaultValue;
            }
            try {
                return check.apply(line);
            } catch (InvalidDeploymentException e) {
                say("    " + e.value() + ": " + e.valid() + ". Again, please.");
            }
        }
        throw new InvalidDeploymentException(field, "(no valid answer)", "asked " + ATTEMPTS + " times; give it as a"
                + " flag instead");
    }

    /** A default such as {@code unknown} or {@code 100, the postgresql default} is a hint, not a value. */
    private static boolean isValue(String defaultValue) {
        return !defaultValue.contains(" ") && !defaultValue.equals("unknown");
    }

    private static String wholeNumber(String field, String text, int minimum) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < minimum) {
                throw new InvalidDeploymentException(field, value, "must be at least " + minimum);
            }
            return String.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidDeploymentException(field, text.trim(), "must be a whole number");
        }
    }

    private static String instances(String text) {
        String answer = text.trim().replace(" ", "");
        int dash = answer.indexOf('-');
        if (dash < 0) {
            return wholeNumber("application.instances", answer, 1);
        }
        int min = Integer.parseInt(wholeNumber("application.min_instances", answer.substring(0, dash), 1));
        int max = Integer.parseInt(wholeNumber("application.max_instances", answer.substring(dash + 1), 1));
        if (min > max) {
            throw new InvalidDeploymentException("application.min_instances", min, "must not exceed the maximum ("
                    + max + ")");
        }
        return min == max ? String.valueOf(min) : min + "-" + max;
    }

    private static String positiveNumber(String text) {
        try {
            double value = Double.parseDouble(text.trim().replace("/s", ""));
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new InvalidDeploymentException("workload.units_per_second", text.trim(), "must be a positive"
                        + " number");
            }
            return text.trim().replace("/s", "");
        } catch (NumberFormatException e) {
            throw new InvalidDeploymentException("workload.units_per_second", text.trim(), "must be a number, e.g."
                    + " 250 or 12.5");
        }
    }

    private void say(String line) {
        terminal.out().println(line);
        terminal.out().flush();
    }

    private static List<String> ids(Provider[] providers) {
        List<String> ids = new ArrayList<>();
        for (Provider provider : providers) {
            ids.add(provider.id());
        }
        return ids;
    }

    private static ObjectNode section(ObjectNode parent, String name) {
        if (parent.path(name).isObject()) {
            return (ObjectNode) parent.get(name);
        }
        return parent.putObject(name);
    }
}
