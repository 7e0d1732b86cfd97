/**
 * Poolwise for Hibernate ORM without Spring: {@link dev.poolwise.hibernate.PoolwiseConnectionProvider}, selected
 * with {@code hibernate.connection.provider_class=poolwise} and configured with {@code hibernate.poolwise.*}
 * properties. Works with Hibernate 6.6 and 7.x. See {@code docs/hibernate.md}.
 */
package dev.poolwise.hibernate;
