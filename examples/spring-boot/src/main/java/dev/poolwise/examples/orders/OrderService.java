package dev.poolwise.examples.orders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders through JPA and counts them through JdbcTemplate: both on the one Poolwise pool, inside one
 * transaction when the method is {@link Transactional}.
 */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final JdbcTemplate jdbc;

    OrderService(OrderRepository orders, JdbcTemplate jdbc) {
        this.orders = orders;
        this.jdbc = jdbc;
    }

    /**
     * @param item what is ordered
     * @return the stored order
     */
    @Transactional
    public Order place(String item) {
        return orders.save(new Order(item));
    }

    /**
     * Places an order, then fails before the transaction commits: the order must not be stored.
     *
     * @param item what is ordered
     * @throws IllegalStateException always, after the insert
     */
    @Transactional
    public void placeThenFail(String item) {
        orders.saveAndFlush(new Order(item));
        jdbc.update("INSERT INTO orders (item) VALUES (?)", item + " (by JdbcTemplate)");
        throw new IllegalStateException("payment declined for " + item);
    }

    /** @return how many orders are stored */
    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
        return count == null ? 0 : count;
    }
}
