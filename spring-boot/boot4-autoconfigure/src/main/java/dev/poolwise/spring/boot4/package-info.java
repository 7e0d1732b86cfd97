/**
 * Spring Boot 4.0 auto-configuration of Poolwise, brought by {@code poolwise-spring-boot4-starter}: the DataSource,
 * its meters, its health contributor and its checkpoint/restore lifecycle, against Boot 4's
 * {@code spring-boot-jdbc}, {@code spring-boot-health} and {@code spring-boot-micrometer-metrics} modules. See
 * {@code docs/spring-boot.md}.
 */
package dev.poolwise.spring.boot4;
