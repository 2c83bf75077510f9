package dev.orderhub.order;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Orders and their history in the hub's table.
 * <ul>
 *   <li>order: {@code pk = ORDER#<clientId>#<orderId>, sk = #ORDER}; listed per site, newest
 *       first, through index {@code gsi1} ({@code gsi1pk = SITE#<clientId>#ORDERS},
 *       {@code gsi1sk = <createdAt>#<orderId>}); while it needs review also in index {@code gsi2}
 *       ({@code gsi2pk = SITE#<clientId>#REVIEW}, {@code gsi2sk = <createdAt>#<orderId>});</li>
 *   <li>history: one item per provider event in the order's partition,
 *       {@code sk = EVENT#<eventId>}, holding the normalized event and the raw payload.</li>
 * </ul>
 * Every write is a single-item conditional write: the history item only if absent, the order
 * only if its version is the one read (optimistic locking), so concurrent matchers never lose
 * each other's updates and no transaction is needed.
 */
public final class OrderRepository {
    private static final String ORDER_SK = "#ORDER";
    private final DynamoDbClient db;
    private final String table;

    public OrderRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    static String orderPk(String clientId, String orderId) {
        return "ORDER#" + clientId + "#" + orderId;
    }

    /** Stores the event in the order's history unless it is there already; true when it was new. */
    public boolean addHistory(String orderId, PaymentEvent e) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderPk(e.clientId(), orderId), "EVENT#" + e.eventId()));
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

    public Optional<Order> find(String clientId, String orderId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(orderPk(clientId, orderId), ORDER_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    /**
     * Writes the order if nobody else wrote it since it was read at {@code readVersion}
     * (0: it did not exist; the first write makes version 1). Returns false on a lost race:
     * read again and re-apply.
     */
    public boolean save(Order order, long readVersion) {
        Map<String, AttributeValue> item = toItem(order, readVersion + 1);
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

    /** Takes the reply lease if the reply is still due and nobody holds an unexpired lease. */
    public boolean claimReply(Order order, long nowMillis, long leaseUntilMillis) {
        return update(order, "SET replyLease = :until, version = version + :one",
                "replyState = :due AND (attribute_not_exists(replyLease) OR replyLease < :now)",
                Map.of(":until", n(leaseUntilMillis), ":now", n(nowMillis)));
    }

    public boolean markReplySent(Order order, String messageId, String sentAt) {
        return update(order, "SET replyState = :sent, replyMessageId = :mid, replySentAt = :at, version = version + :one REMOVE replyLease, replyError",
                "replyState = :due", Map.of(":sent", s("SENT"), ":mid", s(messageId), ":at", s(sentAt)));
    }

    /** Records why a send failed and frees the lease so that the next retry can send. */
    public boolean markReplyFailed(Order order, String error) {
        return update(order, "SET replyError = :err, version = version + :one REMOVE replyLease",
                "replyState = :due", Map.of(":err", s(error)));
    }

    /**
     * Removes one attribute from an order still at the version it was read (a bookkeeping write:
     * it bumps the version like any other). False when the order changed meanwhile.
     */
    public boolean removeAttribute(Order order, String name) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(orderPk(order.clientId(), order.orderId()), ORDER_SK))
                    .updateExpression("REMOVE attributes.#a SET version = version + :one")
                    .conditionExpression("version = :v")
                    .expressionAttributeNames(Map.of("#a", name))
                    .expressionAttributeValues(Map.of(":one", n(1), ":v", n(order.version()))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean update(Order order, String expression, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":one", n(1));
        all.put(":due", s("DUE"));
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(orderPk(order.clientId(), order.orderId()), ORDER_SK))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeValues(all).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A site's orders, newest first. {@code cursor} is the opaque value of the previous page's {@link Page#next()}. */
    public Page listBySite(String clientId, int limit, String cursor) {
        return listIndex("gsi1", sitePartition(clientId), limit, cursor);
    }

    /** A site's orders waiting for review (index gsi2, only while review is needed), newest first. */
    public Page listForReview(String clientId, int limit, String cursor) {
        return listIndex("gsi2", reviewPartition(clientId), limit, cursor);
    }

    private Page listIndex(String index, String partition, int limit, String cursor) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(index + "pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            q.exclusiveStartKey(decodeCursor(cursor));
        }
        QueryResponse r = db.query(q.build());
        List<Order> orders = new ArrayList<>();
        r.items().forEach(i -> orders.add(toOrder(i)));
        String next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? encodeCursor(r.lastEvaluatedKey()) : null;
        return new Page(orders, next);
    }

    /** The events applied to an order (raw payloads included), oldest first. */
    public List<PaymentEvent> history(String clientId, String orderId) {
        List<PaymentEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                    .expressionAttributeValues(Map.of(":pk", s(orderPk(clientId, orderId)), ":e", s("EVENT#")))
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

    public record Page(List<Order> orders, String next) {}

    private static String reviewPartition(String clientId) {
        return "SITE#" + clientId + "#REVIEW";
    }

    private static String sitePartition(String clientId) {
        return "SITE#" + clientId + "#ORDERS";
    }

    private static Map<String, AttributeValue> toItem(Order o, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderPk(o.clientId(), o.orderId()), ORDER_SK));
        item.put("type", s("order"));
        item.put("gsi1pk", s(sitePartition(o.clientId())));
        item.put("gsi1sk", s(o.createdAt() + "#" + o.orderId()));
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
        item.put("appliedEvents", Attrs.ss(o.appliedEvents()));
        item.put("attributes", Attrs.map(o.attributes()));
        Order.Reply r = o.reply();
        item.put("replyState", s(r.state().name()));
        if (r.leaseUntilMillis() > 0) {
            item.put("replyLease", n(r.leaseUntilMillis()));
        }
        Attrs.putIfPresent(item, "replyMessageId", r.messageId());
        Attrs.putIfPresent(item, "replySentAt", r.sentAt());
        Attrs.putIfPresent(item, "replyError", r.lastError());
        OrderMatch m = o.match();
        Attrs.putIfPresent(item, "intentId", m.intentId());
        Attrs.putIfPresent(item, "matchReason", m.reason());
        Attrs.putIfPresent(item, "matchDecidedAt", m.decidedAt());
        if (m.review() != OrderMatch.Review.NONE) {
            item.put("reviewState", s(m.review().name().toLowerCase(java.util.Locale.ROOT)));
            item.put("reviewCandidates", Attrs.list(m.candidates()));
        }
        if (m.review() == OrderMatch.Review.NEEDED) {
            item.put("gsi2pk", s(reviewPartition(o.clientId())));
            item.put("gsi2sk", s(o.createdAt() + "#" + o.orderId()));
        }
        item.put("version", n(version));
        return item;
    }

    static Order toOrder(Map<String, AttributeValue> i) {
        String currency = Attrs.str(i, "currency");
        Money amount = currency == null ? null : Money.ofMinor(Attrs.num(i, "amountMinor", 0), currency);
        String eventStatus = Attrs.str(i, "eventStatus");
        String replyState = Attrs.str(i, "replyState");
        Order.Reply reply = new Order.Reply(
                replyState == null ? Order.Reply.State.NONE : Order.Reply.State.valueOf(replyState),
                Attrs.num(i, "replyLease", 0), Attrs.str(i, "replyMessageId"), Attrs.str(i, "replySentAt"),
                Attrs.str(i, "replyError"));
        return new Order(Attrs.str(i, "clientId"), Attrs.str(i, "orderId"), Attrs.str(i, "provider"),
                Attrs.str(i, "orderRef"), OrderStatus.fromWire(Attrs.str(i, "status")),
                eventStatus == null ? null : OrderStatus.fromWire(eventStatus), amount, Attrs.str(i, "amountSource"),
                Attrs.num(i, "refundedMinor", 0), Attrs.bool(i, "fullyRefunded"), Attrs.str(i, "buyerName"),
                Attrs.str(i, "buyerEmail"), Attrs.str(i, "message"), Attrs.strList(i, "items"),
                Attrs.str(i, "category"), Attrs.bool(i, "test"), Attrs.str(i, "createdAt"), Attrs.str(i, "updatedAt"),
                Attrs.strSet(i, "appliedEvents"), Attrs.strMap(i, "attributes"), reply, toMatch(i),
                Attrs.num(i, "version", 0));
    }

    private static OrderMatch toMatch(Map<String, AttributeValue> i) {
        String review = Attrs.str(i, "reviewState");
        return new OrderMatch(Attrs.str(i, "intentId"), Attrs.str(i, "matchReason"),
                review == null ? OrderMatch.Review.NONE : OrderMatch.Review.valueOf(review.toUpperCase(java.util.Locale.ROOT)),
                Attrs.strList(i, "reviewCandidates"), Attrs.str(i, "matchDecidedAt"));
    }

    private static String encodeCursor(Map<String, AttributeValue> key) {
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, AttributeValue> key = new HashMap<>();
            Json.parse(json).fields().forEachRemaining(f -> key.put(f.getKey(), s(f.getValue().asText())));
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
    }
}
