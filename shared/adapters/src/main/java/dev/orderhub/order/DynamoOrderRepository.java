package dev.orderhub.order;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.db.CreatedRangeQuery;
import dev.orderhub.db.Cursors;
import dev.orderhub.db.Keys;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.reconcile.ReconcilePolicy;
import dev.orderhub.workflow.Triggers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Orders and their history in the hub's table.
 * <ul>
 *   <li>order: {@code pk = ORDER#<clientId>#<orderId>, sk = #ORDER}; listed per site, newest
 *       first, through index {@code gsi1} ({@code gsi1pk = SITE#<clientId>#ORDERS},
 *       {@code gsi1sk = <createdAt>#<orderId>}); while it needs review also in index {@code gsi2}
 *       ({@code gsi2pk = SITE#<clientId>#REVIEW}, {@code gsi2sk = <createdAt>#<orderId>}); while
 *       it is pending and its provider can be asked about it also in index {@code gsi3}
 *       ({@code gsi3pk = RECONCILE#<provider>}, {@code gsi3sk = <nextCheckAt>#<clientId>#<orderId>},
 *       see {@link dev.orderhub.reconcile.ReconcilePolicy}), so the reconciler finds the due
 *       orders with one Query instead of a scan;</li>
 *   <li>history: one item per provider event in the order's partition,
 *       {@code sk = EVENT#<eventId>}, holding the normalized event and the raw payload;</li>
 *   <li>in the same partition, items of their own that never touch the order's version: the
 *       audit trail ({@link AuditTrail}) and the order's e-mails and workflow runs
 *       ({@link OrderPointers}: {@code MAIL#…}, {@code WFRUN#…}).</li>
 * </ul>
 * Every write is a single-item conditional write: the history item only if absent, the order
 * only if its version is the one read (optimistic locking), so concurrent writers never lose
 * each other's updates and no transaction is needed. Orders are written through
 * {@link OrderCommit} alone ({@link #save}), e-mail bounces and complaints included.
 */
public final class DynamoOrderRepository implements OrderRepository {
    private static final String ORDER_SK = Keys.ORDER_SK;
    private final DynamoDbClient db;
    private final String table;
    private final ReconcilePolicy reconcile;

    public DynamoOrderRepository(DynamoDbClient db, String table, ReconcilePolicy reconcile) {
        this.db = db;
        this.table = table;
        this.reconcile = reconcile;
    }

    public static String orderPk(String clientId, String orderId) {
        return Keys.order(clientId, orderId);
    }

    /** Stores the event in the order's history unless it is there already; true when it was new. */
    @Override
    public boolean addHistory(String orderId, PaymentEvent e) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderPk(e.clientId(), orderId), Keys.orderEvent(e.eventId())));
        item.put("type", s("orderEvent"));
        item.put("eventId", s(e.eventId()));
        item.put("kind", s(e.kind().name()));
        item.put("receivedAt", s(e.receivedAt()));
        Attrs.putIfPresent(item, "occurredAt", e.occurredAt());
        item.put("event", s(Json.write(e)));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public Optional<Order> find(String clientId, String orderId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(orderPk(clientId, orderId), ORDER_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    /** DynamoDB's limit of keys per BatchGetItem. */
    static final int BATCH_GET_KEYS = 100;

    /**
     * One consistent BatchGetItem per {@value #BATCH_GET_KEYS} keys (the same key once; a key no
     * order can have is left out). The keys
     * DynamoDB leaves unprocessed (throttling, the response's size limit) are asked once more;
     * those still unprocessed then are left out of the answer, not reported absent.
     */
    @Override
    public Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys) {
        // A key no order can have (a malformed event's site id) is left out, not allowed to fail the
        // whole request: its own commit then reads it, and fails alone.
        List<OrderKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys.stream()
                .filter(k -> Keys.isClientId(k.clientId()) && k.orderId() != null).toList()));
        Map<OrderKey, Optional<Order>> out = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET_KEYS) {
            List<OrderKey> part = distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_KEYS));
            Map<String, OrderKey> byPk = new HashMap<>();
            List<Map<String, AttributeValue>> requested = new ArrayList<>();
            for (OrderKey k : part) {
                String pk = orderPk(k.clientId(), k.orderId());
                byPk.put(pk, k);
                requested.add(key(pk, ORDER_SK));
            }
            KeysAndAttributes ask = KeysAndAttributes.builder().keys(requested).consistentRead(true).build();
            for (int request = 0; request < 2 && ask != null; request++) {
                KeysAndAttributes asked = ask;
                BatchGetItemResponse r = db.batchGetItem(BatchGetItemRequest.builder().requestItems(Map.of(table, asked)).build());
                for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                    out.put(byPk.get(Attrs.str(item, "pk")), Optional.of(toOrder(item)));
                }
                KeysAndAttributes left = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
                Set<String> unprocessed = new HashSet<>();
                if (left != null) {
                    left.keys().forEach(k -> unprocessed.add(k.get("pk").s()));
                }
                for (Map<String, AttributeValue> k : asked.keys()) {
                    String pk = k.get("pk").s();
                    if (!unprocessed.contains(pk)) {
                        out.putIfAbsent(byPk.get(pk), Optional.empty());
                    }
                }
                ask = left == null || left.keys().isEmpty() ? null : left.toBuilder().consistentRead(true).build();
            }
        }
        return out;
    }

    /**
     * Writes the order if nobody else wrote it since it was read at {@code readVersion}
     * (0: it did not exist; the first write makes version 1). Returns false on a lost race:
     * read again and re-apply.
     */
    @Override
    public boolean save(Order order, long readVersion) {
        Map<String, AttributeValue> item = toItem(order, readVersion + 1, reconcile);
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (readVersion == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(readVersion)));
        }
        try {
            db.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        }
    }

    /**
     * Orders of one provider whose reconciliation look-up is due at {@code now}, earliest first, at
     * most {@code limit}: one Query on the sparse index gsi3 (eventually consistent, so the caller
     * reads each order again before acting on it).
     */
    @Override
    public List<Order> dueForReconcile(String provider, String now, int limit) {
        List<Order> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi3")
                    .keyConditionExpression("gsi3pk = :p AND gsi3sk < :until")
                    // '$' sorts after '#', so every order due at exactly `now` is included.
                    .expressionAttributeValues(Map.of(":p", s(reconcilePartition(provider)), ":until", s(Keys.reconcileDueBound(now))))
                    .limit(Math.min(100, limit - out.size()));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> out.add(toOrder(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return out;
    }

    /** A site's orders, newest first. {@code cursor} is the opaque value of the previous page's {@link Page#next()}. */
    @Override
    public Page listBySite(String clientId, int limit, String cursor) {
        return listIndex("gsi1", sitePartition(clientId), limit, cursor);
    }

    /** A site's orders waiting for review (index gsi2, only while review is needed), newest first. */
    @Override
    public Page listForReview(String clientId, int limit, String cursor) {
        return listIndex("gsi2", reviewPartition(clientId), limit, cursor);
    }

    private static final java.util.Set<String> GSI1_KEY = java.util.Set.of("gsi1pk", "gsi1sk", "pk", "sk");

    private Page listIndex(String index, String partition, int limit, String cursor) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(index + "pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            q.exclusiveStartKey(Cursors.decode(cursor, java.util.Set.of(index + "pk", index + "sk", "pk", "sk"), index + "pk",
                    partition, ordersPkPrefix(partition)));
        }
        QueryResponse r = Cursors.query(db, q.build());
        List<Order> orders = new ArrayList<>();
        r.items().forEach(i -> orders.add(toOrder(i)));
        String next = r.hasLastEvaluatedKey() ? Cursors.encode(r.lastEvaluatedKey()) : null;
        return new Page(orders, next);
    }

    /**
     * A site's orders created in a range that pass {@code filter}, newest first. DynamoDB counts
     * its Limit before any filtering, so this reads index pages until {@code limit} orders match,
     * the range ends or {@code maxReads} queries were made; {@link Page#next()} then continues
     * right after the last order returned (or the last one read, when fewer matched).
     *
     * @param range the creation-time range, which becomes the index's key condition: only orders
     *     in it are read
     */
    @Override
    public Page search(String clientId, CreatedRange range, OrderFilter filter, int limit, String cursor, int maxReads) {
        List<Order> out = new ArrayList<>();
        Map<String, AttributeValue> start = cursor == null ? null
                : Cursors.decode(cursor, GSI1_KEY, "gsi1pk", sitePartition(clientId), Keys.orderPrefix(clientId));
        int pageSize = filter.isEmpty() ? limit : Math.min(1000, Math.max(limit, 200));
        for (int reads = 0; reads < maxReads; reads++) {
            QueryRequest.Builder q = CreatedRangeQuery.gsi1(QueryRequest.builder().tableName(table).indexName("gsi1"), range, sitePartition(clientId))
                    .scanIndexForward(false).limit(pageSize);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = Cursors.query(db, q.build());
            for (Map<String, AttributeValue> item : r.items()) {
                Order o = toOrder(item);
                if (filter.matches(o)) {
                    out.add(o);
                    if (out.size() == limit) {
                        return new Page(out, Cursors.encode(gsi1Key(item)));
                    }
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            if (start == null) {
                return new Page(out, null);
            }
        }
        return new Page(out, Cursors.encode(start));
    }

    /** Every order of the site created in the range, newest first: one index Query page after another. */
    @Override
    public void forEachInRange(String clientId, CreatedRange range, java.util.function.Consumer<Order> each) {
        forEachInRange(clientId, range, OrderFilter.ALL, each);
    }

    /** Every order of the site created in the range that passes {@code filter}. */
    @Override
    public void forEachInRange(String clientId, CreatedRange range, OrderFilter filter, java.util.function.Consumer<Order> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = CreatedRangeQuery.gsi1(QueryRequest.builder().tableName(table).indexName("gsi1"), range, sitePartition(clientId))
                    .scanIndexForward(false);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            for (Map<String, AttributeValue> i : r.items()) {
                Order o = toOrder(i);
                if (filter.matches(o)) {
                    each.accept(o);
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** A cursor that continues {@link #search} right after this order. */
    public static String cursorAfter(Order o) {
        return Cursors.encode(Map.of("gsi1pk", s(sitePartition(o.clientId())), "gsi1sk", s(Keys.listed(o.createdAt(), o.orderId())),
                "pk", s(orderPk(o.clientId(), o.orderId())), "sk", s(ORDER_SK)));
    }

    private static Map<String, AttributeValue> gsi1Key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> k = new HashMap<>();
        for (String a : GSI1_KEY) {
            k.put(a, item.get(a));
        }
        return k;
    }

    /** The events applied to an order (raw payloads included), oldest first. */
    @Override
    public List<PaymentEvent> history(String clientId, String orderId) {
        List<PaymentEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                    .expressionAttributeValues(Map.of(":pk", s(orderPk(clientId, orderId)), ":e", s(Keys.orderEventPrefix())))
                    .consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> events.add(Json.read(Attrs.str(i, "event"), PaymentEvent.class)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        events.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        return events;
    }

    /** The table key prefix of the orders in a site's partition of gsi1 or gsi2 (SITE#<clientId>#ORDERS or #REVIEW). */
    private static String ordersPkPrefix(String indexPartition) {
        return Keys.orderPrefix(Keys.clientIdOfSiteIndex(indexPartition));
    }

    private static String reviewPartition(String clientId) {
        return Keys.reviewQueue(clientId);
    }

    private static String reconcilePartition(String provider) {
        return Keys.reconcile(provider);
    }

    private static String reconcileSortKey(String dueAt, Order o) {
        return Keys.reconcileDue(dueAt, o.clientId(), o.orderId());
    }

    private static String sitePartition(String clientId) {
        return Keys.siteOrders(clientId);
    }

    static Map<String, AttributeValue> toItem(Order o, long version, ReconcilePolicy reconcile) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderPk(o.clientId(), o.orderId()), ORDER_SK));
        item.put("type", s("order"));
        item.put("gsi1pk", s(sitePartition(o.clientId())));
        item.put("gsi1sk", s(Keys.listed(o.createdAt(), o.orderId())));
        item.put("clientId", s(o.clientId()));
        item.put("orderId", s(o.orderId()));
        item.put("provider", s(o.provider()));
        item.put("orderRef", s(o.orderRef()));
        item.put("status", s(o.status().wire()));
        if (o.eventStatus() != null) {
            item.put("eventStatus", s(o.eventStatus().wire()));
        }
        if (o.amount() != null) {
            item.put("amountMinor", n(o.amount().minor()));
            item.put("currency", s(o.amount().currency()));
        }
        Attrs.putIfPresent(item, "amountSource", o.amountSource());
        item.put("refundedMinor", n(o.refundedMinor()));
        item.put("fullyRefunded", Attrs.bool(o.fullyRefunded()));
        Attrs.putIfPresent(item, "buyerName", o.buyerName());
        Attrs.putIfPresent(item, "buyerEmail", o.buyerEmail());
        Attrs.putIfPresent(item, "message", o.message());
        item.put("items", Attrs.list(o.items()));
        Attrs.putIfPresent(item, "category", o.category());
        item.put("test", Attrs.bool(o.test()));
        item.put("createdAt", s(o.createdAt()));
        item.put("updatedAt", s(o.updatedAt()));
        Attrs.putIfPresent(item, "receivedAt", o.receivedAt());
        item.put("appliedEvents", Attrs.ss(o.appliedEvents()));
        item.put("attributes", Attrs.map(o.attributes()));
        HubStateAttributes.put(item, o);
        if (!o.attributeSources().isEmpty()) {
            item.put("attributeSources", Attrs.map(o.attributeSources()));
        }
        if (!o.outbox().isEmpty()) {
            item.put("outbox", Attrs.list(o.outbox().stream().map(Triggers.Fired::encode).toList()));
        }
        OrderMatch m = o.match();
        Attrs.putIfPresent(item, "intentId", m.intentId());
        Attrs.putIfPresent(item, "matchReason", m.reason());
        Attrs.putIfPresent(item, "matchDecidedAt", m.decidedAt());
        Attrs.putIfPresent(item, "reviewSuggested", m.suggested());
        if (m.expected() != null) {
            item.put("matchExpectedMinor", n(m.expected().minor()));
            item.put("matchExpectedCurrency", s(m.expected().currency()));
        }
        if (m.review() != OrderMatch.Review.NONE) {
            item.put("reviewState", s(m.review().name().toLowerCase(java.util.Locale.ROOT)));
            item.put("reviewCandidates", Attrs.list(m.candidates()));
        }
        if (m.review() == OrderMatch.Review.NEEDED) {
            item.put("gsi2pk", s(reviewPartition(o.clientId())));
            item.put("gsi2sk", s(Keys.listed(o.createdAt(), o.orderId())));
        }
        Order.Reconcile rc = o.reconcile();
        if (rc.attempts() > 0) {
            item.put("reconcileAttempts", n(rc.attempts()));
        }
        Attrs.putIfPresent(item, "reconcileNextAt", rc.nextCheckAt());
        if (rc.gaveUp()) {
            item.put("reconcileGaveUp", Attrs.bool(true));
        }
        if (reconcile.reconcilable(o)) {
            item.put("gsi3pk", s(reconcilePartition(o.provider())));
            item.put("gsi3sk", s(reconcileSortKey(reconcile.dueAt(o), o)));
        }
        item.put("version", n(version));
        return item;
    }

    static Order toOrder(Map<String, AttributeValue> i) {
        String currency = Attrs.str(i, "currency");
        Money amount = currency == null ? null : Money.ofMinor(Attrs.num(i, "amountMinor", 0), currency);
        String eventStatus = Attrs.str(i, "eventStatus");
        Map<String, String> attributes = new HashMap<>(Attrs.strMap(i, "attributes"));
        List<Triggers.Fired> outbox = outboxOf(i, attributes);
        attributes.remove(LEGACY_OUTBOX);
        return new Order(Attrs.str(i, "clientId"), Attrs.str(i, "orderId"), Attrs.str(i, "provider"),
                Attrs.str(i, "orderRef"), OrderStatus.fromWire(Attrs.str(i, "status")),
                eventStatus == null ? null : OrderStatus.fromWire(eventStatus), amount, Attrs.str(i, "amountSource"),
                Attrs.num(i, "refundedMinor", 0), Attrs.bool(i, "fullyRefunded"), Attrs.str(i, "buyerName"),
                Attrs.str(i, "buyerEmail"), Attrs.str(i, "message"), Attrs.strList(i, "items"),
                Attrs.str(i, "category"), Attrs.bool(i, "test"), Attrs.str(i, "createdAt"), Attrs.str(i, "updatedAt"),
                Attrs.strSet(i, "appliedEvents"), attributes, toMatch(i),
                new Order.Reconcile((int) Attrs.num(i, "reconcileAttempts", 0), Attrs.str(i, "reconcileNextAt"),
                        Attrs.bool(i, "reconcileGaveUp")),
                Attrs.num(i, "version", 0), Attrs.strMap(i, "attributeSources"), Attrs.str(i, "receivedAt"), outbox,
                HubStateAttributes.tags(i, attributes), HubStateAttributes.risk(i, attributes),
                HubStateAttributes.mailError(i, attributes));
    }

    /** An item written before the outbox was a field of its own kept it as a string attribute. */
    private static final String LEGACY_OUTBOX = "hub.workflow.pending";

    private static List<Triggers.Fired> outboxOf(Map<String, AttributeValue> item, Map<String, String> attributes) {
        List<String> encoded = item.containsKey("outbox") ? Attrs.strList(item, "outbox")
                : attributes.containsKey(LEGACY_OUTBOX) && !attributes.get(LEGACY_OUTBOX).isBlank()
                        ? List.of(attributes.get(LEGACY_OUTBOX).trim().split(" ")) : List.of();
        return encoded.stream().map(Triggers.Fired::decode).filter(f -> f.trigger() != null).toList();
    }

    private static OrderMatch toMatch(Map<String, AttributeValue> i) {
        String review = Attrs.str(i, "reviewState");
        return new OrderMatch(Attrs.str(i, "intentId"), Attrs.str(i, "matchReason"),
                review == null ? OrderMatch.Review.NONE : OrderMatch.Review.valueOf(review.toUpperCase(java.util.Locale.ROOT)),
                Attrs.strList(i, "reviewCandidates"), Attrs.str(i, "matchDecidedAt"), Attrs.str(i, "reviewSuggested"),
                i.containsKey("matchExpectedCurrency") ? Money.ofMinor(Attrs.num(i, "matchExpectedMinor", 0),
                        Attrs.str(i, "matchExpectedCurrency")) : null);
    }
}
