package dev.orderhub.order;

import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Items in an order's own partition that copy what is stored elsewhere under other keys (e-mails
 * by SES message id, workflow runs by run id), so the order's detail lists each kind with one
 * Query: {@code sk = <prefix><fixed-width time>#<id>}. The sort key is derived from the thing's
 * own id and the time it was first recorded, so writing a pointer again overwrites it instead of
 * adding a second one. They are separate items: writing them never bumps the order's version.
 */
public final class OrderPointers {
    /** How many of a kind the order detail shows, newest first. */
    public static final int SHOWN = 50;

    private final DynamoDbClient db;
    private final String table;

    public OrderPointers(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** The newest {@code limit} items of one kind, newest first; {@code more} when older ones exist. */
    public record Newest(List<Map<String, AttributeValue>> items, boolean more) {
        public Shown shown(Function<Map<String, AttributeValue>, Map<String, Object>> view) {
            return new Shown(items.stream().map(view).toList(), more);
        }
    }

    /** What the order detail shows of one kind: the newest entries and whether older ones were left out. */
    public record Shown(List<Map<String, Object>> items, boolean more) {}

    /** @param prefix {@link Keys#orderMailPrefix()} or {@link Keys#orderRunPrefix()}: which copy it is */
    public static Map<String, AttributeValue> key(String clientId, String orderId, String prefix, String at, String id) {
        String sk;
        if (prefix.equals(Keys.orderMailPrefix())) {
            sk = Keys.orderMail(at, id);
        } else if (prefix.equals(Keys.orderRunPrefix())) {
            sk = Keys.orderRun(at, id);
        } else {
            throw new IllegalArgumentException("no order copy starts with " + prefix);
        }
        return Attrs.key(DynamoOrderRepository.orderPk(clientId, orderId), sk);
    }

    public Newest newest(String clientId, String orderId, String prefix, int limit) {
        List<Map<String, AttributeValue>> items = db.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", s(DynamoOrderRepository.orderPk(clientId, orderId)), ":p", s(prefix)))
                .scanIndexForward(false).limit(limit + 1).consistentRead(true).build()).items();
        return items.size() > limit ? new Newest(items.subList(0, limit), true) : new Newest(items, false);
    }
}
