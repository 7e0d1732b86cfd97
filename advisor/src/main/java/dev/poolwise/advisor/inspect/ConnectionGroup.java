package dev.poolwise.advisor.inspect;

/**
 * Connections open on the server that share a state, an application, a user and a database.
 *
 * @param state       PostgreSQL's {@code pg_stat_activity.state} ({@code active}, {@code idle},
 *                    {@code idle in transaction}, ...), MySQL's {@code PROCESSLIST.COMMAND} ({@code Sleep},
 *                    {@code Query}, ...), or {@code (not visible)} when the user may not see it
 * @param application PostgreSQL's {@code application_name} (empty when the client set none); {@code null} on
 *                    MySQL and MariaDB, which do not report one
 * @param user        the user
 * @param database    the database, or {@code null} when none is selected
 * @param count       how many connections
 */
public record ConnectionGroup(String state, String application, String user, String database, int count) {

    /** Checks the state and count. */
    public ConnectionGroup {
        if (state == null) {
            throw new IllegalArgumentException("state must be set");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + ": a group has at least one connection");
        }
    }
}
