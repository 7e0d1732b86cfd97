package dev.poolwise.advisor;

/**
 * An output format was asked for that does not fit the deployment, e.g. {@code pgbouncer} when no PgBouncer the
 * user runs sits in front of the database. The message says why and what to give instead.
 */
public final class FormatNotApplicableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message why the format does not apply, and what would make it apply */
    public FormatNotApplicableException(String message) {
        super(message);
    }
}
