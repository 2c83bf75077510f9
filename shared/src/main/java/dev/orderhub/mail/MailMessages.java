package dev.orderhub.mail;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Which order an e-mail the hub sent was about, by SES message id
 * ({@code pk = MAILMSG#<messageId>, sk = #MAIL}), so that a bounce or complaint SES reports later
 * can be recorded on that order. Kept 30 days (SES reports within days); an expired item the
 * table has not yet deleted counts as absent.
 */
public final class MailMessages {
    static final Duration KEEP = Duration.ofDays(30);
    private static final String SK = "#MAIL";
    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public MailMessages(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /** What an e-mail was about; kind: autoReply, manualReply, workflow. */
    public record Sent(String clientId, String orderId, String kind) {}

    public void record(String messageId, Sent sent) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(messageId), SK));
        item.put("type", s("mailMessage"));
        item.put("clientId", s(sent.clientId()));
        item.put("orderId", s(sent.orderId()));
        item.put("kind", s(sent.kind()));
        item.put("expiresAt", n(clock.instant().plus(KEEP).getEpochSecond()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    public Optional<Sent> find(String messageId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(messageId), SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", 0) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Sent(Attrs.str(item, "clientId"), Attrs.str(item, "orderId"), Attrs.str(item, "kind")));
    }

    private static String pk(String messageId) {
        return "MAILMSG#" + messageId;
    }
}
