package dev.poolwise;

import java.sql.SQLException;

/**
 * Supplies the username and password for each new physical connection, for credentials that change while the
 * pool runs: RDS IAM authentication tokens (valid for 15 minutes), Vault database leases, rotated secrets.
 * When set, it replaces {@code username} and {@code password}.
 *
 * <p>Called on the pool's connection-opening thread, once per physical connection attempt, never on the
 * borrow path. It may block briefly (a token signer, a cached secret); a slow provider delays new
 * connections, not borrows of idle ones. Throwing {@link SQLException} counts as a failed connect and is
 * retried with backoff like one.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /**
     * @return the credentials to open the next physical connection with
     * @throws SQLException if they cannot be had now
     */
    Credentials credentials() throws SQLException;
}
