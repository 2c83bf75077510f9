package dev.orderhub.delivery;

import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Cursors;
import dev.orderhub.db.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A site's delivery log, newest first, read from its own partition ({@link DeliveryItems}) with
 * one key condition for the time range; provider and outcome are applied to what is read. A
 * minute's refused callbacks are one item: its details are listed with the other deliveries, and
 * what was only counted is given per minute ({@link Page#refusedWithoutDetail()}).
 */
public final class DeliveryHistory {
    private static final Set<String> KEY = Set.of("pk", "sk");
    private static final int ITEMS_PER_READ = 100;

    private final DynamoDbClient db;
    private final String table;

    public DeliveryHistory(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Each null: not filtered on. {@code from} inclusive, {@code to} exclusive. */
    public record Filter(String provider, Delivery.Outcome outcome, Instant from, Instant to) {
        boolean matches(Delivery d) {
            return (provider == null || provider.equals(d.provider())) && (outcome == null || outcome == d.outcome())
                    && (from == null || !d.receivedAt().isBefore(from)) && (to == null || d.receivedAt().isBefore(to));
        }

        boolean countsRefused(Instant minute) {
            return (outcome == null || outcome == Delivery.Outcome.REFUSED)
                    && (from == null || minute.plus(Duration.ofMinutes(1)).isAfter(from)) && (to == null || minute.isBefore(to));
        }
    }

    /** Refused callbacks of one minute kept only as a number (past the minute's bound of details). */
    public record RefusedCount(Instant minute, String provider, long count) {}

    /** {@code next} is null on the last page. */
    public record Page(List<Delivery> deliveries, List<RefusedCount> refusedWithoutDetail, String next) {}

    /**
     * Up to {@code limit} deliveries (more only when one minute alone holds more refused details),
     * reading at most {@code maxReads} times; a page may hold fewer and still have a {@code next}.
     *
     * @throws IllegalArgumentException for a cursor that is not one of this site's
     */
    public Page page(String clientId, Filter filter, int limit, String cursor, int maxReads, Instant now) {
        String partition = DeliveryItems.partition(clientId);
        Map<String, AttributeValue> start = cursor == null ? null : Cursors.decode(cursor, KEY, "pk", partition, partition);
        // A minute's item sorts at the minute's start and holds callbacks up to its end.
        String lower = filter.from() == null ? Keys.deliveryPrefix() : DeliveryItems.timeBound(filter.from().minus(Duration.ofMinutes(1)));
        String upper = filter.to() == null ? Keys.endBound(Keys.deliveryPrefix()) : DeliveryItems.timeBound(filter.to());
        List<Delivery> out = new ArrayList<>();
        List<RefusedCount> counted = new ArrayList<>();
        Map<String, AttributeValue> lastConsumed = null;
        boolean more = false;
        for (int read = 0; read < maxReads; read++) {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Map.of(":pk", s(partition), ":lo", s(lower), ":hi", s(upper)))
                    .scanIndexForward(false).limit(ITEMS_PER_READ);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = Cursors.query(db, q.build());
            boolean stopped = false;
            boolean lastOfPartition = !r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty();
            for (int i = 0; i < r.items().size(); i++) {
                Map<String, AttributeValue> item = r.items().get(i);
                List<Delivery> found = new ArrayList<>();
                List<RefusedCount> onlyCounted = new ArrayList<>();
                if (Attrs.num(item, "expiresAt", Long.MAX_VALUE) > now.getEpochSecond()) {
                    read(item, filter, found, onlyCounted);
                }
                if (!out.isEmpty() && out.size() + found.size() > limit) {
                    stopped = true;
                    break;
                }
                out.addAll(found);
                counted.addAll(onlyCounted);
                lastConsumed = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
                if (out.size() >= limit) {
                    stopped = !(lastOfPartition && i == r.items().size() - 1);
                    break;
                }
            }
            if (stopped) {
                more = true;
                break;
            }
            if (lastOfPartition) {
                more = false;
                break;
            }
            start = r.lastEvaluatedKey();
            lastConsumed = start;
            more = true;
        }
        out.sort(Comparator.comparing(Delivery::receivedAt).reversed());
        return new Page(out, counted, more && lastConsumed != null ? Cursors.encode(lastConsumed) : null);
    }

    private static void read(Map<String, AttributeValue> item, Filter filter, List<Delivery> found, List<RefusedCount> counted) {
        Instant minute = Keys.deliveryRefusedMinute(Attrs.str(item, "sk"));
        if (minute == null) {
            Delivery d = new Delivery(Instant.parse(Attrs.str(item, "receivedAt")), Attrs.str(item, "provider"),
                    Delivery.Outcome.ofWire(Attrs.str(item, "outcome")), (int) Attrs.num(item, "status", 200),
                    Attrs.str(item, "reason"), (int) Attrs.num(item, "size", 0), Attrs.str(item, "eventId"),
                    Attrs.str(item, "orderId"), (int) Attrs.num(item, "events", 0));
            if (filter.matches(d)) {
                found.add(d);
            }
            return;
        }
        long detailedOfFilter = 0;
        for (int slot = 0; slot < DeliveryItems.MAX_DETAILED_PER_MINUTE; slot++) {
            AttributeValue v = item.get(DeliveryItems.SLOT + slot);
            if (v == null || !v.hasM()) {
                continue;
            }
            Map<String, AttributeValue> m = v.m();
            Delivery d = Delivery.refused(Instant.parse(m.get("t").s()), m.get("p").s(), Integer.parseInt(m.get("s").n()),
                    m.get("c").s(), Integer.parseInt(m.get("b").n()));
            if (filter.provider() == null || filter.provider().equals(d.provider())) {
                detailedOfFilter++;
            }
            if (filter.matches(d)) {
                found.add(d);
            }
        }
        long all = Attrs.num(item, filter.provider() == null ? "refused" : "refused_" + filter.provider(), 0);
        if (all > detailedOfFilter && filter.countsRefused(minute)) {
            counted.add(new RefusedCount(minute, filter.provider(), all - detailedOfFilter));
        }
    }
}
