package dev.poolwise.cli.advise;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.FormatNotApplicableException;
import dev.poolwise.advisor.InfeasibleRecommendationException;
import dev.poolwise.advisor.InvalidDeploymentException;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.OutputFormat;
import dev.poolwise.advisor.ProviderCatalog;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.RecommendationRenderer;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.advisor.TextRenderer;
import dev.poolwise.cli.common.DeploymentFlags;
import dev.poolwise.cli.common.Terminal;
import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise advise}: how should my pools be configured for this deployment? Reads the deployment from
 * flags and/or a deployment file (YAML or JSON, flags win), asks in a terminal for what is missing
 * ({@link AdviseQuestions}), and prints the recommendation with a reason for every number, in the chosen
 * format ({@code text} in colour on a terminal).
 *
 * <p>Exit codes: 0 a configuration was recommended; 1 none can work (the output says why and what would fix
 * it); 2 invalid or missing inputs (the error names the field, the value and what is valid).
 */
@Command(name = "advise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Recommends pool settings for a deployment, with the formula and inputs behind every number.",
            "",
            "Give the database (engine or provider and compute size), what sits between, the application fleet"
                    + " (instances, processes, threads; or serverless concurrency) and, if known, the workload."
                    + " Values from --file are overridden by flags. In a terminal, missing inputs are asked for"
                    + " (environment first, then the workload); when input is not a terminal, or with --no-input,"
                    + " they are a usage error listing them."
        },
        footer = {"", "Examples:",
            "  poolwise advise --provider neon --compute 0.25 --pooler neon-pooler --instances 6 --processes 2"
                    + " --threads 16",
            "  poolwise advise --engine postgresql --max-connections 100 --cores 8 --instances 3 --threads 20"
                    + " --format spring",
            "  poolwise advise --file deployment.yaml --format sqlalchemy",
            "  poolwise advise --provider rds --engine postgresql --instance-class db.r6g.large --pooler rds-proxy"
                    + " --serverless-concurrency 1000",
            "  poolwise advise --engine postgresql --max-connections 100 --pooler pgbouncer-transaction"
                    + " --pooler-version 1.18 --instances 3 --threads 20 --format pgbouncer > pgbouncer.ini",
            "  poolwise advise        (in a terminal: asks about the database, then the application)",
            "", "Exit codes: 0 recommended, 1 no configuration can work, 2 invalid or missing inputs.",
            "See docs/advise.md for the deployment file format."})
