package dev.poolwise.examples.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One order: what was ordered. The table comes from Flyway ({@code V1__orders.sql}). */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String item;

    /** For JPA. */
    protected Order() {
    }

    /** @param item what is ordered */
    public Order(String item) {
        this.item = item;
    }

    /** @return the id the database gave it */
    public Long getId() {
        return id;
    }

    /** @return what is ordered */
    public String getItem() {
        return item;
    }
}
