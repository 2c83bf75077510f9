package dev.orderhub.db;

import dev.orderhub.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Paging cursors: a DynamoDB key (string attributes only, as all of the hub's keys are) as
 * URL-safe base64 JSON. A cursor is opaque to callers, but it comes back from them: one that does
 * not decode, names another partition than the one being paged (another site's cursor, or an
 * edited one), or that DynamoDB refuses as a start key, is an {@link IllegalArgumentException},
 * which the routes answer with 400 INVALID_CURSOR. Nothing of another partition can be read with
 * one, because the partition the query pages is always the caller's own; the check makes the
 * refusal explicit instead of an error inside the hub.
 */
public final class Cursors {
    private Cursors() {}

    public static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key in the cursor, which must have exactly these attributes as strings.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static Map<String, AttributeValue> decode(String cursor, java.util.Set<String> attributes,
            String partitionAttribute, String partition, String tablePkPrefix) {
        Map<String, AttributeValue> key = decode(cursor, attributes);
        if (!partition.equals(key.get(partitionAttribute).s()) || !key.get("pk").s().startsWith(tablePkPrefix)) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        return key;
    }

    /**
     * The query, whose start key came from a cursor: DynamoDB's refusal of that key (a key
     * outside the query's range, say) is the caller's error, not the hub's.
     */
    public static QueryResponse query(DynamoDbClient db, QueryRequest q) {
        try {
            return db.query(q);
        } catch (DynamoDbException e) {
            boolean validation = e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode());
            if (validation && q.hasExclusiveStartKey()) {
                throw new IllegalArgumentException("cursor is not valid");
            }
            throw e;
        }
    }

    public static Map<String, AttributeValue> decode(String cursor, java.util.Set<String> attributes) {
        try {
            if (cursor.length() > 2048) {
                throw new IllegalArgumentException("too long");
            }
            var node = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            Map<String, AttributeValue> key = new HashMap<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    key.put(f.getKey(), AttributeValue.fromS(f.getValue().asText()));
                }
            });
            if (!key.keySet().equals(attributes)) {
                throw new IllegalArgumentException("wrong attributes");
            }
            return key;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
    }
}
