package dev.orderhub.ratelimit;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;

import dev.orderhub.db.Keys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>A window found full stays full until it ends (counters only grow), so the container
 * remembers it and refuses the rest of a flood from memory, without a write.
 */
public final class FixedWindowLimiter {
    static final int MAX_REMEMBERED_FULL = 10_000;
    private final DynamoDbClient db;
    private final String table;
    /** "scope W#start" → the limit it was full at. */
    private final Map<String, Integer> full = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_REMEMBERED_FULL;
        }
    };

    public FixedWindowLimiter(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * One counted limit: at most {@code perWindow} requests per {@code windowSeconds} in
     * {@code scope}; {@code name} says which in a refusal ("this address", "this site").
     */
    public record Limit(String name, String scope, int perWindow, long windowSeconds) {}

    /** Allowed, or refused with the seconds until the window ends (for Retry-After) and the limit that refused. */
    public record Decision(boolean allowed, long retryAfterSeconds, Limit refusedBy) {
        static final Decision ALLOWED = new Decision(true, 0, null);
    }

    public Decision acquire(String scope, int limit, long windowSeconds, Instant now) {
        return acquire(List.of(new Limit(scope, scope, limit, windowSeconds)), now);
    }

    /**
     * Counts the request against each limit in order and stops at the first that refuses, so a
     * refused request is not counted by the later (broader) ones: put the most specific first, so
     * that a flooding client spends its own budget, not everyone's. Windows remembered full refuse
     * before any write.
     */
    public Decision acquire(List<Limit> limits, Instant now) {
        for (Limit l : limits) {
            if (knownFull(l, now)) {
                return refused(l, now);
            }
        }
        for (Limit l : limits) {
            if (!count(l, now)) {
                return refused(l, now);
            }
        }
        return Decision.ALLOWED;
    }

    private static long windowStart(Limit l, Instant now) {
        return now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), l.windowSeconds());
    }

    private static Decision refused(Limit l, Instant now) {
        long end = windowStart(l, now) + l.windowSeconds();
        return new Decision(false, Math.max(1, end - now.getEpochSecond()), l);
    }

    private static String windowKey(Limit l, Instant now) {
        return l.scope() + " W#" + windowStart(l, now);
    }

    private boolean knownFull(Limit l, Instant now) {
        synchronized (full) {
            Integer fullAt = full.get(windowKey(l, now));
            // Raised since (the site changed its setting): the table decides again.
            return fullAt != null && fullAt >= l.perWindow();
        }
    }

    private boolean count(Limit l, Instant now) {
        long start = windowStart(l, now);
        long end = start + l.windowSeconds();
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(Keys.rate(l.scope()), Keys.rateWindow(start)))
                    .updateExpression("ADD #c :one SET expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
                    .expressionAttributeNames(Map.of("#c", "count"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(l.perWindow()), ":exp", n(end)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException isFull) {
            synchronized (full) {
                full.put(windowKey(l, now), l.perWindow());
            }
            return false;
        }
    }
}
