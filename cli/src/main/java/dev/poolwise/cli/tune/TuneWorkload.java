package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One unit of work a tune client runs on a borrowed connection: a transaction, a select, or the user's
 * statements. Implementations are shared by all client threads, so they keep no per-call state in fields.
 */
public interface TuneWorkload {

    /** @return the workload's name as given to {@code --workload}, or {@code sql} */
    String name();

    /** @return what one unit of work does, in a sentence for the report */
    String description();

    /**
     * Runs one unit of work. It may leave auto-commit off; restoring it is the pool's job on return.
     *
     * @param connection a connection borrowed from the pool under test
     * @param random     the calling thread's random numbers
     * @throws SQLException when the work fails; the client counts a failure and goes on
     */
    void run(Connection connection, ThreadLocalRandom random) throws SQLException;
}
