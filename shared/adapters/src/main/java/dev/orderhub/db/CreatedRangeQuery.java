package dev.orderhub.db;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A {@link CreatedRange} as a key condition on an index whose sort key starts with an
 * ISO-8601 instant ({@code gsi1sk = <createdAt>#…}). Stored instants vary in width
 * ({@code …:05Z}, {@code …:05.120Z}), so the bounds are whole seconds written without a zone:
 * every instant of that second sorts after the bound as text, every earlier one before it.
 * So {@code BETWEEN from AND to} selects exactly the instants in [from, to). Either end may be open.
 */
public final class CreatedRangeQuery {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private CreatedRangeQuery() {}

    /** The builder with the key condition on {@code gsi1} for this range within the partition. */
    public static QueryRequest.Builder gsi1(QueryRequest.Builder q, CreatedRange range, String partition) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(partition));
        String condition = "gsi1pk = :p";
        if (range.from() != null) {
            values.put(":a", AttributeValue.fromS(SECOND.format(range.from())));
        }
        if (range.to() != null) {
            values.put(":b", AttributeValue.fromS(SECOND.format(range.to())));
        }
        if (range.from() != null && range.to() != null) {
            condition += " AND gsi1sk BETWEEN :a AND :b";
        } else if (range.from() != null) {
            condition += " AND gsi1sk >= :a";
        } else if (range.to() != null) {
            condition += " AND gsi1sk < :b";
        }
        return q.keyConditionExpression(condition).expressionAttributeValues(values);
    }
}
