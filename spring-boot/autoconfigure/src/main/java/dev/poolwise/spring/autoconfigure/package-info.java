/**
 * Spring Boot 3.5 auto-configuration of Poolwise, brought by {@code poolwise-spring-boot-starter}: the DataSource,
 * its meters, its health contributor and its checkpoint/restore lifecycle. See {@code docs/spring-boot.md}.
 */
package dev.poolwise.spring.autoconfigure;
