package dev.poolwise.cli;

/**
 * The entry point of {@code poolwise.jar}: runs {@link PoolwiseCommand} and exits with its exit code.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command line, e.g. {@code demo --pool-size 4}
     */
    public static void main(String[] args) {
        // Libraries log at warn unless --verbose (or -Dorg.slf4j.simpleLogger.defaultLogLevel) says otherwise:
        // the user asked for the demo's output, not embedded PostgreSQL's start-up chatter.
        if (System.getProperty(PoolwiseCommand.LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(PoolwiseCommand.LOG_LEVEL_PROPERTY, "warn");
        }
        // The MariaDB driver logs every error packet from the server at warn, before throwing the same error,
        // which the commands report themselves in one line: keep it to errors unless --verbose.
        if (System.getProperty(PoolwiseCommand.MARIADB_LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(PoolwiseCommand.MARIADB_LOG_LEVEL_PROPERTY, "error");
        }
        System.exit(PoolwiseCommand.newCommandLine().execute(args));
    }
}
