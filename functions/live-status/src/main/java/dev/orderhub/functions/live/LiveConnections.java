package dev.orderhub.functions.live;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Live-status bookkeeping in the hub's table, one partition per watched order
 * ({@code pk = LIVE#<clientId>#<publicOrderId>}), so a push finds everything with one query:
 * <ul>
 *   <li>subscriber: {@code sk = CONN#<connectionId>};</li>
 *   <li>publication: {@code sk = PUB#<offset>} with the status pushed, the offset being the
 *       order's version (zero-padded, so text order is offset order);</li>
 *   <li>and per connection {@code pk = LIVECONN#<connectionId>, sk = #CONN} → the watched
 *       partition, which is what {@code $disconnect} (which carries only the connection id) needs.</li>
 * </ul>
 * Items carry {@code expiresAt}: API Gateway ends a WebSocket connection after 2 hours at most.
 */
final class LiveConnections {
    static final Duration CONNECTION_TTL = Duration.ofHours(2);
    static final Duration PUBLICATION_TTL = Duration.ofDays(1);
    private static final String PUB = Keys.livePublicationPrefix();
    private static final String CONN = Keys.liveSubscriberPrefix();
    private final DynamoDbClient db;
    private final String table;

    LiveConnections(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** One pushed status, with the amounts the buyer's client checks (see {@link dev.orderhub.intent.BuyerStatus.Snapshot}). */
    record Publication(long offset, String status, String updatedAt, Money expected, Money paid, boolean test) {}

    static String partition(String clientId, String publicOrderId) {
        return Keys.live(clientId, publicOrderId);
    }

    void subscribe(String partition, String connectionId, Instant now) {
        long expiresAt = now.plus(CONNECTION_TTL).getEpochSecond();
        Map<String, AttributeValue> conn = new HashMap<>(key(partition, Keys.liveSubscriber(connectionId)));
        conn.put("type", s("liveConnection"));
        conn.put("connectionId", s(connectionId));
        conn.put("expiresAt", n(expiresAt));
        db.putItem(PutItemRequest.builder().tableName(table).item(conn).build());
        Map<String, AttributeValue> back = new HashMap<>(key(Keys.liveConnection(connectionId), Keys.LIVE_CONNECTION_SK));
        back.put("type", s("liveConnectionIndex"));
        back.put("partition", s(partition));
        back.put("expiresAt", n(expiresAt));
        db.putItem(PutItemRequest.builder().tableName(table).item(back).build());
    }

    /** Forgets a closed connection; nothing to do when it never subscribed. */
    void forget(String connectionId) {
        Map<String, AttributeValue> back = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(Keys.liveConnection(connectionId), Keys.LIVE_CONNECTION_SK)).build()).item();
        if (back != null && !back.isEmpty()) {
            forget(Attrs.str(back, "partition"), connectionId);
        }
    }

    void forget(String partition, String connectionId) {
        db.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(partition, Keys.liveSubscriber(connectionId))).build());
        db.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(Keys.liveConnection(connectionId), Keys.LIVE_CONNECTION_SK)).build());
    }

    /** Live subscribers of the order. */
    List<String> connections(String partition, Instant now) {
        List<String> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(partition, CONN, Keys.endBound(CONN), true, 0)) {
            if (Attrs.num(item, "expiresAt", 0) > now.getEpochSecond()) {
                out.add(Attrs.str(item, "connectionId"));
            }
        }
        return out;
    }

    /** Publications after {@code since}, oldest first. */
    List<Publication> since(String partition, long since) {
        return query(partition, Keys.livePublication(since + 1), Keys.endBound(PUB), true, 0).stream().map(LiveConnections::toPublication).toList();
    }

    Optional<Publication> latest(String partition) {
        return query(partition, PUB, Keys.endBound(PUB), false, 1).stream().findFirst().map(LiveConnections::toPublication);
    }

    /** Records a publication once: false when another push already recorded this offset. */
    boolean publish(String partition, Publication p, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition, Keys.livePublication(p.offset())));
        item.put("type", s("livePublication"));
        item.put("offset", n(p.offset()));
        item.put("status", s(p.status()));
        Attrs.putIfPresent(item, "updatedAt", p.updatedAt());
        putMoney(item, "expected", p.expected());
        putMoney(item, "paid", p.paid());
        item.put("test", Attrs.bool(p.test()));
        item.put("expiresAt", n(now.plus(PUBLICATION_TTL).getEpochSecond()));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    private List<Map<String, AttributeValue>> query(String partition, String from, String to, boolean forward, int limit) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to").scanIndexForward(forward)
                    .expressionAttributeValues(Map.of(":p", s(partition), ":from", s(from), ":to", s(to)));
            if (limit > 0) {
                q.limit(limit);
            }
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            out.addAll(r.items());
            start = limit == 0 && r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Publication toPublication(Map<String, AttributeValue> item) {
        return new Publication(Attrs.num(item, "offset", 0), Attrs.str(item, "status"), Attrs.str(item, "updatedAt"),
                money(item, "expected"), money(item, "paid"), Attrs.bool(item, "test"));
    }

    private static void putMoney(Map<String, AttributeValue> item, String name, Money m) {
        if (m != null) {
            item.put(name + "Minor", n(m.minor()));
            item.put(name + "Currency", s(m.currency()));
        }
    }

    private static Money money(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name + "Currency")
                ? Money.ofMinor(Attrs.num(item, name + "Minor", 0), Attrs.str(item, name + "Currency")) : null;
    }
}
