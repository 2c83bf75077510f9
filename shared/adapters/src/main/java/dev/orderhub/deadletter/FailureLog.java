package dev.orderhub.deadletter;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Why each queued message failed, so that the dead-letter list can say it: SQS keeps the
 * message but not the error. One item per message ({@code pk = FAILURE#<messageId>}), replaced
 * on every failed attempt, kept as long as SQS keeps dead letters (14 days); and, for a message
 * that names its site, the site's entry in {@link SiteDeadLetters} (with the message's body),
 * which the site's list, re-drive and discard read.
 */
public final class FailureLog {
    static final long KEEP_SECONDS = 14L * 24 * 3600;
    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    private final SiteDeadLetters sites;

    public FailureLog(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.sites = new SiteDeadLetters(db, table, clock);
    }

    public record Failure(String messageId, String error, int attempts, String lastFailedAt) {}

    /** @param queue {@link DeadLetters#PAYMENT_EVENTS} or {@link DeadLetters#WORKFLOW_RUNS}: the queue {@code m} came from */
    public void record(String queue, SQSEvent.SQSMessage m, RuntimeException error) {
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.failure(m.getMessageId()), Keys.FAILURE_SK));
        item.put("type", s("failure"));
        item.put("messageId", s(m.getMessageId()));
        String message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        String text = message.length() > 500 ? message.substring(0, 500) : message;
        item.put("error", s(text));
        String count = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        int attempts = count == null ? 1 : Integer.parseInt(count);
        item.put("attempts", n(attempts));
        String now = clock.instant().toString();
        item.put("lastFailedAt", s(now));
        item.put("expiresAt", n(clock.instant().getEpochSecond() + KEEP_SECONDS));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        DeadLetters.DeadLetter d = DeadLetters.describe(queue, m.getMessageId(), m.getBody(),
                new Failure(m.getMessageId(), text, attempts, now));
        if (DeadLetters.ofASite(d)) {
            sites.record(d, m.getBody()); // the body too: a site's re-drive sends it from there, never receiving from the queue
        }
    }

    /** Keeps, in the site's partition, who discarded which event and why. */
    public void recordDiscard(String clientId, DeadLetters.DeadLetter d, String keyId, String reason) {
        String now = clock.instant().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.site(clientId == null ? "-" : clientId),
                Keys.discard(now, d.messageId())));
        item.put("type", s("discard"));
        item.put("messageId", s(d.messageId()));
        item.put("queue", s(d.queue()));
        if (d.eventId() != null) {
            item.put("eventId", s(d.eventId()));
        }
        item.put("by", s(keyId));
        item.put("reason", s(reason));
        item.put("at", s(now));
        item.put("error", s(d.error()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    public Optional<Failure> find(String messageId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(Keys.failure(messageId), Keys.FAILURE_SK)).build()).item();
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", Long.MAX_VALUE) < clock.instant().getEpochSecond()) {
            return Optional.empty(); // past its expiry: absent, whether or not TTL removed it yet
        }
        return Optional.of(new Failure(messageId, Attrs.str(item, "error"), (int) Attrs.num(item, "attempts", 0),
                Attrs.str(item, "lastFailedAt")));
    }
}
