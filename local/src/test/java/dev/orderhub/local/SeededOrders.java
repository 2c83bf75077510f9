package dev.orderhub.local;

import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders written straight into the local table, for the admin read paths (filters, insights,
 * export) that need many orders of known shape; how orders come from callbacks is tested elsewhere.
 */
public final class SeededOrders {
    private SeededOrders() {}

    /** One order; {@code n} makes its id unique within the site. */
    public static Order save(String clientId, int n, String provider, OrderStatus status, long minor, String currency,
            long refunded, String name, String email, String message, boolean test, String createdAt,
            Map<String, String> attributes) {
        return save(clientId, n, provider, status, minor, currency, refunded, name, email, message, test, createdAt, attributes,
                Set.of());
    }

    /** One order with tags, as a workflow's tag action leaves them. */
    public static Order save(String clientId, int n, String provider, OrderStatus status, long minor, String currency,
            long refunded, String name, String email, String message, boolean test, String createdAt,
            Map<String, String> attributes, Set<String> tags) {
        String orderId = provider + "_" + String.format("%020d", n).replace('0', 'a');
        Order o = new Order(clientId, orderId, provider, "ref-" + n, status, status, Money.ofMinor(minor, currency),
                null, refunded, false, name, email, message, List.of(), null, test, createdAt, createdAt, Set.of("seed-" + n),
                attributes, null, null, 0).withTags(tags);
        if (!TestHub.stack().orders().save(o, 0)) {
            throw new IllegalStateException("order exists: " + orderId);
        }
        return o;
    }
}
