package dev.poolwise;

import java.sql.SQLException;
import java.util.Set;

/**
 * Decides whether an {@link SQLException} seen through a pooled connection means the physical connection is
 * broken. A broken connection is closed when it comes back and never handed out again.
 *
 * <p>The {@linkplain #standard() standard rule} covers PostgreSQL, MySQL and MariaDB; wrap it to add a rule
 * of your own:
 * <pre>{@code
 * ConnectionErrorClassifier mine = e -> e.getErrorCode() == 17002 || ConnectionErrorClassifier.standard().isFatal(e);
 * }</pre>
 *
 * <p>Implementations are called on the borrower's thread whenever a statement fails, so they must be fast,
 * thread-safe and must not throw.
 */
@FunctionalInterface
public interface ConnectionErrorClassifier {

    /**
     * @param error an exception thrown by the driver through a pooled connection, statement or result set
     * @return {@code true} if the physical connection can no longer be trusted
     */
    boolean isFatal(SQLException error);

    /**
     * The rule Poolwise uses unless told otherwise. Fatal when the SQLState (of the exception or any exception
     * in its chain, {@link SQLException#getNextException()} included) is:
     * <ul>
     *   <li>class {@code 08} (connection exception), e.g. {@code 08006} connection failure;</li>
     *   <li>{@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now
     *       (PostgreSQL, also what {@code pg_terminate_backend} sends);</li>
     *   <li>{@code 01002} disconnect error, {@code JZ0C0}/{@code JZ0C1} (Sybase/jTDS connection closed);</li>
     * </ul>
     * or when the vendor error code is MySQL/MariaDB 1927 (connection killed), 2006 (server has gone away),
     * 2013 (lost connection during query) or 4031 (disconnected for inactivity); or the exception is a
     * {@link java.sql.SQLNonTransientConnectionException} or {@link java.sql.SQLRecoverableException}.
     *
     * @return the standard classifier
     */
    static ConnectionErrorClassifier standard() {
        return StandardRule.INSTANCE;
    }

    /** The standard rule; a nested class so that the interface stays a one-method type. */
    final class StandardRule implements ConnectionErrorClassifier {
        static final StandardRule INSTANCE = new StandardRule();

        private static final Set<String> FATAL_STATES = Set.of("57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1");
        private static final Set<Integer> FATAL_VENDOR_CODES = Set.of(1927, 2006, 2013, 4031);

        private StandardRule() {
        }

        @Override
        public boolean isFatal(SQLException error) {
            // Walk both the cause chain and the next-exception chain, bounded so a cyclic chain cannot hang us.
            Throwable current = error;
            for (int depth = 0; current != null && depth < 20; depth++) {
                if (current instanceof SQLException sql) {
                    if (isFatalItself(sql)) {
                        return true;
                    }
                    SQLException next = sql.getNextException();
                    if (next != null && next != sql && isFatalItself(next)) {
                        return true;
                    }
                }
                Throwable cause = current.getCause();
                current = cause == current ? null : cause;
            }
            return false;
        }

        private static boolean isFatalItself(SQLException sql) {
            if (sql instanceof java.sql.SQLNonTransientConnectionException
                    || sql instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || FATAL_STATES.contains(state))) {
                return true;
            }
            return FATAL_VENDOR_CODES.contains(sql.getErrorCode());
        }

        @Override
        public String toString() {
            return "ConnectionErrorClassifier.standard()";
        }
    }
}
