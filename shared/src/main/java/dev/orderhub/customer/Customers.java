package dev.orderhub.customer;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What the hub remembers about a site's buyer, keyed by a hash of the e-mail address (the address
 * itself is never a key): {@code pk = CUSTOMER#<clientId>#<emailId>}.
 * <ul>
 *   <li>{@code sk = #CUSTOMER}: the first order seen from the address and the buyer's tags;</li>
 *   <li>{@code sk = W#<windowStart>}: the orders seen in one fixed window, expiring after it (TTL
 *       {@code expiresAt}), like the intents rate limiter's counters.</li>
 * </ul>
 * Every write adds to a set or sets a value only if absent, so repeating it for the same order
 * (a retried event) changes nothing.
 */
public final class Customers {
    private static final String CUSTOMER_SK = "#CUSTOMER";
    private final DynamoDbClient db;
    private final String table;

    public Customers(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    static String pk(String clientId, String email) {
        return "CUSTOMER#" + clientId + "#" + Ids.derived(clientId, email.trim().toLowerCase(Locale.ROOT));
    }

    /** Records the order as the address's first unless one was recorded before; true when it is the first. */
    public boolean recordFirstOrder(String clientId, String email, String orderId) {
        Map<String, AttributeValue> after = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK))
                .updateExpression("SET firstOrderId = if_not_exists(firstOrderId, :o), #t = :type")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":o", s(orderId), ":type", s("customer")))
                .returnValues(ReturnValue.ALL_NEW).build()).attributes();
        return orderId.equals(Attrs.str(after, "firstOrderId"));
    }

    /**
     * Adds the order to the address's fixed window of {@code windowHours} and returns how many
     * distinct orders the window holds. An item past its expiry (TTL has not removed it yet) is
     * counted as empty.
     */
    public int recordInWindow(String clientId, String email, String orderId, int windowHours, Instant now) {
        long window = windowHours * 3600L;
        long start = now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), window);
        long end = start + window;
        Map<String, AttributeValue> after = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), "W#" + windowHours + "#" + start))
                .updateExpression("ADD orderIds :o SET expiresAt = :exp")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromSs(List.of(orderId)), ":exp", n(end)))
                .returnValues(ReturnValue.ALL_NEW).build()).attributes();
        if (Attrs.num(after, "expiresAt", 0) <= now.getEpochSecond()) {
            return 0;
        }
        return Attrs.strSet(after, "orderIds").size();
    }

    public void addTag(String clientId, String email, String tag) {
        db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK))
                .updateExpression("ADD tags :t SET #t = :type")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.of(tag)), ":type", s("customer")))
                .build());
    }

    public Set<String> tags(String clientId, String email) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK)).consistentRead(true).build()).item();
        return item == null ? Set.of() : Attrs.strSet(item, "tags");
    }

    /** Whether the address's first recorded order is this one (false for an unknown address). */
    public boolean isFirstOrder(String clientId, String email, String orderId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK)).consistentRead(true).build()).item();
        return item != null && orderId.equals(Attrs.str(new HashMap<>(item), "firstOrderId"));
    }
}
