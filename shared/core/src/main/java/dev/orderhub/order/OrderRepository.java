package dev.orderhub.order;

import dev.orderhub.db.CreatedRange;
import dev.orderhub.event.PaymentEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where orders and their history are kept (the hub's table: {@code DynamoOrderRepository}).
 * Orders are written through {@link OrderCommit} alone ({@link #save}).
 */
public interface OrderRepository {
    /** Stores the event in the order's history unless it is there already; true when it was new. */
    boolean addHistory(String orderId, PaymentEvent e);

    /** The order as stored now (a consistent read). */
    Optional<Order> find(String clientId, String orderId);

    /**
     * Several orders as stored now, in one request of the store (a consistent read): each key it
     * answered for maps to its order, or to empty when there is none. A key the store did not get
     * to (it answers part of a batch when busy) is left out: whoever needs it reads it alone.
     */
    Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys);

    /**
     * Writes the order if nobody else wrote it since it was read at {@code readVersion}
     * (0: it did not exist; the first write makes version 1). Returns false on a lost race:
     * read again and re-apply.
     */
    boolean save(Order order, long readVersion);

    /** Orders of one provider whose reconciliation look-up is due at {@code now}, earliest first, at most {@code limit}. */
    List<Order> dueForReconcile(String provider, String now, int limit);

    /** A site's orders, newest first. {@code cursor} is the opaque value of the previous page's {@link Page#next()}. */
    Page listBySite(String clientId, int limit, String cursor);

    /** A site's orders waiting for review, newest first. */
    Page listForReview(String clientId, int limit, String cursor);

    /**
     * A site's orders created in a range that pass {@code filter}, newest first: at most {@code limit}
     * orders, after at most {@code maxReads} reads of the store.
     */
    Page search(String clientId, CreatedRange range, OrderFilter filter, int limit, String cursor, int maxReads);

    /** Every order of the site created in the range, newest first. */
    void forEachInRange(String clientId, CreatedRange range, Consumer<Order> each);

    /** Every order of the site created in the range that passes {@code filter}. */
    void forEachInRange(String clientId, CreatedRange range, OrderFilter filter, Consumer<Order> each);

    /** The events applied to an order (raw payloads included), oldest first. */
    List<PaymentEvent> history(String clientId, String orderId);

    /** One page of orders and the cursor of the next one (null: none). */
    record Page(List<Order> orders, String next) {}
}
