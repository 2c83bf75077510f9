package dev.orderhub.mail;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.OrderPointers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The e-mails the hub sent about orders, in two items per e-mail:
 * <ul>
 *   <li>by SES message id ({@code pk = MAILMSG#<messageId>, sk = #MAIL}): which order it was about
 *       and when it was first recorded, so that a bounce or complaint SES reports later can be
 *       recorded on that order. Kept 30 days (SES reports within days); an expired item the
 *       table has not yet deleted counts as absent.</li>
 *   <li>in the order's partition ({@code sk = MAIL#<sentAt>#<messageId>}, see {@link OrderPointers}):
 *       what the order detail lists: kind, template, locale, the masked recipient and the
 *       bounce or complaint reported for it. Kept with the order.</li>
 * </ul>
 * Recording the same message id again keeps its first {@code sentAt}, so it finds the same
 * order item and never lists the e-mail twice.
 */
public final class MailMessages {
    static final Duration KEEP = Duration.ofDays(30);
    private static final String SK = Keys.MAIL_MESSAGE_SK;
    private static final String POINTER = Keys.orderMailPrefix();
    /** Kinds of e-mail, as stored and shown. */
    public static final String AUTO_REPLY = "auto-reply";
    public static final String MANUAL_REPLY = "manual-reply";
    public static final String WORKFLOW_BUYER = "workflow-buyer";
    public static final String WORKFLOW_STAFF = "workflow-staff";

    private final DynamoDbClient db;
    private final String table;
    private final OrderPointers pointers;
    private final Clock clock;

    public MailMessages(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.pointers = new OrderPointers(db, table);
        this.clock = clock;
    }

    /** What an e-mail was about; kind: one of the kinds above. */
    public record Sent(String clientId, String orderId, String kind) {}

    /**
     * What the order detail shows of an e-mail besides its kind.
     *
     * @param template the template's name, or null (a manual reply has none)
     * @param locale   the locale it was rendered in, or null when it has only one
     * @param to       the recipient; only its masked form is stored
     * @param runId    the workflow run that sent it, or null
     */
    public record Details(String template, String locale, String to, String runId) {}

    public void record(String messageId, Sent sent, Details details) {
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", s("mailMessage"));
        values.put(":c", s(sent.clientId()));
        values.put(":o", s(sent.orderId()));
        values.put(":k", s(sent.kind()));
        values.put(":exp", n(now.plus(KEEP).getEpochSecond()));
        values.put(":now", s(Timestamps.fixed(now)));
        Map<String, AttributeValue> stored = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(pk(messageId), SK))
                .updateExpression("SET #t = :type, clientId = :c, orderId = :o, kind = :k, expiresAt = :exp, "
                        + "sentAt = if_not_exists(sentAt, :now)")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW).build()).attributes();
        String sentAt = Attrs.str(stored, "sentAt");

        Map<String, AttributeValue> item = new HashMap<>(OrderPointers.key(sent.clientId(), sent.orderId(), POINTER, sentAt, messageId));
        item.put("type", s("orderMail"));
        item.put("messageId", s(messageId));
        item.put("kind", s(sent.kind()));
        item.put("sentAt", s(sentAt));
        Attrs.putIfPresent(item, "template", details.template());
        Attrs.putIfPresent(item, "locale", details.locale());
        Attrs.putIfPresent(item, "to", JsonLog.maskEmail(details.to()));
        Attrs.putIfPresent(item, "runId", details.runId());
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build());
        } catch (ConditionalCheckFailedException recordedBefore) {
            // the same e-mail recorded again: its entry (and any bounce on it) stays as it is
        }
    }

    /**
     * Records a bounce or complaint on the order's entry for the e-mail (an entry written before
     * e-mails were listed on orders has no {@code sentAt} and is left alone) and says which order
     * the e-mail was about. Repeating it writes the same value again.
     */
    public Optional<Sent> recordDelivery(MailEvent e) {
        Optional<Map<String, AttributeValue>> found = findItem(e.messageId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sent sent = sent(found.get());
        String sentAt = Attrs.str(found.get(), "sentAt");
        if (sentAt != null) {
            try {
                db.updateItem(UpdateItemRequest.builder().tableName(table)
                        .key(OrderPointers.key(sent.clientId(), sent.orderId(), POINTER, sentAt, e.messageId()))
                        .updateExpression("SET #k = :v").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#k", e.kind() == MailEvent.Kind.BOUNCE ? "bounce" : "complaint"))
                        .expressionAttributeValues(Map.of(":v", Attrs.map(Map.of("type", e.type(), "at", e.at())))).build());
            } catch (ConditionalCheckFailedException noEntry) {
                // the order's entry was never written (the process stopped in between): nothing to mark
            }
        }
        return Optional.of(sent);
    }

    /** The order's e-mails, newest first, as the admin API shows them. */
    public OrderPointers.Shown forOrder(String clientId, String orderId) {
        return pointers.newest(clientId, orderId, POINTER, OrderPointers.SHOWN).shown(MailMessages::view);
    }

    private static Map<String, Object> view(Map<String, AttributeValue> i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("messageId", Attrs.str(i, "messageId"));
        v.put("kind", Attrs.str(i, "kind"));
        v.put("template", Attrs.str(i, "template"));
        v.put("locale", Attrs.str(i, "locale"));
        v.put("to", Attrs.str(i, "to"));
        v.put("runId", Attrs.str(i, "runId"));
        v.put("sentAt", Attrs.str(i, "sentAt"));
        Map<String, String> bounce = Attrs.strMap(i, "bounce");
        Map<String, String> complaint = Attrs.strMap(i, "complaint");
        v.put("delivery", !complaint.isEmpty() ? "complained" : !bounce.isEmpty() ? "bounced" : "sent");
        v.put("bounce", bounce.isEmpty() ? null : bounce);
        v.put("complaint", complaint.isEmpty() ? null : complaint);
        return v;
    }

    private Optional<Map<String, AttributeValue>> findItem(String messageId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(messageId), SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", 0) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item);
    }

    private static Sent sent(Map<String, AttributeValue> item) {
        return new Sent(Attrs.str(item, "clientId"), Attrs.str(item, "orderId"), Attrs.str(item, "kind"));
    }

    private static String pk(String messageId) {
        return Keys.mailMessage(messageId);
    }
}
