package dev.poolwise.examples.orders;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders?item=book} places an order; {@code GET /orders/count} counts them. */
@RestController
public class OrderController {

    private final OrderService service;

    OrderController(OrderService service) {
        this.service = service;
    }

    /**
     * @param item what is ordered
     * @return the order's id
     */
    @PostMapping("/orders")
    public Map<String, Object> place(@RequestParam String item) {
        return Map.of("id", service.place(item).getId());
    }

    /** @return the number of orders */
    @GetMapping("/orders/count")
    public Map<String, Object> count() {
        return Map.of("count", service.count());
    }
}
