package dev.orderhub.workflow.action;

import dev.orderhub.order.Order;
import dev.orderhub.order.OrderCommit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes an order outside its lifecycle (tags, review, recorded mail failures) as a change
 * through {@link OrderCommit}, so such a change fires the triggers it implies (putting the order
 * in review fires review.needed) like any other writer's.
 */
public final class OrderEdits {
    private final OrderCommit commit;

    public OrderEdits(OrderCommit commit) {
        this.commit = commit;
    }

    /** The order as stored now; empty when it does not exist. */
    public Optional<Order> find(String clientId, String orderId) {
        return commit.find(clientId, orderId);
    }

    /**
     * The order as stored after the change (unchanged orders are not written); empty when it does not exist.
     *
     * @param key the action's idempotency key: the triggers the change fires are keyed by it
     */
    public Optional<Order> edit(String clientId, String orderId, String key, UnaryOperator<Order> change) {
        try {
            return Optional.ofNullable(commit.commit(clientId, orderId, OrderCommit.Change.ofExisting(change),
                    OrderCommit.Cause.system(key)).after());
        } catch (OrderCommit.KeptChanging e) {
            throw ActionFailed.transientFailure(e.getMessage());
        }
    }
}
