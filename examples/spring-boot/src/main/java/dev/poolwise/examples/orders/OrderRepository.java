package dev.poolwise.examples.orders;

import org.springframework.data.jpa.repository.JpaRepository;

/** Orders through Spring Data JPA. */
public interface OrderRepository extends JpaRepository<Order, Long> {
}
