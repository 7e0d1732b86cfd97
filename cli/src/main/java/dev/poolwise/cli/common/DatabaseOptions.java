package dev.poolwise.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a command that runs on embedded PostgreSQL unless told otherwise: {@code --url}, {@code --user}
 * and {@code --password} (or {@code POOLWISE_PASSWORD}), shared by {@code demo} and {@code tune} as a picocli
 * mixin.
 */
public final class DatabaseOptions {

    /** The environment variable read when {@code --password} is not given. */
    public static final String PASSWORD_VARIABLE = "POOLWISE_PASSWORD";

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Run on this database instead of embedded PostgreSQL: jdbc:postgresql://... or"
                    + " jdbc:mariadb://... (MariaDB, and MySQL through the MariaDB driver).")
    private String url;

    @Option(names = "--user", paramLabel = "NAME", description = "User for --url.")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password for --url; better, set " + PASSWORD_VARIABLE + " so that it stays out of the"
                    + " shell history. Never printed.")
    private String password;

    /** @return the JDBC URL given, or {@code null} for embedded PostgreSQL */
    public String url() {
        return url;
    }

    /** @return the user given, or {@code null} */
    public String user() {
        return user;
    }

    /** @return the password: {@code --password}, else {@value #PASSWORD_VARIABLE}, else {@code null} */
    public String password() {
        return password != null ? password : System.getenv(PASSWORD_VARIABLE);
    }

    /** @return whether the command runs on embedded PostgreSQL */
    public boolean embedded() {
        return url == null;
    }

    /**
     * @param spec the command, for the usage error
     * @throws ParameterException when credentials come without {@code --url}, or the URL is not a JDBC URL
     */
    public void validate(CommandSpec spec) {
        if (url == null && (user != null || password != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--user and --password apply only with --url; the embedded database needs neither");
        }
        if (url != null && !url.startsWith("jdbc:")) {
            throw new ParameterException(spec.commandLine(),
                    "--url must be a JDBC URL starting with jdbc:, e.g. jdbc:postgresql://localhost:5432/app");
        }
    }
}
