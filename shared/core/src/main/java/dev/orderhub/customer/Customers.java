package dev.orderhub.customer;

import java.time.Instant;
import java.util.Set;

/**
 * What the hub remembers about a site's buyer, by e-mail address (the hub's table:
 * {@code DynamoCustomers}). Every write adds to a set or sets a value only if absent, so repeating
 * it for the same order (a retried event) changes nothing.
 */
public interface Customers {
    /** What the buyer's history says about an order just recorded. */
    record OrderFacts(boolean firstOrder, int ordersInWindow) {}

    /**
     * Records the order as the address's first order unless one was recorded before, and in the
     * current fixed window of {@code windowHours} (for the velocity rule).
     */
    OrderFacts recordOrder(String clientId, String email, String orderId, int windowHours, Instant now);

    void addTag(String clientId, String email, String tag);

    Set<String> tags(String clientId, String email);

    /** Whether the address's first recorded order is this one (false for an unknown address). */
    boolean isFirstOrder(String clientId, String email, String orderId);
}
