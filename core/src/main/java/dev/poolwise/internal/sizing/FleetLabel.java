package dev.poolwise.internal.sizing;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * How the fleet's connections are told apart on the database: every connection of one pool carries
 * {@code <application>/<instance>.<connection>} as its client label (PostgreSQL's {@code ApplicationName},
 * MariaDB's and MySQL's {@code program_name} connection attribute, which PgBouncer's {@code SHOW CLIENTS} also
 * shows for PostgreSQL clients). The application part names the fleet; the instance part, random per pool,
 * lets each pool find its own connections in a count and the number of instances sharing the budget.
 *
 * <p>The connection part, a number the pool gives each physical connection, makes every label distinct:
 * PgBouncer 1.18's {@code SHOW CLIENTS} shows an {@code application_name} only on the first of the clients
 * that share it and leaves it empty on the others (seen on Debian 12's PgBouncer; the counter tests pin it),
 * so labels shared by a pool's connections would count as one. Counting ignores the connection part; a label
 * without it ({@link #label()}) still counts for its instance.
 *
 * <p>Labels are printable ASCII and at most 63 bytes, because PostgreSQL keeps only that much of
 * {@code application_name} (NAMEDATALEN - 1) and replaces other characters with {@code ?}: a label the server
 * cut or rewrote would count under nobody.
 *
 * @param application the fleet's name, the same on every instance
 * @param instance    this pool's id within the fleet
 */
public record FleetLabel(String application, String instance) {

    /** Between the application and the instance; safe in JDBC URLs and driver properties alike. */
    public static final char SEPARATOR = '/';

    /** Between the instance and the connection number. */
    public static final char CONNECTION_SEPARATOR = '.';

    /** What PostgreSQL keeps of {@code application_name}. */
    public static final int MAX_LENGTH = 63;

    /** The longest connection part: the separator and an int in base 36. */
    private static final int CONNECTION_PART = 1 + Integer.toString(Integer.MAX_VALUE, 36).length();

    private static final Pattern INSTANCE = Pattern.compile("[0-9a-z]{1,16}");

    /** Rejects labels that the server would truncate or rewrite, naming the value and what is valid. */
    public FleetLabel {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(instance, "instance");
        if (application.isEmpty() || !application.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != SEPARATOR)) {
            throw new IllegalArgumentException("fleet application name must be non-empty printable ASCII without '"
                    + SEPARATOR + "', got '" + application + "'");
        }
        if (!INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("fleet instance id must be 1 to 16 of [0-9a-z], got '" + instance + "'");
        }
        int length = application.length() + 1 + instance.length() + CONNECTION_PART;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("fleet application name '" + application + "' is too long: with '"
                    + SEPARATOR + instance + "' and a connection number it makes up to " + length
                    + " characters, and PostgreSQL keeps " + MAX_LENGTH + "; use at most "
                    + (MAX_LENGTH - 1 - instance.length() - CONNECTION_PART) + " characters");
        }
    }

    /**
     * @param application the fleet's name
     * @return a label with a fresh random instance id of 8 hex digits
     */
    public static FleetLabel random(String application) {
        long bits = ThreadLocalRandom.current().nextLong();
        return new FleetLabel(application, String.format("%08x", bits & 0xffffffffL));
    }

    /** @return the label the pool's connections carry, e.g. {@code orders/3f9a2c01} */
    public String label() {
        return application + SEPARATOR + instance;
    }

    /**
     * @param connection the pool's number for a physical connection, {@code >= 0}
     * @return the label that connection carries, e.g. {@code orders/3f9a2c01.1b}
     */
    public String connectionLabel(int connection) {
        if (connection < 0) {
            throw new IllegalArgumentException("connection number must be >= 0, got " + connection);
        }
        return label() + CONNECTION_SEPARATOR + Integer.toString(connection, 36);
    }

    /**
     * @param seen a client label read on the server
     * @return whether it belongs to this fleet: exactly the application name (a member that does not say which
     *         instance it is) or the application name, the separator and anything
     */
    public boolean isFleet(String seen) {
        return seen != null && (seen.equals(application)
                || (seen.length() > application.length() + 1 && seen.startsWith(application)
                        && seen.charAt(application.length()) == SEPARATOR));
    }

    /**
     * @param seen a client label read on the server
     * @return whether it is one of this instance's: its {@link #label()}, with or without a connection part
     */
    public boolean isOwn(String seen) {
        return isFleet(seen) && instance.equals(instanceOf(seen));
    }

    /**
     * @param seen a label of this fleet ({@link #isFleet})
     * @return its instance id (without the connection part), or {@code ""} when it names none
     */
    public String instanceOf(String seen) {
        if (seen.length() <= application.length()) {
            return "";
        }
        String rest = seen.substring(application.length() + 1);
        int connection = rest.indexOf(CONNECTION_SEPARATOR);
        return connection < 0 ? rest : rest.substring(0, connection);
    }

    /** @return what every instance label of this fleet starts with: the application name and the separator */
    public String prefix() {
        return application + SEPARATOR;
    }

    @Override
    public String toString() {
        return label();
    }
}
