package dev.orderhub.live;

import dev.orderhub.json.Json;
import dev.orderhub.order.Order;

/**
 * Tells buyers watching an order that it changed (the status-changes queue: {@code SqsStatusChanges}).
 * Only orders linked to a payment intent are announced; the message names the order and nothing
 * else, and the push step reads the current status itself.
 */
public interface StatusChanges {
    /** Sends the announcement when the order is linked to an intent; does nothing otherwise. */
    void announce(Order order);

    /** The message the push step reads. */
    record Change(String clientId, String publicOrderId, String orderId) {}

    /** The message; IllegalArgumentException when it is not one. */
    static Change read(String messageBody) {
        Change c = Json.read(messageBody, Change.class);
        if (c.clientId() == null || c.publicOrderId() == null || c.orderId() == null) {
            throw new IllegalArgumentException("a status change names clientId, publicOrderId and orderId");
        }
        return c;
    }
}
