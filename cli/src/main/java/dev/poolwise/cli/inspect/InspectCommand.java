package dev.poolwise.cli.inspect;

import java.io.Console;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.PoolConfig;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.InvalidDeploymentException;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.OutputFormat;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.advisor.inspect.DatabaseInspector;
import dev.poolwise.advisor.inspect.Endpoint;
import dev.poolwise.advisor.inspect.InspectionJsonRenderer;
import dev.poolwise.advisor.inspect.InspectionReport;
import dev.poolwise.advisor.inspect.InspectionTextRenderer;
import dev.poolwise.advisor.inspect.MeasuredDeployment;
import dev.poolwise.cli.common.DurationConverter;
import dev.poolwise.cli.common.ExecutionErrorHandler;
import dev.poolwise.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolwise inspect}: what does this live database allow, and what is using it? Connects once (a second
 * connection only to tell a PgBouncer's pool mode), reads the server's limits, timeouts and connections,
 * recognizes the provider and pooler, and prints the report; with {@code --advise} it sizes pools from those
 * readings instead of the catalog's values.
 *
 * <p>The password comes from {@code --password}, {@code POOLWISE_PASSWORD}, {@code PGPASSWORD} (PostgreSQL) or
 * {@code MYSQL_PWD} (MySQL, MariaDB), or a prompt on a terminal; it is never printed, and passwords in the URL
 * are masked in everything printed.
 *
 * <p>Exit codes: 0 read (and, with {@code --advise}, a configuration was recommended); 1 the database could not
 * be reached or read, or no configuration can work; 2 invalid or missing options.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Reads a live database's limits, timeouts and current connections, and recognizes its provider and"
                    + " any pooler in between.",
            "",
            "Reports the server version; max_connections and reserved slots; connections open now by state and"
                    + " application (PostgreSQL) or command, user and database (MySQL, MariaDB); the timeouts that"
                    + " cut connections; the provider named by the host (Neon and its -pooler endpoint,"
                    + " PlanetScale, RDS, RDS Proxy, Aurora, Supabase and Supavisor); and a PgBouncer in between"
                    + " (PostgreSQL), with the evidence.",
            "",
            "With --advise, also recommends pool settings as `poolwise advise` does, with the measured limits in"
                    + " place of the catalog's; give the fleet with the same flags (--instances, --threads, ...).",
            "",
            "Password: --password (visible in `ps`; avoid), POOLWISE_PASSWORD, PGPASSWORD or MYSQL_PWD, or a"
                    + " prompt on a terminal (also when the server asks for one). Never printed."
        },
        footer = {"", "Examples:",
            "  POOLWISE_PASSWORD=... poolwise inspect --url jdbc:postgresql://db.example.com:5432/app --user app",
            "  poolwise inspect --url jdbc:mariadb://127.0.0.1:3306/test --user root --format json",
            "  poolwise inspect --url jdbc:postgresql://ep-x-pooler.us-east-2.aws.neon.tech/app --user app \\",
            "      --advise --instances 6 --processes 2 --threads 16",
            "", "Exit codes: 0 read (and recommended), 1 cannot connect or read, or no configuration can work,"
                    + " 2 invalid or missing options.",
            "See docs/advise.md (inspect) for what is read and how."})
