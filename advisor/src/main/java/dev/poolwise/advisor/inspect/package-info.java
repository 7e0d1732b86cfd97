/**
 * Live inspection of a database: what {@code poolwise inspect} reads and how it feeds the advisor.
 *
 * <p>{@link dev.poolwise.advisor.inspect.DatabaseInspector} takes a plain JDBC {@link java.sql.Connection} to
 * PostgreSQL, MySQL or MariaDB (any driver; this package has no compile dependency on one) and returns an
 * immutable {@link dev.poolwise.advisor.inspect.InspectionReport}: server version, {@code max_connections} and
 * reserved slots, the current connections by state and application, the timeouts that cut connections, the
 * provider {@link dev.poolwise.advisor.inspect.HostRecognizer recognized from the host name} and a pooler
 * detected in between. {@link dev.poolwise.advisor.inspect.MeasuredDeployment} puts those readings into a
 * {@link dev.poolwise.advisor.Deployment} in place of the catalog's values, so that
 * {@link dev.poolwise.advisor.SizingRules} sizes pools for the database as it is.
 *
 * <p>Nothing here sees a password: an {@link dev.poolwise.advisor.inspect.Endpoint} keeps the host, port and
 * database of a JDBC URL and drops its credentials.
 */
package dev.poolwise.advisor.inspect;
