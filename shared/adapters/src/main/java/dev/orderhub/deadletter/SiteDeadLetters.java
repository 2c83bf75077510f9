package dev.orderhub.deadletter;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A site's dead letters, as the consumers record them when a message fails
 * ({@code pk = SITE#<clientId>#DEADLETTERS, sk = <messageId>}): so that a site's admins list,
 * re-drive and discard their own dead letters from this partition alone, and never receive
 * messages of the dead-letter queues, which every site shares (a receive hides the message from
 * everyone for a while and counts against it). Only the deployment's operator scans the queues;
 * the scan deletes the copies whose entry here was re-driven or discarded ({@link #settled}).
 *
 * <p>Every failed attempt replaces the entry, with the message's body and the queue it came from,
 * which is all a re-drive needs. A message is listed once it failed {@link #MAX_RECEIVES} times,
 * when SQS moves it to the dead-letter queue. A re-drive or discard marks the entry (it leaves the
 * list; a discard keeps who, when and why); entries expire with the queue's retention (14 days).
 * A message that reached the queue without a recorded failure (its function timed out or
 * crashed) is the operator's only.
 */
public final class SiteDeadLetters {
    /** The queues' maxReceiveCount (template.yaml RedrivePolicy; TemplateIT keeps them equal). */
    public static final int MAX_RECEIVES = 5;
    private static final int MAX_LISTED = 1000;
    /**
     * How long a re-drive holds an entry while it sends the body: a second re-drive in that time
     * leaves the entry alone, so two concurrent re-drives send once. A re-drive that died between
     * its send and its mark frees the entry when this passes; the entry is then re-driven again,
     * which sends the message twice, harmless since the payment-events function and the runner are idempotent.
     */
    static final long CLAIM_SECONDS = 60;
    static final String REDRIVING = "redriving";
    public static final String REDRIVEN = "redriven";
    public static final String DISCARDED = "discarded";

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public SiteDeadLetters(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    static String partition(String clientId) {
        return Keys.deadLetters(clientId);
    }

    /** Sends a re-driven body to the queue it failed in; false when this deployment has no such queue. */
    @FunctionalInterface
    public interface Sender {
        boolean send(String queue, String body);
    }

    /** What an owner's re-drive did: sent, and listed but not re-drivable from the entry (no body kept, or no queue). */
    public record Redrive(int redriven, int notRedriven) {}

    /**
     * Records the latest failure of a message that names its site, body included: SQS bounds a
     * body to 256 KiB and the other attributes are short (the error is cut at 500 characters), so
     * the entry stays under DynamoDB's 400 KB item limit. An entry already re-driven or discarded
     * is left as it is (a message fails again only under a new message id).
     */
    void record(DeadLetters.DeadLetter d, String body) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(d.clientId()), d.messageId()));
        item.put("type", s("deadLetter"));
        item.put("queue", s(d.queue()));
        item.put("messageId", s(d.messageId()));
        item.put("clientId", s(d.clientId()));
        Attrs.putIfPresent(item, "provider", d.provider());
        Attrs.putIfPresent(item, "eventId", d.eventId());
        Attrs.putIfPresent(item, "kind", d.kind());
        Attrs.putIfPresent(item, "receivedAt", d.receivedAt());
        Attrs.putIfPresent(item, "workflowId", d.workflowId());
        Attrs.putIfPresent(item, "orderId", d.orderId());
        Attrs.putIfPresent(item, "body", body);
        item.put("error", s(d.error()));
        item.put("attempts", n(d.attempts()));
        item.put("lastFailedAt", s(d.lastFailedAt()));
        item.put("expiresAt", n(clock.instant().getEpochSecond() + FailureLog.KEEP_SECONDS));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of("#state", "state")).build());
        } catch (ConditionalCheckFailedException settled) {
            // Re-driven or discarded already: that decision stands.
        }
    }

    /** The site's messages that failed often enough to be in a dead-letter queue (at most 1,000), oldest failure first. */
    public List<DeadLetters.DeadLetter> list(String clientId) {
        return open(clientId).stream().map(Entry::deadLetter).toList();
    }

    /**
     * One of the site's listed dead letters with its body, read from the site's own partition
     * only (a message id of another site names no entry here); empty when the site lists no such
     * message (not dead-lettered yet, expired, re-driven or discarded).
     */
    public Optional<Entry> find(String clientId, String messageId) {
        Map<String, AttributeValue> i = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(partition(clientId), messageId)).consistentRead(true).build()).item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        String state = Attrs.str(i, "state");
        boolean settled = REDRIVEN.equals(state) || DISCARDED.equals(state);
        boolean listed = Attrs.num(i, "attempts", 0) >= MAX_RECEIVES
                && Attrs.num(i, "expiresAt", Long.MAX_VALUE) >= clock.instant().getEpochSecond() && !settled;
        return listed ? Optional.of(entry(clientId, i)) : Optional.empty();
    }

    /**
     * Sends the site's listed dead letters (those named, or all when {@code messageIds} is null)
     * back to their queue from their recorded bodies, and marks each re-driven. The copy left in
     * the dead-letter queue is deleted by the operator's next scan.
     */
    public Redrive redrive(String clientId, Set<String> messageIds, Sender sender, String by) {
        int redriven = 0;
        int notRedriven = 0;
        for (Entry e : open(clientId)) {
            String messageId = e.deadLetter().messageId();
            if (messageIds != null && !messageIds.contains(messageId)) {
                continue;
            }
            if (e.body() == null) { // recorded before entries kept bodies: the operator re-drives it from the queue
                notRedriven++;
                continue;
            }
            long claim = clock.instant().getEpochSecond() + CLAIM_SECONDS;
            if (!claim(clientId, messageId, claim)) {
                continue; // another re-drive is sending it, or it was discarded meanwhile
            }
            boolean sent;
            try {
                sent = sender.send(e.deadLetter().queue(), e.body());
            } catch (RuntimeException sendFailed) {
                release(clientId, messageId, claim);
                throw sendFailed;
            }
            if (!sent) {
                release(clientId, messageId, claim);
                notRedriven++;
                continue;
            }
            markRedriven(clientId, messageId, by);
            redriven++;
        }
        return new Redrive(redriven, notRedriven);
    }

    /** Marks a listed dead letter discarded with who, when and why; returns it, or null when the site lists no such message. */
    public DeadLetters.DeadLetter discard(String clientId, String messageId, String by, String reason) {
        long now = clock.instant().getEpochSecond();
        try {
            Map<String, AttributeValue> item = db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(partition(clientId), messageId))
                    .updateExpression("SET #state = :discarded, discardedBy = :by, discardedAt = :at, discardReason = :reason"
                            + " REMOVE claimExpires")
                    .conditionExpression("attempts >= :max AND expiresAt >= :now AND (attribute_not_exists(#state)"
                            + " OR (#state = :redriving AND claimExpires < :now))")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":discarded", s(DISCARDED), ":by", s(by), ":at", s(clock.instant().toString()),
                            ":reason", s(reason), ":max", n(MAX_RECEIVES), ":now", n(now), ":redriving", s(REDRIVING)))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return entry(clientId, item).deadLetter();
        } catch (ConditionalCheckFailedException notListed) {
            return null; // no such entry, not dead-lettered yet, expired, re-driven or discarded already
        }
    }

    /**
     * The state of a message's entry when a re-drive or discard settled it ({@link #REDRIVEN},
     * {@link #DISCARDED}), for the operator's scan, which then deletes the queue's copy.
     */
    public Optional<String> settled(String clientId, String messageId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(partition(clientId), messageId)).consistentRead(true).build()).item();
        String state = item == null ? null : Attrs.str(item, "state");
        return REDRIVEN.equals(state) || DISCARDED.equals(state) ? Optional.of(state) : Optional.empty();
    }

    /** Marks the message's entry, if it has one, re-driven (also by the operator's re-drive from the queue). */
    public void markRedriven(String clientId, String messageId, String by) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(partition(clientId), messageId))
                    .updateExpression("SET #state = :redriven, redrivenBy = :by, redrivenAt = :at REMOVE claimExpires")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":redriven", s(REDRIVEN), ":by", s(by), ":at", s(clock.instant().toString())))
                    .build());
        } catch (ConditionalCheckFailedException noEntry) {
            // A message whose failure was never recorded (only the operator's scan meets those).
        }
    }

    private boolean claim(String clientId, String messageId, long until) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(partition(clientId), messageId))
                    .updateExpression("SET #state = :redriving, claimExpires = :until")
                    .conditionExpression("attempts >= :max AND (attribute_not_exists(#state)"
                            + " OR (#state = :redriving AND claimExpires < :now))")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":redriving", s(REDRIVING), ":until", n(until), ":max", n(MAX_RECEIVES),
                            ":now", n(clock.instant().getEpochSecond())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Gives back a claim whose send failed, so that the next re-drive tries at once. */
    private void release(String clientId, String messageId, long until) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(partition(clientId), messageId))
                    .updateExpression("REMOVE #state, claimExpires")
                    .conditionExpression("#state = :redriving AND claimExpires = :until")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":redriving", s(REDRIVING), ":until", n(until))).build());
        } catch (ConditionalCheckFailedException notOurs) {
            // Our claim expired and another re-drive holds the entry now.
        }
    }

    /** A dead letter and the message body it failed with (null when recorded before bodies were kept). */
    public record Entry(DeadLetters.DeadLetter deadLetter, String body) {}

    /** The site's entries that are dead letters still: failed {@link #MAX_RECEIVES} times, neither re-driven nor discarded. */
    private List<Entry> open(String clientId) {
        List<Entry> out = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(partition(clientId)))).consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            for (Map<String, AttributeValue> i : r.items()) {
                String state = Attrs.str(i, "state");
                boolean settled = REDRIVEN.equals(state) || DISCARDED.equals(state);
                if (Attrs.num(i, "attempts", 0) >= MAX_RECEIVES && Attrs.num(i, "expiresAt", Long.MAX_VALUE) >= now && !settled
                        && out.size() < MAX_LISTED) {
                    out.add(entry(clientId, i));
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() && out.size() < MAX_LISTED ? r.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort((a, b) -> String.valueOf(a.deadLetter().lastFailedAt()).compareTo(String.valueOf(b.deadLetter().lastFailedAt())));
        return out;
    }

    private static Entry entry(String clientId, Map<String, AttributeValue> i) {
        return new Entry(new DeadLetters.DeadLetter(Attrs.str(i, "queue"), Attrs.str(i, "messageId"), clientId,
                Attrs.str(i, "provider"), Attrs.str(i, "eventId"), Attrs.str(i, "kind"), Attrs.str(i, "receivedAt"),
                Attrs.str(i, "workflowId"), Attrs.str(i, "orderId"), Attrs.str(i, "error"),
                (int) Attrs.num(i, "attempts", 0), Attrs.str(i, "lastFailedAt")), Attrs.str(i, "body"));
    }
}
