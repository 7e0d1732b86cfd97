package dev.poolwise.advisor.inspect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new connection to the database being inspected, with the same URL and credentials each time; the
 * caller's way of giving {@link DatabaseInspector} connections without handing it a password.
 */
@FunctionalInterface
public interface ConnectionOpener {

    /**
     * @return a new connection, which the inspector closes
     * @throws SQLException when the database cannot be reached
     */
    Connection open() throws SQLException;
}