public final class AdviseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Supplier<Optional<Terminal>> terminal;
    private final UnaryOperator<String> environment;
    private final BooleanSupplier stdoutIsTerminal;

    /** The command as {@code poolwise advise} runs it: the process's terminal and environment. */
    public AdviseCommand() {
        this(Terminal::attached, System::getenv, Terminal::stdoutIsTerminal);
    }

    /**
     * @param terminal         the terminal to ask questions in, or empty when input is not a terminal
     * @param environment      environment variables by name ({@code NO_COLOR}, {@code TERM})
     * @param stdoutIsTerminal whether standard output is a terminal, for {@code --color=auto}
     */
    AdviseCommand(Supplier<Optional<Terminal>> terminal, UnaryOperator<String> environment,
                  BooleanSupplier stdoutIsTerminal) {
        this.terminal = terminal;
        this.environment = environment;
        this.stdoutIsTerminal = stdoutIsTerminal;
    }

    @Option(names = "--file", paramLabel = "FILE", description = "A deployment file, YAML or JSON (docs/advise.md).")
    private Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, poolwise, hikari, spring (Boot with Poolwise:"
                    + " spring.datasource.poolwise.*), spring-hikari (Boot with HikariCP), sqlalchemy, jdbc-url,"
                    + " pgbouncer (pgbouncer.ini, for a PgBouncer you run: --pooler pgbouncer-transaction or -session).")
    private String format;

    @Option(names = "--no-input", description = "Never ask questions, even in a terminal: missing inputs are a usage"
            + " error listing them (as when input is not a terminal).")
    private boolean noInput;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours in --format text: auto (default: on a terminal, unless NO_COLOR is set or"
                    + " TERM=dumb), always, never.")
    private String color;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "postgresql, mysql or mariadb.")
    private String engine;
    @Option(names = "--provider", paramLabel = "PROVIDER",
            description = "self-managed (default), neon, planetscale, aurora-serverless-v2 (aurora), supabase;"
                    + " sized by --instance-class: rds, aurora (provisioned), cloud-sql, azure-postgresql.")
    private String provider;
    @Option(names = "--instance-class", paramLabel = "CLASS",
            description = "RDS and Aurora db.t3.medium, db.r6g.large; Cloud SQL db-custom-2-7680; Azure"
                    + " Standard_D2ds_v4: max_connections from the vendor's formula or table.")
    private String instanceClass;
    @Option(names = "--headroom", paramLabel = "N|P%",
            description = "Connections kept free for admin, migrations and other clients: a number (20) or a"
                    + " percentage (15%%); default max(5, 10%%), Supabase 20%%.")
    private String headroom;
    @Option(names = "--compute", paramLabel = "SIZE",
            description = "Plan or compute size: Neon CU (0.25), PlanetScale plan (PS-40), Aurora max ACU (8),"
                    + " Supabase size (small).")
    private String compute;
    @Option(names = "--min-compute", paramLabel = "ACU", description = "Aurora Serverless v2 minimum ACU.")
    private String minCompute;
    @Option(names = "--max-connections", paramLabel = "N", description = "The server's max_connections.")
    private String maxConnections;
    @Option(names = "--reserved-connections", paramLabel = "N", description = "Slots the application cannot use.")
    private String reservedConnections;
    @Option(names = "--cores", paramLabel = "N", description = "The database server's CPU cores.")
    private String cores;
    @Option(names = "--spindles", paramLabel = "N", description = "Effective spindles (0 for SSD, the default).")
    private String spindles;
    @Option(names = "--wait-timeout", paramLabel = "DURATION", description = "MySQL/MariaDB wait_timeout (default 8h).")
    private String waitTimeout;
    @Option(names = "--suspend-after", paramLabel = "DURATION",
            description = "Scale-to-zero delay (Neon default 5m; 0 when off).")
    private String suspendAfter;

    @Option(names = "--pooler", paramLabel = "KIND",
            description = "none, pgbouncer-session, pgbouncer-transaction, neon-pooler, rds-proxy,"
                    + " supavisor-session, supavisor-transaction.")
    private String pooler;
    @Option(names = "--pooler-version", paramLabel = "VERSION", description = "PgBouncer version, e.g. 1.18.")
    private String poolerVersion;
    @Option(names = "--pooler-max-clients", paramLabel = "N", description = "PgBouncer max_client_conn (default 100).")
    private String poolerMaxClients;
    @Option(names = "--pooler-pool-size", paramLabel = "N", description = "PgBouncer default_pool_size (default 20).")
    private String poolerPoolSize;
    @Option(names = "--proxy-max-connections-percent", paramLabel = "P",
            description = "RDS Proxy MaxConnectionsPercent (AWS default 100).")
    private String proxyMaxConnectionsPercent;
    @Option(names = "--proxy-max-idle-connections-percent", paramLabel = "P",
            description = "RDS Proxy MaxIdleConnectionsPercent (AWS default 50).")
    private String proxyMaxIdleConnectionsPercent;
    @Option(names = "--proxy-idle-client-timeout", paramLabel = "DURATION",
            description = "RDS Proxy IdleClientTimeout (AWS default 30m).")
    private String proxyIdleClientTimeout;
    @Option(names = "--proxy-borrow-timeout", paramLabel = "DURATION",
            description = "RDS Proxy ConnectionBorrowTimeout (AWS default 120s).")
    private String proxyBorrowTimeout;

    @Option(names = "--instances", paramLabel = "N", description = "Instances (servers, pods) of a fixed fleet.")
    private String instances;
    @Option(names = "--min-instances", paramLabel = "N", description = "Autoscaling fleet: minimum instances.")
    private String minInstances;
    @Option(names = "--max-instances", paramLabel = "N", description = "Autoscaling fleet: maximum instances.")
    private String maxInstances;
    @Option(names = "--processes", paramLabel = "N", description = "Processes (pools) per instance (default 1).")
    private String processes;
    @Option(names = "--threads", paramLabel = "N", description = "Threads per process that use the database.")
    private String threads;
    @Option(names = "--async-concurrency", paramLabel = "N",
            description = "Concurrent units of work per process in an async runtime (instead of --threads).")
    private String asyncConcurrency;
    @Option(names = "--current-pool-size", paramLabel = "N",
            description = "The pool size each process runs with today, checked against the budget.")
    private String currentPoolSize;
    @Option(names = "--serverless-concurrency", paramLabel = "N",
            description = "Serverless functions: maximum concurrent invocations.")
    private String serverlessConcurrency;
    @Option(names = "--instance-reuse", paramLabel = "true|false",
            description = "Serverless functions: whether an instance is reused across invocations (default true).")
    private String instanceReuse;

    @Option(names = "--hold-time", paramLabel = "DURATION",
            description = "Mean time a unit of work holds a connection, e.g. 15ms.")
    private String holdTime;
    @Option(names = "--hold-time-p99", paramLabel = "DURATION", description = "p99 of the same, e.g. 80ms.")
    private String holdTimeP99;
    @Option(names = "--rate", paramLabel = "N", description = "Units of work per second, whole fleet, at peak.")
    private String rate;
    @Option(names = "--connections-per-unit", paramLabel = "N",
            description = "Connections one unit of work holds at once (default 1).")
    private String connectionsPerUnit;

    @Override
    public Integer call() {
        OutputFormat outputFormat;
        try {
            outputFormat = OutputFormat.fromId(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean colors = colors();
        Recommendation recommendation;
        try {
            ObjectNode tree = tree();
            try {
                recommendation = recommend(tree, outputFormat);
            } catch (MissingInputsException missing) {
                Optional<Terminal> asking = noInput ? Optional.empty() : terminal.get();
                if (asking.isEmpty()) {
                    throw missing;
                }
                new AdviseQuestions(asking.get(), ProviderCatalog.bundled()).ask(tree);
                asking.get().out().println("Next time, without questions: " + AdviseQuestions.commandLine(tree, DeploymentFlags.ALL));
                asking.get().out().println();
                asking.get().out().flush();
                recommendation = recommend(tree, outputFormat);
            }
        } catch (FormatNotApplicableException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (InvalidDeploymentException e) {
            String flag = DeploymentFlags.ALL.get(e.field());
            throw new ParameterException(spec.commandLine(), e.field() + (flag != null ? " (" + flag + ")" : "")
                    + " = " + e.value() + ": " + e.valid());
        } catch (MissingInputsException e) {
            StringBuilder message = new StringBuilder("Missing inputs:");
            for (String missing : e.missing()) {
                String field = missing.substring(0, missing.indexOf(':'));
                String flag = DeploymentFlags.ALL.get(field);
                message.append(System.lineSeparator()).append("  ").append(field)
                        .append(flag != null ? " (" + flag + ")" : "").append(missing.substring(field.length()));
            }
            message.append(System.lineSeparator()).append("Give them as flags or in --file; in a terminal (without"
                    + " --no-input) poolwise advise asks for them.");
            throw new ParameterException(spec.commandLine(), message.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!recommendation.isFeasible() && outputFormat.isConfiguration()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("poolwise advise: " + new InfeasibleRecommendationException(recommendation).getMessage());
            err.flush();
            return 1;
        }
        RecommendationRenderer renderer = outputFormat == OutputFormat.TEXT ? new TextRenderer(colors)
                : outputFormat.renderer();
        out.print(renderer.render(recommendation));
        out.flush();
        if (outputFormat.isConfiguration()) {
            // The configuration goes to standard output (to a file, usually); the warnings to people.
            PrintWriter err = spec.commandLine().getErr();
            recommendation.warnings().forEach(w -> err.println("poolwise advise: warning: " + w.message()));
            err.flush();
        }
        return recommendation.isFeasible() ? 0 : 1;
    }

    private static Recommendation recommend(ObjectNode tree, OutputFormat format) {
        Deployment deployment = DeploymentReader.read(tree);
        format.requireApplicable(deployment);
        return SizingRules.withBundledCatalog().recommend(deployment);
    }

    /** @return whether {@code --format text} gets ANSI colours: {@code --color}, else a terminal without NO_COLOR */
    private boolean colors() {
        switch (color.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "always":
                return true;
            case "never":
                return false;
            case "auto":
                String noColor = environment.apply("NO_COLOR");
                // no-color.org: NO_COLOR set and not empty turns colours off.
                return stdoutIsTerminal.getAsBoolean() && (noColor == null || noColor.isEmpty())
                        && !"dumb".equals(environment.apply("TERM"));
            default:
                throw new ParameterException(spec.commandLine(), "--color " + color + ": must be auto, always or never");
        }
    }

    private ObjectNode tree() {
        ObjectNode root;
        if (file != null) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "--file " + file + ": no such file");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--file " + file + ": cannot read it: "
                        + e.getMessage());
            }
            root = DeploymentReader.parse(text);
        } else {
            root = JsonNodeFactory.instance.objectNode();
        }
        put(root, "database", "engine", engine);
        put(root, "database", "provider", provider);
        put(root, "database", "compute", compute);
        put(root, "database", "min_compute", minCompute);
        put(root, "database", "max_connections", maxConnections);
        put(root, "database", "reserved_connections", reservedConnections);
        put(root, "database", "cores", cores);
        put(root, "database", "spindles", spindles);
        put(root, "database", "wait_timeout", waitTimeout);
        put(root, "database", "suspend_after", suspendAfter);
        put(root, "database", "instance_class", instanceClass);
        put(root, "database", "headroom", headroom);
        put(root, "between", "pooler", pooler);
        put(root, "between", "version", poolerVersion);
        put(root, "between", "max_client_connections", poolerMaxClients);
        put(root, "between", "pool_size", poolerPoolSize);
        put(root, "between", "max_connections_percent", proxyMaxConnectionsPercent);
        put(root, "between", "max_idle_connections_percent", proxyMaxIdleConnectionsPercent);
        put(root, "between", "idle_client_timeout", proxyIdleClientTimeout);
        put(root, "between", "connection_borrow_timeout", proxyBorrowTimeout);
        if (instances != null && root.path("application").isObject()) {
            ((ObjectNode) root.get("application")).remove(java.util.List.of("min_instances", "max_instances"));
        }
        if ((minInstances != null || maxInstances != null) && root.path("application").isObject()) {
            ((ObjectNode) root.get("application")).remove("instances");
        }
        put(root, "application", "instances", instances);
        put(root, "application", "min_instances", minInstances);
        put(root, "application", "max_instances", maxInstances);
        put(root, "application", "processes", processes);
        put(root, "application", "threads", threads);
        put(root, "application", "async_concurrency", asyncConcurrency);
        put(root, "application", "pool_size", currentPoolSize);
        if (serverlessConcurrency != null || instanceReuse != null) {
            ObjectNode application = section(root, "application");
            put(application, "serverless", "max_concurrency", serverlessConcurrency);
            put(application, "serverless", "instance_reuse", instanceReuse);
        }
        put(root, "workload", "hold_time_mean", holdTime);
        put(root, "workload", "hold_time_p99", holdTimeP99);
        put(root, "workload", "units_per_second", rate);
        put(root, "workload", "connections_per_unit", connectionsPerUnit);
        return root;
    }

    private static void put(ObjectNode root, String section, String key, String value) {
        if (value != null) {
            section(root, section).put(key, value);
        }
    }

    private static ObjectNode section(ObjectNode root, String name) {
        if (root.path(name).isObject()) {
            return (ObjectNode) root.get(name);
        }
        return root.putObject(name);
    }
}
