/**
 * What Poolwise's Spring Boot 3 and Spring Boot 4 auto-configurations share: the
 * {@code spring.datasource.poolwise.*} properties ({@link dev.poolwise.spring.PoolwiseProperties}), how they and
 * Boot's connection settings become a pool ({@link dev.poolwise.spring.PoolwiseDataSourceFactory}), the pool
 * metadata behind Boot's {@code jdbc.connections.*} meters, the binding of the Poolwise meters before the first
 * connection, the checkpoint/restore lifecycle and the health report. Only Spring Boot types that are the same in
 * both generations appear here. See {@code docs/spring-boot.md}.
 */
package dev.poolwise.spring;
