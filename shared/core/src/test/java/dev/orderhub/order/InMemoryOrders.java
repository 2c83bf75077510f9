package dev.orderhub.order;

import dev.orderhub.event.PaymentEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit's store in memory, with the table's semantics: a write succeeds only at the version
 * read (0: absent) and bumps it. {@link #beforeSave} runs just before each write, outside the
 * lock: another writer getting there first. It counts its reads: single ({@link #finds}) and
 * batch ({@link #batchReads}); {@link #unanswered} keys are left out of a batch read's answer, as
 * DynamoDB leaves unprocessed keys.
 */
final class InMemoryOrders implements OrderCommitStore {
    private final Map<String, Order> orders = new HashMap<>();
    final List<String> history = new ArrayList<>();
    final List<AuditTrail.Entry> audit = new ArrayList<>();
    volatile Runnable beforeSave = () -> { };
    int writes;
    int finds;
    int batchReads;
    final java.util.Set<OrderKey> unanswered = new java.util.HashSet<>();
    /** The next batch read throws (the store unreachable for a moment). */
    volatile boolean batchReadFails;

    @Override
    public synchronized Optional<Order> find(String clientId, String orderId) {
        finds++;
        return Optional.ofNullable(orders.get(clientId + "#" + orderId));
    }

    @Override
    public synchronized Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys) {
        batchReads++;
        if (batchReadFails) {
            batchReadFails = false;
            throw new IllegalStateException("the store did not answer");
        }
        Map<OrderKey, Optional<Order>> out = new HashMap<>();
        for (OrderKey k : keys) {
            if (!unanswered.contains(k)) {
                out.put(k, Optional.ofNullable(orders.get(k.clientId() + "#" + k.orderId())));
            }
        }
        return out;
    }

    @Override
    public boolean save(Order next, long readVersion) {
        beforeSave.run();
        synchronized (this) {
            String key = next.clientId() + "#" + next.orderId();
            Order stored = orders.get(key);
            long version = stored == null ? 0 : stored.version();
            if (version != readVersion) {
                return false;
            }
            orders.put(key, next.withVersion(readVersion + 1));
            writes++;
            return true;
        }
    }

    @Override
    public synchronized void addHistory(String orderId, PaymentEvent e) {
        if (!history.contains(orderId + "#" + e.eventId())) {
            history.add(orderId + "#" + e.eventId());
        }
    }

    @Override
    public synchronized void addAudit(String clientId, String orderId, AuditTrail.Entry e) {
        audit.add(e);
    }
}
