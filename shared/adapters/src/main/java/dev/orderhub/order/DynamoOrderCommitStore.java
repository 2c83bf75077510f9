package dev.orderhub.order;

import dev.orderhub.event.PaymentEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The {@link OrderCommitStore} over the hub's table: orders and history ({@link DynamoOrderRepository}) and the audit trail. */
public final class DynamoOrderCommitStore implements OrderCommitStore {
    private final OrderRepository orders;
    private final AuditTrail audit;

    public DynamoOrderCommitStore(OrderRepository orders, AuditTrail audit) {
        this.orders = orders;
        this.audit = audit;
    }

    @Override
    public Optional<Order> find(String clientId, String orderId) {
        return orders.find(clientId, orderId);
    }

    @Override
    public Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys) {
        return orders.findAll(keys);
    }

    @Override
    public boolean save(Order next, long readVersion) {
        return orders.save(next, readVersion);
    }

    @Override
    public void addHistory(String orderId, PaymentEvent e) {
        orders.addHistory(orderId, e);
    }

    @Override
    public void addAudit(String clientId, String orderId, AuditTrail.Entry e) {
        audit.add(clientId, orderId, e);
    }
}