public final class InspectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "The database, e.g. jdbc:postgresql://db.example.com:5432/app or"
                    + " jdbc:mariadb://127.0.0.1:3306/test.")
    private String url;

    @Option(names = "--user", paramLabel = "NAME", description = "The user to connect as.")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "The password; alone, asks for it without echo. A value given here is visible to other"
                    + " users in `ps`: prefer POOLWISE_PASSWORD.")
    private char[] password;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    private String format;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for the connection (default: ${DEFAULT-VALUE}).")
    private Duration connectTimeout;

    @Option(names = "--advise", description = "Also recommend pool settings from the measured limits.")
    private boolean advise;

    @Mixin
    private InspectAdviceOptions adviceOptions;

    /** Where environment variables come from; tests replace it. */
    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        OutputFormat outputFormat = outputFormat();
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw usage("--connect-timeout " + connectTimeout.toMillis() + "ms: must be longer than zero, e.g."
                    + " 10s");
        }
        if (!advise && adviceOptions.anyGiven()) {
            throw usage("the fleet and pooler options (--instances, --threads, --pooler, ...) apply only with"
                    + " --advise");
        }
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(url);
        } catch (IllegalArgumentException e) {
            // The URL is not repeated: one this malformed may hide a password where masking cannot find it.
            throw usage("--url: " + e.getMessage() + "; e.g. jdbc:postgresql://db.example.com:5432/app");
        }
        PrintWriter err = spec.commandLine().getErr();
        DatabaseLogin login = new DatabaseLogin(url, user, password(endpoint), connectTimeout);
        if (login.passwordFromFlag) {
            err.println("poolwise inspect: warning: --password PASSWORD is visible to other users in `ps` and stays"
                    + " in the shell's history; prefer POOLWISE_PASSWORD or --password alone (asks for it).");
        }
        err.println("poolwise inspect: connecting to " + maskedUrl() + (user != null ? " as " + user : "") + "...");
        err.flush();
        InspectionReport report = inspect(login, endpoint);

        Recommendation recommendation = null;
        if (advise) {
            recommendation = recommend(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (outputFormat == OutputFormat.JSON) {
            ObjectNode root = JSON.createObjectNode();
            root.put("url", maskedUrl());
            root.set("inspection", new InspectionJsonRenderer().tree(report));
            if (recommendation != null) {
                root.set("recommendation", parse(OutputFormat.JSON.renderer().render(recommendation)));
            }
            out.print(write(root));
        } else {
            out.println("Inspected " + maskedUrl() + (user != null ? " as " + user : ""));
            out.println();
            out.print(new InspectionTextRenderer().render(report));
            if (recommendation != null) {
                out.println();
                out.println("Recommendation, from the measured limits (not the catalog's):");
                out.println();
                out.print(OutputFormat.TEXT.renderer().render(recommendation));
            }
        }
        out.flush();
        return recommendation == null || recommendation.isFeasible() ? 0 : 1;
    }

    private OutputFormat outputFormat() {
        String name = format.trim().toLowerCase(Locale.ROOT);
        if (name.equals("text")) {
            return OutputFormat.TEXT;
        }
        if (name.equals("json")) {
            return OutputFormat.JSON;
        }
        throw usage("--format " + format + ": must be text or json");
    }

    private InspectionReport inspect(DatabaseLogin login, Endpoint endpoint) {
        try {
            return new DatabaseInspector().inspect(login::open, endpoint);
        } catch (SQLException e) {
            if (login.mayAskAgain(e)) {
                return inspect(login, endpoint);
            }
            throw new InspectionFailedException("cannot inspect " + maskedUrl() + ": " + login.scrub(e));
        }
    }

    private Recommendation recommend(InspectionReport report) {
        try {
            Deployment deployment = adviceOptions.deployment(report);
            return MeasuredDeployment.annotate(report, SizingRules.withBundledCatalog().recommend(deployment));
        } catch (InvalidDeploymentException e) {
            String flag = InspectAdviceOptions.FLAGS.get(e.field());
            throw usage(e.field() + (flag != null ? " (" + flag + ")" : "") + " = " + e.value() + ": " + e.valid());
        } catch (MissingInputsException e) {
            StringBuilder message = new StringBuilder("--advise: missing inputs:");
            for (String missing : e.missing()) {
                String field = missing.substring(0, missing.indexOf(':'));
                String flag = InspectAdviceOptions.FLAGS.get(field);
                message.append(System.lineSeparator()).append("  ").append(field)
                        .append(flag != null ? " (" + flag + ")" : "").append(missing.substring(field.length()));
            }
            throw usage(message.toString());
        }
    }

    /** @return the password from the option, the environment, or {@code null} (then the server may ask) */
    private char[] password(Endpoint endpoint) {
        if (password != null) {
            return password;
        }
        String fromEnvironment = environment.apply("POOLWISE_PASSWORD");
        if (fromEnvironment == null) {
            fromEnvironment = environment.apply(endpoint.scheme().equals("postgresql") ? "PGPASSWORD" : "MYSQL_PWD");
        }
        return fromEnvironment == null ? null : fromEnvironment.toCharArray();
    }

    private String maskedUrl() {
        if (!url.startsWith("jdbc:")) {
            return "(not a JDBC URL)";
        }
        // The pool's configuration masks passwords in URLs (as user:secret@ and as parameters).
        return PoolConfig.builder().jdbcUrl(url).build().getMaskedJdbcUrl();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recommendation's JSON does not parse: " + e.getMessage(), e);
        }
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The inspection failed; the message is safe to print (no password). No cause is kept, for that reason. */
    static final class InspectionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InspectionFailedException(String message) {
            super(message);
        }
    }

    /**
     * The URL and credentials, and the one retry with a prompted password when the server asks for one and
     * none was given. Its {@link #toString()} never shows the password.
     */
    private final class DatabaseLogin {
        private final String jdbcUrl;
        private final String username;
        private final Duration timeout;
        private final boolean passwordFromFlag;
        private char[] secret;
        private boolean asked;

        DatabaseLogin(String jdbcUrl, String username, char[] secret, Duration timeout) {
            this.jdbcUrl = jdbcUrl;
            this.username = username;
            this.secret = secret;
            this.timeout = timeout;
            this.passwordFromFlag = passwordGivenAsValue(spec.commandLine().getParseResult().originalArgs());
        }

        Connection open() throws SQLException {
            Properties properties = new Properties();
            if (username != null) {
                properties.setProperty("user", username);
            }
            if (secret != null) {
                properties.setProperty("password", new String(secret));
            }
            DriverManager.setLoginTimeout((int) Math.max(1, timeout.toSeconds()));
            return DriverManager.getConnection(jdbcUrl, properties);
        }

        /**
         * @return whether the server refused for want of a password, none was given, and one was read from the
         *         terminal to try again with
         */
        boolean mayAskAgain(SQLException e) {
            Console console = System.console();
            if (secret != null || asked || console == null || !isAuthenticationFailure(e)) {
                return false;
            }
            asked = true;
            char[] typed = console.readPassword("Password for %s: ", username != null ? username : "the database");
            if (typed == null || typed.length == 0) {
                return false;
            }
            secret = typed;
            return true;
        }

        /** @return the failure's message (and its cause's), with the password replaced by {@code ****} */
        String scrub(SQLException e) {
            String message = ExecutionErrorHandler.describe(e);
            if (secret != null && secret.length > 0) {
                message = message.replace(new String(secret), "****");
            }
            return message.replace(jdbcUrl, maskedUrl());
        }

        @Override
        public String toString() {
            return "login to " + maskedUrl() + " as " + username;
        }
    }

    /**
     * @param args the command line as given
     * @return whether it carries a password value ({@code --password VALUE} or {@code --password=VALUE}), which
     *         other users can read in {@code ps}, rather than {@code --password} alone (a prompt)
     */
    static boolean passwordGivenAsValue(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--password=")) {
                return true;
            }
            if (arg.equals("--password") && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the server refused the credentials (PostgreSQL 28xxx, MySQL 1045 "Access denied"), or
     *         pgjdbc had no password to give when the server asked for one
     */
    static boolean isAuthenticationFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // pgjdbc refuses before asking the server when it has no password to send (SQLState 08004).
                boolean noPasswordGiven = sql.getMessage() != null
                        && sql.getMessage().contains("no password was provided");
                if ((state != null && state.startsWith("28")) || sql.getErrorCode() == 1045 || noPasswordGiven) {
                    return true;
                }
            }
        }
        return false;
    }
}
