package dev.orderhub.order;

import dev.orderhub.event.PaymentEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link OrderCommit} keeps orders and the items of their partition (the hub's table:
 * {@code DynamoOrderCommitStore}; in-memory in tests).
 */
public interface OrderCommitStore {
    Optional<Order> find(String clientId, String orderId);

    /**
     * Several orders in one consistent read, ahead of their commits (see
     * {@link OrderRepository#findAll}): each key the store answered for maps to its order, or to
     * empty when there is none; a key it did not get to is left out.
     */
    Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys);

    /** Writes the order if its stored version is still {@code readVersion} (0: absent); false on a lost race. */
    boolean save(Order next, long readVersion);

    void addHistory(String orderId, PaymentEvent e);

    void addAudit(String clientId, String orderId, AuditTrail.Entry e);
}
