package dev.orderhub.workflow.action;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Per-site stock counts of items ({@code pk = SITE#<clientId>#STOCK, sk = ITEM#<item>}), which a
 * canceled order's items go back to. Each restock carries the action's key and is refused if the
 * item already took it, so a retried cancel restocks once.
 */
public final class DynamoStockCounts implements StockCounts {
    private final DynamoDbClient db;
    private final String table;

    public DynamoStockCounts(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    static String partition(String clientId) {
        return Keys.stock(clientId);
    }

    @Override
    public boolean restock(String clientId, String item, int quantity, String restockKey) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(partition(clientId), Keys.stockItem(item)))
                    .updateExpression("ADD #c :q, restocks :k SET #t = :type, #i = :item")
                    .conditionExpression("attribute_not_exists(restocks) OR NOT contains(restocks, :key)")
                    .expressionAttributeNames(Map.of("#c", "count", "#t", "type", "#i", "item"))
                    .expressionAttributeValues(Map.of(":q", n(quantity), ":k", AttributeValue.fromSs(List.of(restockKey)),
                            ":key", s(restockKey), ":type", s("stock"), ":item", s(item)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyDone) {
            return false;
        }
    }

    @Override
    public long count(String clientId, String item) {
        Map<String, AttributeValue> i = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(partition(clientId), Keys.stockItem(item))).consistentRead(true).build()).item();
        return i == null ? 0 : Attrs.num(i, "count", 0);
    }
}
