package dev.orderhub.ratelimit;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Fixed-window request counters in the hub's table: one item per scope and window
 * ({@code pk = RATE#<scope>, sk = W#<windowStartEpochSecond>}), counted with a conditional
 * {@code ADD count :1} that fails once the window is full, so concurrent callers can never
 * exceed the limit together. Each item expires (TTL {@code expiresAt}) after its window; a new
 * window is a new key, so an expired counter is never read again whether or not TTL removed it.
 */
public final class FixedWindowLimiter {
    private final DynamoDbClient db;
    private final String table;

    public FixedWindowLimiter(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Allowed, or refused with the seconds until the window ends (for Retry-After). */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    public Decision acquire(String scope, int limit, long windowSeconds, Instant now) {
        long start = now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), windowSeconds);
        long end = start + windowSeconds;
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key("RATE#" + scope, "W#" + start))
                    .updateExpression("ADD #c :one SET expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
                    .expressionAttributeNames(Map.of("#c", "count"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":exp", n(end)))
                    .build());
            return new Decision(true, 0);
        } catch (ConditionalCheckFailedException full) {
            return new Decision(false, Math.max(1, end - now.getEpochSecond()));
        }
    }
}
