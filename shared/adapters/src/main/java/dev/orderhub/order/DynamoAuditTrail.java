package dev.orderhub.order;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import dev.orderhub.db.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What admins did to an order, kept in the order's own partition
 * ({@code sk = AUDIT#<timestamp>#<id>}), so the order's detail reads it with one Query and in
 * time order. Entries are only ever added.
 */
public final class DynamoAuditTrail implements AuditTrail {
    private final DynamoDbClient db;
    private final String table;

    public DynamoAuditTrail(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public void add(String clientId, String orderId, Entry e) {
        Map<String, AttributeValue> item = new HashMap<>(key(DynamoOrderRepository.orderPk(clientId, orderId),
                Keys.orderAudit(e.at(), Ids.random(8))));
        item.put("type", s("audit"));
        item.put("at", s(e.at()));
        item.put("action", s(e.action()));
        item.put("by", s(e.by()));
        item.put("details", Attrs.map(e.details()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build());
    }

    @Override
    public List<Entry> list(String clientId, String orderId) {
        List<Entry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                    .expressionAttributeValues(Map.of(":pk", s(DynamoOrderRepository.orderPk(clientId, orderId)), ":a", s(Keys.orderAuditPrefix())))
                    .consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> out.add(new Entry(Attrs.str(i, "at"), Attrs.str(i, "action"), Attrs.str(i, "by"),
                    Attrs.strMap(i, "details"))));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
