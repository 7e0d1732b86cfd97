/**
 * Poolwise core: the connection pool.
 *
 * <p>Only {@code dev.poolwise} is public API; {@code dev.poolwise.internal} and its sub-packages may change in
 * any release.
 */
module dev.poolwise.core {
    requires transitive java.sql;
    requires java.management;
    requires org.slf4j;

    exports dev.poolwise;
}
