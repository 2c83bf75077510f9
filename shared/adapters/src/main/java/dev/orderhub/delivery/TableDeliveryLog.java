package dev.orderhub.delivery;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Ids;
import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The delivery log in the hub's table ({@link DeliveryItems}): at most one write per callback.
 *
 * <p>An accepted callback is one small item. Refused callbacks are anonymous traffic, so what a
 * flood of them costs is bounded: each is one unconditional update of its site's item for that
 * minute, which counts it and, while the minute has fewer than {@code detailedPerMinute} details,
 * fills the next free slot ({@code if_not_exists}, so a slot another container filled first is
 * kept). The update answers the minute's count, which tells this container the next slot. Once it
 * passes the bound, a refused callback is only counted: client ids are public (they are in the
 * callback URLs), so a write per refused callback would let anyone spend the operator's write
 * units. The container counts in memory instead and adds its counts to the minute's item at most
 * once every {@link #COUNT_EVERY} per site and minute (the first count at once, so a flood shows
 * up immediately). However many callbacks, a container writes at most {@code detailedPerMinute}
 * + 1 + 60 s / {@code COUNT_EVERY} times per site and minute, a minute holds at most that many
 * details, and its item stays under 1 KB. The price: counts a container holds when Lambda
 * reclaims it (at most {@code COUNT_EVERY} of them per site) are never written; details are.
 *
 * <p>A write that fails or takes longer than {@code timeout} is logged and the log pauses for
 * {@link #PAUSE_AFTER_FAILURE}: a table in trouble costs a callback at most the timeout once per
 * pause and container, never its answer.
 */
public final class TableDeliveryLog implements DeliveryLog {
    private static final JsonLog LOG = JsonLog.get(TableDeliveryLog.class);
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);
    static final int MAX_REMEMBERED_MINUTES = 10_000;
    /** How often a container adds what it only counted to a minute's item. */
    public static final Duration COUNT_EVERY = Duration.ofSeconds(10);

    private final DynamoDbClient db;
    private final String table;
    private final int detailedPerMinute;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private volatile long pausedUntilNanos;
    private volatile boolean paused;
    /** "clientId minute" → the slot this container fills next. */
    private final Map<String, Integer> nextSlot = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_REMEMBERED_MINUTES;
        }
    };

    /** Refused callbacks only counted, not yet written: "clientId minute" → counts. */
    private final Map<String, Counted> counted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counted> eldest) {
            return size() > MAX_REMEMBERED_MINUTES;
        }
    };

    public TableDeliveryLog(DynamoDbClient db, String table, int detailedPerMinute, Duration timeout) {
        this(db, table, detailedPerMinute, timeout, System::nanoTime);
    }

    /** With the container's clock for intervals given: tests move it instead of waiting. */
    public TableDeliveryLog(DynamoDbClient db, String table, int detailedPerMinute, Duration timeout, LongSupplier nanoTime) {
        if (detailedPerMinute < 0 || detailedPerMinute > DeliveryItems.MAX_DETAILED_PER_MINUTE) {
            throw new IllegalArgumentException("detailed refused deliveries per minute must be 0 to "
                    + DeliveryItems.MAX_DETAILED_PER_MINUTE);
        }
        this.db = db;
        this.table = table;
        this.detailedPerMinute = detailedPerMinute;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    @Override
    public void record(String clientId, Delivery d) {
        if (paused && nanoTime.getAsLong() - pausedUntilNanos < 0) {
            Metrics.count("DeliveryLogSkipped", d.provider(), null);
            return;
        }
        try {
            if (d.outcome() == Delivery.Outcome.REFUSED) {
                refused(clientId, d);
            } else {
                accepted(clientId, d);
            }
            paused = false;
        } catch (RuntimeException e) {
            pausedUntilNanos = nanoTime.getAsLong() + PAUSE_AFTER_FAILURE.toNanos();
            paused = true;
            LOG.warn("delivery log write failed; the callback is answered as before", "clientId", clientId,
                    "provider", d.provider(), "outcome", d.outcome().wire(), "error", e.getClass().getSimpleName(),
                    "pausedSeconds", PAUSE_AFTER_FAILURE.toSeconds());
            Metrics.count("DeliveryLogFailed", d.provider(), null);
        }
    }

    private void accepted(String clientId, Delivery d) {
        Map<String, AttributeValue> item = new HashMap<>(key(DeliveryItems.partition(clientId),
                DeliveryItems.acceptedSk(d.receivedAt(), d.eventId() != null ? d.eventId() : Ids.random(12))));
        item.put("receivedAt", s(Timestamps.fixed(d.receivedAt())));
        item.put("provider", s(d.provider()));
        item.put("outcome", s(d.outcome().wire()));
        item.put("status", n(d.status()));
        item.put("size", n(d.size()));
        item.put("events", n(d.events()));
        if (d.reason() != null) {
            item.put("reason", s(cut(d.reason(), 200)));
        }
        if (d.eventId() != null) {
            item.put("eventId", s(d.eventId()));
        }
        if (d.orderId() != null) {
            item.put("orderId", s(d.orderId()));
        }
        item.put("expiresAt", n(DeliveryItems.expiresAt(d.receivedAt())));
        db.putItem(PutItemRequest.builder().tableName(table).item(item)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout)).build());
    }

    private void refused(String clientId, Delivery d) {
        Instant minute = DeliveryItems.minute(d.receivedAt());
        String remembered = clientId + " " + minute.getEpochSecond();
        int slot;
        synchronized (nextSlot) {
            slot = nextSlot.getOrDefault(remembered, 0);
        }
        if (slot >= detailedPerMinute) {
            countOnly(clientId, minute, remembered, d.provider());
            return;
        }
        Map<String, String> names = Map.of("#all", "refused", "#provider", "refused_" + d.provider(),
                "#slot", DeliveryItems.SLOT + slot);
        Map<String, AttributeValue> values = Map.of(":one", n(1),
                ":exp", n(DeliveryItems.expiresAt(minute.plus(Duration.ofMinutes(1)))),
                ":detail", AttributeValue.fromM(Map.of(
                        "t", s(Timestamps.fixed(d.receivedAt())),
                        "p", s(d.provider()),
                        "s", n(d.status()),
                        "c", s(cut(d.reason(), 30)),
                        "b", n(d.size()))));
        String update = "ADD #all :one, #provider :one SET expiresAt = :exp, #slot = if_not_exists(#slot, :detail)";
        UpdateItemResponse r = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(DeliveryItems.partition(clientId), DeliveryItems.minuteSk(minute)))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.UPDATED_NEW)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout)).build());
        // The minute's count so far: the slots below it are taken or being taken.
        long count = Long.parseLong(r.attributes().get("refused").n());
        synchronized (nextSlot) {
            nextSlot.put(remembered, (int) Math.min(Integer.MAX_VALUE, Math.max(slot + 1, count)));
        }
    }

    /** What one container counted of one site's minute and has not written yet. */
    private static final class Counted {
        final String clientId;
        final Instant minute;
        final Map<String, Long> byProvider = new HashMap<>();
        long lastWriteNanos;
        boolean written;

        Counted(String clientId, Instant minute) {
            this.clientId = clientId;
            this.minute = minute;
        }
    }

    private void countOnly(String clientId, Instant minute, String remembered, String provider) {
        long now = nanoTime.getAsLong();
        List<Counted> due = new ArrayList<>();
        List<Map<String, Long>> dueCounts = new ArrayList<>();
        synchronized (counted) {
            counted.computeIfAbsent(remembered, k -> new Counted(clientId, minute)).byProvider.merge(provider, 1L, Long::sum);
            for (Counted c : counted.values()) {
                if (!c.byProvider.isEmpty() && (!c.written || now - c.lastWriteNanos >= COUNT_EVERY.toNanos())) {
                    due.add(c);
                    dueCounts.add(new HashMap<>(c.byProvider));
                    c.byProvider.clear();
                    c.written = true;
                    c.lastWriteNanos = now;
                }
            }
            // A minute with nothing left to write and whose interval is over is forgotten.
            counted.values().removeIf(c -> c.byProvider.isEmpty() && now - c.lastWriteNanos >= COUNT_EVERY.toNanos()
                    && c.minute.isBefore(minute));
        }
        for (int i = 0; i < due.size(); i++) {
            addCounts(due.get(i), dueCounts.get(i));
        }
    }

    private void addCounts(Counted c, Map<String, Long> byProvider) {
        Map<String, String> names = new HashMap<>(Map.of("#all", "refused"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":exp", n(DeliveryItems.expiresAt(c.minute.plus(Duration.ofMinutes(1))))));
        StringBuilder update = new StringBuilder("ADD #all :all");
        long all = 0;
        int i = 0;
        for (Map.Entry<String, Long> e : byProvider.entrySet()) {
            names.put("#p" + i, "refused_" + e.getKey());
            values.put(":p" + i, n(e.getValue()));
            update.append(", #p").append(i).append(" :p").append(i);
            all += e.getValue();
            i++;
        }
        values.put(":all", n(all));
        update.append(" SET expiresAt = :exp");
        db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(DeliveryItems.partition(c.clientId), DeliveryItems.minuteSk(c.minute)))
                .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout)).build());
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
