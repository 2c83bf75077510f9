package dev.orderhub.order;

/** Which order: its site and its id (what the order item's key is built from). */
public record OrderKey(String clientId, String orderId) {
    public static OrderKey of(Order o) {
        return new OrderKey(o.clientId(), o.orderId());
    }
}
