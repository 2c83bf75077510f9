package dev.orderhub.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A creation-time range [from, to) as a key condition on an index whose sort key starts with an
 * ISO-8601 instant ({@code gsi1sk = <createdAt>#…}). Stored instants vary in width
 * ({@code …:05Z}, {@code …:05.120Z}), so the bounds are whole seconds written without a zone:
 * every instant of that second sorts after the bound as text, every earlier one before it.
 * So {@code BETWEEN from AND to} selects exactly the instants in [from, to). Either end may be open.
 */
public record CreatedRange(Instant from, Instant to) {
    public static final CreatedRange ALL = new CreatedRange(null, null);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The builder with the key condition on {@code gsi1} for this range within the partition. */
    public QueryRequest.Builder query(QueryRequest.Builder q, String partition) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(partition));
        String condition = "gsi1pk = :p";
        if (from != null) {
            values.put(":a", AttributeValue.fromS(SECOND.format(from)));
        }
        if (to != null) {
            values.put(":b", AttributeValue.fromS(SECOND.format(to)));
        }
        if (from != null && to != null) {
            condition += " AND gsi1sk BETWEEN :a AND :b";
        } else if (from != null) {
            condition += " AND gsi1sk >= :a";
        } else if (to != null) {
            condition += " AND gsi1sk < :b";
        }
        return q.keyConditionExpression(condition).expressionAttributeValues(values);
    }
}
