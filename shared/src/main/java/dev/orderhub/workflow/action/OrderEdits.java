package dev.orderhub.workflow.action;

import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes an order outside its lifecycle (tags, review, recorded mail failures) with the same
 * optimistic-locked write as the matcher: read, change, write if nobody wrote meanwhile, else again.
 */
public final class OrderEdits {
    private static final int MAX_ATTEMPTS = 10;
    private final OrderRepository orders;

    public OrderEdits(OrderRepository orders) {
        this.orders = orders;
    }

    /** The order as stored now; empty when it does not exist. */
    public Optional<Order> find(String clientId, String orderId) {
        return orders.find(clientId, orderId);
    }

    /** The order as stored after the change (unchanged orders are not written); empty when it does not exist. */
    public Optional<Order> edit(String clientId, String orderId, UnaryOperator<Order> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> read = orders.find(clientId, orderId);
            if (read.isEmpty()) {
                return read;
            }
            Order current = read.get();
            Order next = change.apply(current);
            if (next.equals(current)) {
                return read;
            }
            if (orders.save(next, current.version())) {
                return Optional.of(next.withVersion(current.version() + 1));
            }
        }
        throw ActionFailed.transientFailure("order " + orderId + " kept changing");
    }
}
