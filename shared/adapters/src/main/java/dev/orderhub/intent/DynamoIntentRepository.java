package dev.orderhub.intent;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import dev.orderhub.db.Keys;
import dev.orderhub.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Payment intents in the hub's table.
 * <ul>
 *   <li>intent: {@code pk = INTENT#<clientId>#<intentId>, sk = #INTENT}; while open it is in
 *       index {@code gsi1} under {@code SITE#<clientId>#INTENTS#OPEN / <createdAt>#<intentId>},
 *       which is what e-mail + amount matching queries;</li>
 *   <li>reference: {@code pk = INTENTREF#<clientId>#<reference>, sk = #REF} → intentId, written
 *       first and only if absent (or expired), which makes references unique per site;</li>
 *   <li>buyer status access: {@code pk = STATUS#<intentId>, sk = #STATUS} → clientId and the
 *       SHA-256 of the status token (the token itself is never stored).</li>
 * </ul>
 * Items carry {@code expiresAt} (epoch seconds, the table's TTL attribute); the code treats an
 * item past it as absent, because TTL deletion is lazy on AWS and absent in the local stand-in.
 */
public final class DynamoIntentRepository implements IntentRepository {
    private static final String INTENT_SK = Keys.INTENT_SK;
    private static final int REFERENCE_TRIES = 8;
    /** How long after an intent's expiry its buyer may still read the status of a matched order. */
    public static final Duration STATUS_GRACE = Duration.ofDays(30);
    private final DynamoDbClient db;
    private final String table;

    public DynamoIntentRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    private static String intentPk(String clientId, String intentId) {
        return Keys.intent(clientId, intentId);
    }

    private static String referencePk(String clientId, String reference) {
        return Keys.intentReference(clientId, reference);
    }

    private static String openPartition(String clientId) {
        return Keys.openIntents(clientId);
    }

    /** Stores a new open intent under a reference no other live intent of the site holds. */
    @Override
    public Intent create(String clientId, Draft d, String tokenHash, Instant now, Duration ttl) {
        return create(clientId, "in_" + Ids.random(20), d, tokenHash, now, ttl);
    }

    /** The same under a given id (local mode's demo intent, whose id the sample events name). */
    @Override
    public Intent create(String clientId, String intentId, Draft d, String tokenHash, Instant now, Duration ttl) {
        long expiresAt = now.plus(ttl).getEpochSecond();
        String reference = reserveReference(clientId, intentId, now, expiresAt);
        Intent intent = new Intent(clientId, intentId, reference, d.buyerName(), d.buyerEmail(), d.amount(),
                d.provider(), d.item(), d.note(), Intent.timestamp(now), expiresAt, Intent.State.OPEN, null, null, null, d.test());

        Map<String, AttributeValue> access = new HashMap<>(key(Keys.buyerStatus(intentId), Keys.STATUS_SK));
        access.put("type", s("statusAccess"));
        access.put("clientId", s(clientId));
        access.put("intentId", s(intentId));
        access.put("tokenHash", s(tokenHash));
        access.put("expiresAt", n(expiresAt + STATUS_GRACE.toSeconds()));
        db.putItem(PutItemRequest.builder().tableName(table).item(access).build());
        db.putItem(PutItemRequest.builder().tableName(table).item(toItem(intent)).build());
        return intent;
    }

    private String reserveReference(String clientId, String intentId, Instant now, long expiresAt) {
        for (int i = 0; i < REFERENCE_TRIES; i++) {
            String reference = References.generate();
            Map<String, AttributeValue> item = new HashMap<>(key(referencePk(clientId, reference), Keys.REFERENCE_SK));
            item.put("type", s("intentRef"));
            item.put("intentId", s(intentId));
            item.put("expiresAt", n(expiresAt));
            try {
                db.putItem(PutItemRequest.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build());
                return reference;
            } catch (ConditionalCheckFailedException taken) {
                // another live intent of this site holds it; draw again
            }
        }
        throw new IllegalStateException("no free reference after " + REFERENCE_TRIES + " tries");
    }

    /** The intent, or empty when unknown or open past its expiry. */
    @Override
    public Optional<Intent> find(String clientId, String intentId, Instant now) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(intentPk(clientId, intentId), INTENT_SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Intent intent = toIntent(item);
        return intent.state() == Intent.State.OPEN && !intent.openAt(now) ? Optional.empty() : Optional.of(intent);
    }

    /** The live intent holding this reference, matched or open. */
    @Override
    public Optional<Intent> findByReference(String clientId, String reference, Instant now) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(referencePk(clientId, reference), Keys.REFERENCE_SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", 0) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return find(clientId, Attrs.str(item, "intentId"), now);
    }

    /** Open, unexpired intents of the site created in [from, to], oldest first. */
    @Override
    public List<Intent> openCreatedBetween(String clientId, Instant from, Instant to, Instant now) {
        return openCreatedBetween(clientId, from, to, now, Integer.MAX_VALUE).intents();
    }

    /** As {@link #openCreatedBetween(String, Instant, Instant, Instant)}, reading no more than {@code max} index items. */
    @Override
    public Slice openCreatedBetween(String clientId, Instant from, Instant to, Instant now, int max) {
        return openCreatedBetween(clientId, Intent.timestamp(from), Keys.listedBound(Intent.timestamp(to)), now, max, true);
    }

    /**
     * The open intents created before {@code before} (not at it) back to {@code from}, newest first,
     * reading no more than {@code max} index items: the closest ones to a range already read.
     */
    @Override
    public Slice openCreatedBefore(String clientId, Instant from, Instant before, Instant now, int max) {
        // "<createdAt>#<intentId>" sorts after "<createdAt>", so the bound excludes intents created at {@code before}
        return openCreatedBetween(clientId, Intent.timestamp(from), Intent.timestamp(before), now, max, false);
    }

    /** The open intents created after {@code after} (not at it) up to {@code to}, oldest first, reading no more than {@code max}. */
    @Override
    public Slice openCreatedAfter(String clientId, Instant after, Instant to, Instant now, int max) {
        return openCreatedBetween(clientId, Keys.listedBound(Intent.timestamp(after)), Keys.listedBound(Intent.timestamp(to)), now, max, true);
    }

    /**
     * The window and the intents around it in one Query when they are few (the usual case, and
     * always for a site with no open intent): newest first from the window's end (from now, for a
     * late payment) back to {@code spanFrom}, one page of {@code sideMax} items. When that page
     * reaches the window, it holds every intent after the window; when it also ends below the
     * window's start, it holds the whole window and the closest intents before it, so the
     * explanation of an order without a candidate needs no read of its own, or one that continues
     * the page up to {@code sideMax} items before the window. A window that fills the rest of the
     * page is read to its start on its own (the page's last intent once more) and the span before
     * it when asked for, as {@link #openCreatedBefore} does; a page filled by intents after the
     * window is left for the reads of the default ({@link OpenIntents#openInWindow}). Never more
     * index items are read than the window's and {@code sideMax} on each side (plus one page).
     */
    @Override
    public Window openInWindow(String clientId, Instant from, Instant to, Instant spanFrom, Instant now, int sideMax) {
        if (fullWindows.contains(clientId)) {
            // This site's window filled the page last time: read it on its own (one request), as the default does.
            Window w = IntentRepository.super.openInWindow(clientId, from, to, spanFrom, now, sideMax);
            if (w.inWindow().size() < sideMax) {
                fullWindows.remove(clientId);
            }
            return w;
        }
        String windowStart = Intent.timestamp(from);
        String windowEnd = Keys.listedBound(Intent.timestamp(to));
        String spanStart = Intent.timestamp(spanFrom);
        boolean late = now.isAfter(to);
        String top = late ? Keys.listedBound(Intent.timestamp(now)) : windowEnd;
        int pageSize = Math.max(1, Math.min(1000, sideMax));
        QueryResponse page = db.query(openIndexQuery(clientId, spanStart, top, false).limit(pageSize).build());
        List<Intent> afterNewestFirst = new ArrayList<>();
        List<Intent> windowNewestFirst = new ArrayList<>();
        List<Intent> before = new ArrayList<>();
        String lastSortKey = null;
        for (Map<String, AttributeValue> item : page.items()) {
            lastSortKey = Attrs.str(item, "gsi1sk");
            Intent intent = toIntent(item);
            (lastSortKey.compareTo(windowEnd) > 0 ? afterNewestFirst
                    : lastSortKey.compareTo(windowStart) >= 0 ? windowNewestFirst : before).add(intent);
        }
        Map<String, AttributeValue> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey() : null;
        if (next != null && windowNewestFirst.isEmpty() && before.isEmpty()) {
            return IntentRepository.super.openInWindow(clientId, from, to, spanFrom, now, sideMax); // the page never reached the window
        }
        // Every intent after the window was on the page (fewer than sideMax): complete.
        List<Intent> after = new ArrayList<>();
        addOldestFirst(after, afterNewestFirst, now);
        Slice afterSlice = new Slice(after, true);
        List<Intent> window = new ArrayList<>();
        if (next != null && before.isEmpty()) {
            // The window filled the rest of the page: the rest of it (up to the page's last intent, read again and dropped).
            rememberFullWindow(clientId);
            String last = windowNewestFirst.get(windowNewestFirst.size() - 1).intentId();
            openCreatedBetween(clientId, windowStart, lastSortKey, now, Integer.MAX_VALUE, true).intents().stream()
                    .filter(i -> !i.intentId().equals(last)).forEach(window::add);
            addOldestFirst(window, windowNewestFirst, now);
            return new Window(window, () -> openCreatedBefore(clientId, spanFrom, from, now, sideMax), () -> afterSlice);
        }
        addOldestFirst(window, windowNewestFirst, now);
        int beforeRead = before.size();
        List<Intent> openBefore = new ArrayList<>(before.stream().filter(i -> i.openAt(now)).toList());
        if (next == null || beforeRead >= sideMax) {
            Slice slice = new Slice(openBefore, next == null);
            return new Window(window, () -> slice, () -> afterSlice);
        }
        Map<String, AttributeValue> continueAt = next;
        return new Window(window, () -> {
            Map<String, AttributeValue> start = continueAt;
            int read = beforeRead;
            while (start != null && read < sideMax) {
                QueryResponse r = db.query(openIndexQuery(clientId, spanStart, top, false)
                        .limit(Math.min(1000, sideMax - read)).exclusiveStartKey(start).build());
                read += r.items().size();
                r.items().stream().map(DynamoIntentRepository::toIntent).filter(i -> i.openAt(now)).forEach(openBefore::add);
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            }
            return new Slice(openBefore, start == null);
        }, () -> afterSlice);
    }

    /**
     * Sites whose window held more open intents than a page, last time this container read it: a
     * busy site is read window first, so its matches cost one Query as before and not the page
     * plus the rest of the window. Forgotten when its window gets small again, or all at once
     * when too many are kept.
     */
    private final Set<String> fullWindows = ConcurrentHashMap.newKeySet();
    private static final int FULL_WINDOWS_KEPT = 1000;

    private void rememberFullWindow(String clientId) {
        if (fullWindows.size() >= FULL_WINDOWS_KEPT) {
            fullWindows.clear();
        }
        fullWindows.add(clientId);
    }

    private static void addOldestFirst(List<Intent> to, List<Intent> newestFirst, Instant now) {
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (newestFirst.get(i).openAt(now)) {
                to.add(newestFirst.get(i));
            }
        }
    }

    private QueryRequest.Builder openIndexQuery(String clientId, String fromKey, String toKey, boolean oldestFirst) {
        return QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p AND gsi1sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":p", s(openPartition(clientId)), ":from", s(fromKey), ":to", s(toKey)))
                .scanIndexForward(oldestFirst);
    }

    private Slice openCreatedBetween(String clientId, String fromKey, String toKey, Instant now, int max, boolean oldestFirst) {
        List<Intent> out = new ArrayList<>();
        int read = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = openIndexQuery(clientId, fromKey, toKey, oldestFirst);
            if (max != Integer.MAX_VALUE) {
                q.limit(Math.min(1000, max - read));
            }
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            read += r.items().size();
            r.items().stream().map(DynamoIntentRepository::toIntent).filter(i -> i.openAt(now)).forEach(out::add);
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null && read < max);
        return new Slice(out, start == null);
    }

    /**
     * Links the intent to the order if it is still open and unexpired (or already linked to this
     * very order, so a retried match is a no-op): the condition is what stops two orders taking
     * one intent. The intent leaves the open index and loses its expiry (kept aside, see
     * {@link #release}).
     *
     * @param orderVersion the version of the order the claiming attempt read: a repeat claim by an
     *     attempt that read an older version than the last claim is refused (it is about to lose
     *     its write anyway), so that only the last claimer may {@link #release} it
     * @param expiresAt the open intent's expiry, restored if the claim is released
     */
    @Override
    public boolean claim(String clientId, String intentId, String orderId, String reason, Instant now, long orderVersion,
            long expiresAt) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(intentPk(clientId, intentId), INTENT_SK))
                    .updateExpression("SET #st = :matched, orderId = :order, matchedAt = :at, matchReason = :why,"
                            + " claimVersion = :ver, openExpiresAt = if_not_exists(openExpiresAt, :exp)"
                            + " REMOVE gsi1pk, gsi1sk, expiresAt")
                    .conditionExpression("attribute_exists(pk) AND ((#st = :open AND expiresAt > :now) OR (orderId = :order"
                            + " AND (attribute_not_exists(claimVersion) OR claimVersion <= :ver)))")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(Map.of(":matched", s(Intent.State.MATCHED.name()),
                            ":open", s(Intent.State.OPEN.name()), ":order", s(orderId),
                            ":at", s(Intent.timestamp(now)), ":why", s(reason), ":now", n(now.getEpochSecond()),
                            ":ver", n(orderVersion), ":exp", n(expiresAt)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Reopens an intent claimed for an order whose write then lost its race, unless a later
     * attempt claimed it since (its claim carries a newer order version): an attempt that read a
     * newer version than {@code orderVersion} can only have claimed it after this call, or made
     * the claim this release refuses to undo. False when it was not released.
     */
    @Override
    public boolean release(String clientId, String intentId, String orderId, long orderVersion) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(intentPk(clientId, intentId), INTENT_SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || !item.containsKey("openExpiresAt")) {
            return false;
        }
        Intent i = toIntent(item);
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(intentPk(clientId, intentId), INTENT_SK))
                    .updateExpression("SET #st = :open, gsi1pk = :p, gsi1sk = :sk, expiresAt = openExpiresAt"
                            + " REMOVE orderId, matchedAt, matchReason, claimVersion, openExpiresAt")
                    .conditionExpression("#st = :matched AND orderId = :order AND claimVersion = :ver")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(Map.of(":matched", s(Intent.State.MATCHED.name()),
                            ":open", s(Intent.State.OPEN.name()), ":order", s(orderId), ":ver", n(orderVersion),
                            ":p", s(openPartition(clientId)), ":sk", s(Keys.listed(i.createdAt(), i.intentId()))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException claimedSince) {
            return false;
        }
    }

    @Override
    public Optional<StatusAccess> statusAccess(String intentId, Instant now) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(Keys.buyerStatus(intentId), Keys.STATUS_SK)).build()).item();
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", 0) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new StatusAccess(Attrs.str(item, "clientId"), Attrs.str(item, "intentId"),
                Attrs.str(item, "tokenHash")));
    }

    private static Map<String, AttributeValue> toItem(Intent i) {
        Map<String, AttributeValue> item = new HashMap<>(key(intentPk(i.clientId(), i.intentId()), INTENT_SK));
        item.put("type", s("intent"));
        item.put("gsi1pk", s(openPartition(i.clientId())));
        item.put("gsi1sk", s(Keys.listed(i.createdAt(), i.intentId())));
        item.put("clientId", s(i.clientId()));
        item.put("intentId", s(i.intentId()));
        item.put("reference", s(i.reference()));
        Attrs.putIfPresent(item, "buyerName", i.buyerName());
        item.put("buyerEmail", s(i.buyerEmail()));
        item.put("amountMinor", n(i.amount().minor()));
        item.put("currency", s(i.amount().currency()));
        item.put("provider", s(i.provider()));
        Attrs.putIfPresent(item, "item", i.item());
        Attrs.putIfPresent(item, "note", i.note());
        item.put("createdAt", s(i.createdAt()));
        item.put("expiresAt", n(i.expiresAt()));
        item.put("state", s(i.state().name()));
        if (i.test()) {
            item.put("test", Attrs.bool(true));
        }
        return item;
    }

    private static Intent toIntent(Map<String, AttributeValue> i) {
        return new Intent(Attrs.str(i, "clientId"), Attrs.str(i, "intentId"), Attrs.str(i, "reference"),
                Attrs.str(i, "buyerName"), Attrs.str(i, "buyerEmail"),
                Money.ofMinor(Attrs.num(i, "amountMinor", 0), Attrs.str(i, "currency")), Attrs.str(i, "provider"),
                Attrs.str(i, "item"), Attrs.str(i, "note"), Attrs.str(i, "createdAt"), Attrs.num(i, "expiresAt", 0),
                Intent.State.valueOf(Attrs.str(i, "state")), Attrs.str(i, "orderId"), Attrs.str(i, "matchedAt"),
                Attrs.str(i, "matchReason"), Attrs.bool(i, "test"));
    }
}
