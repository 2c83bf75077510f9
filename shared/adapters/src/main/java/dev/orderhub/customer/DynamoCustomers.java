package dev.orderhub.customer;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import dev.orderhub.db.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What the hub remembers about a site's buyer, keyed by a hash of the e-mail address (the address
 * itself is never a key): {@code pk = CUSTOMER#<clientId>#<emailId>}.
 * <ul>
 *   <li>{@code sk = #CUSTOMER}: the first order seen from the address, the orders seen in the
 *       current fixed window (for the velocity rule) and the buyer's tags.</li>
 * </ul>
 * Every write adds to a set or sets a value only if absent, so repeating it for the same order
 * (a retried event) changes nothing.
 */
public final class DynamoCustomers implements Customers {
    private static final String CUSTOMER_SK = Keys.CUSTOMER_SK;
    private final DynamoDbClient db;
    private final String table;

    public DynamoCustomers(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    static String pk(String clientId, String email) {
        return Keys.customer(clientId, Ids.derived(clientId, email.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Records the order in the buyer's item, in one write: as the address's first order unless one
     * was recorded before, and in the current fixed window of {@code windowHours} (attributes
     * {@code window} = "hours#windowStart" and {@code windowOrders}, the distinct orders seen in
     * it). Only the first order in a new window (a buyer coming back, or a changed window length)
     * takes a second write, which starts the window afresh.
     */
    @Override
    public OrderFacts recordOrder(String clientId, String email, String orderId, int windowHours, Instant now) {
        long window = windowHours * 3600L;
        String current = windowHours + "#" + (now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), window));
        Map<String, AttributeValue> values = Map.of(":o", s(orderId), ":type", s("customer"), ":w", s(current),
                ":os", AttributeValue.fromSs(List.of(orderId)));
        Map<String, AttributeValue> after;
        try {
            after = db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(pk(clientId, email), CUSTOMER_SK))
                    .updateExpression("SET firstOrderId = if_not_exists(firstOrderId, :o), #t = :type, #w = :w ADD windowOrders :os")
                    .conditionExpression("attribute_not_exists(#w) OR #w = :w")
                    .expressionAttributeNames(Map.of("#t", "type", "#w", "window"))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW).build()).attributes();
        } catch (ConditionalCheckFailedException anotherWindow) {
            after = db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(pk(clientId, email), CUSTOMER_SK))
                    .updateExpression("SET firstOrderId = if_not_exists(firstOrderId, :o), #t = :type, #w = :w, windowOrders = :os")
                    .expressionAttributeNames(Map.of("#t", "type", "#w", "window"))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW).build()).attributes();
        }
        return new OrderFacts(orderId.equals(Attrs.str(after, "firstOrderId")), Attrs.strSet(after, "windowOrders").size());
    }

    @Override
    public void addTag(String clientId, String email, String tag) {
        db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK))
                .updateExpression("ADD tags :t SET #t = :type")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.of(tag)), ":type", s("customer")))
                .build());
    }

    @Override
    public Set<String> tags(String clientId, String email) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK)).consistentRead(true).build()).item();
        return item == null ? Set.of() : Attrs.strSet(item, "tags");
    }

    /** Whether the address's first recorded order is this one (false for an unknown address). */
    @Override
    public boolean isFirstOrder(String clientId, String email, String orderId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId, email), CUSTOMER_SK)).consistentRead(true).build()).item();
        return item != null && orderId.equals(Attrs.str(new HashMap<>(item), "firstOrderId"));
    }
}
