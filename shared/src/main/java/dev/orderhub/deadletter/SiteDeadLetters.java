package dev.orderhub.deadletter;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A site's dead letters, as the consumers record them when a message fails
 * ({@code pk = SITE#<clientId>#DEADLETTERS, sk = <messageId>}): so that a site's admins list their
 * own dead letters with one Query, and never receive messages of the dead-letter queues, which
 * every site shares (a receive hides the message from everyone for a while and counts against it).
 * Only the deployment's operator scans the queues themselves.
 *
 * <p>Every failed attempt replaces the entry; a message is listed once it failed
 * {@link #MAX_RECEIVES} times, when SQS moves it to the dead-letter queue. A re-drive or discard
 * removes the entry; otherwise it expires with the queue's retention (14 days). A message that
 * reached the queue without a recorded failure (its function timed out or crashed) is in the
 * operator's list only.
 */
public final class SiteDeadLetters {
    /** The queues' maxReceiveCount (template.yaml RedrivePolicy; TemplateTest keeps them equal). */
    public static final int MAX_RECEIVES = 5;
    private static final int MAX_LISTED = 1000;
    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public SiteDeadLetters(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    static String partition(String clientId) {
        return "SITE#" + clientId + "#DEADLETTERS";
    }

    /** Records the latest failure of a message that names its site. */
    void record(DeadLetters.DeadLetter d) {
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
        item.put("error", s(d.error()));
        item.put("attempts", n(d.attempts()));
        item.put("lastFailedAt", s(d.lastFailedAt()));
        item.put("expiresAt", n(clock.instant().getEpochSecond() + FailureLog.KEEP_SECONDS));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    /** The site's messages that failed often enough to be in a dead-letter queue (at most 1,000), oldest failure first. */
    public List<DeadLetters.DeadLetter> list(String clientId) {
        List<DeadLetters.DeadLetter> out = new ArrayList<>();
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
                if (Attrs.num(i, "attempts", 0) >= MAX_RECEIVES && Attrs.num(i, "expiresAt", Long.MAX_VALUE) >= now
                        && out.size() < MAX_LISTED) {
                    out.add(new DeadLetters.DeadLetter(Attrs.str(i, "queue"), Attrs.str(i, "messageId"), clientId,
                            Attrs.str(i, "provider"), Attrs.str(i, "eventId"), Attrs.str(i, "kind"), Attrs.str(i, "receivedAt"),
                            Attrs.str(i, "workflowId"), Attrs.str(i, "orderId"), Attrs.str(i, "error"),
                            (int) Attrs.num(i, "attempts", 0), Attrs.str(i, "lastFailedAt")));
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() && out.size() < MAX_LISTED ? r.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort((a, b) -> String.valueOf(a.lastFailedAt()).compareTo(String.valueOf(b.lastFailedAt())));
        return out;
    }

    /** The message left its dead-letter queue (re-driven or discarded). */
    public void remove(String clientId, String messageId) {
        db.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(partition(clientId), messageId)).build());
    }
}
