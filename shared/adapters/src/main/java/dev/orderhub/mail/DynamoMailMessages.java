package dev.orderhub.mail;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.OrderPointers;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The e-mails the hub sent about orders, one item per e-mail, keyed by SES message id
 * ({@code pk = MAILMSG#<messageId>, sk = #MAIL}) so that a bounce or complaint SES reports later
 * finds the order it was about, and listed on that order through index gsi2
 * ({@code gsi2pk = SITE#<clientId>#ORDERMAILS#<orderId>, gsi2sk = <sentAt>#<messageId>}): what the
 * order detail shows (kind, template, locale, the masked recipient, the run that sent it, and the
 * bounce or complaint reported for it). One write per e-mail; kept with the order. Recording the
 * same message id again keeps its first {@code sentAt} and its place in the list.
 *
 * <p>E-mails recorded before this had two items: the message id's, kept 30 days (an expired one
 * the table has not yet deleted counts as absent), and an entry in the order's partition
 * ({@code sk = MAIL#<sentAt>#<messageId>}, see {@link OrderPointers}) that holds their bounce or
 * complaint and that the order still lists.
 */
public final class DynamoMailMessages implements MailMessages {
    private static final String SK = Keys.MAIL_MESSAGE_SK;
    private static final String POINTER = Keys.orderMailPrefix();

    private final DynamoDbClient db;
    private final String table;
    private final OrderPointers pointers;
    private final Clock clock;

    public DynamoMailMessages(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.pointers = new OrderPointers(db, table);
        this.clock = clock;
    }

    @Override
    public void record(String messageId, Sent sent, Details details) {
        String now = Timestamps.fixed(clock.instant());
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>(Map.of("#t", "type"));
        values.put(":type", s("mailMessage"));
        values.put(":m", s(messageId));
        values.put(":c", s(sent.clientId()));
        values.put(":o", s(sent.orderId()));
        values.put(":k", s(sent.kind()));
        values.put(":now", s(now));
        values.put(":list", s(orderMailsPartition(sent.clientId(), sent.orderId())));
        values.put(":at", s(Keys.listed(now, messageId)));
        StringBuilder set = new StringBuilder("SET #t = :type, messageId = :m, clientId = :c, orderId = :o, kind = :k, "
                + "sentAt = if_not_exists(sentAt, :now), gsi2pk = :list, gsi2sk = if_not_exists(gsi2sk, :at)");
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("template", details.template());
        shown.put("locale", details.locale());
        shown.put("to", details.to() == null ? null : JsonLog.maskEmail(details.to()));
        shown.put("runId", details.runId());
        shown.forEach((name, value) -> {
            if (value != null) {
                names.put("#" + name, name); // "to" is a reserved word
                values.put(":" + name, s(value));
                set.append(", #").append(name).append(" = :").append(name);
            }
        });
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(pk(messageId), SK))
                .updateExpression(set + " REMOVE expiresAt") // kept with the order, as its list of e-mails is
                .expressionAttributeNames(names).expressionAttributeValues(values).build());
    }

    static String orderMailsPartition(String clientId, String orderId) {
        return Keys.orderMails(clientId, orderId);
    }

    /**
     * Records a bounce or complaint on the order's entry for the e-mail (an entry written before
     * e-mails were listed on orders has no {@code sentAt} and is left alone) and says which order
     * the e-mail was about. Repeating it writes the same value again.
     */
    @Override
    public Optional<Sent> recordDelivery(MailEvent e) {
        Optional<Map<String, AttributeValue>> found = findItem(e.messageId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sent sent = sent(found.get());
        String sentAt = Attrs.str(found.get(), "sentAt");
        if (found.get().containsKey("gsi2pk")) {
            // Listed through the index: the item itself carries what the order shows.
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(pk(e.messageId()), SK))
                    .updateExpression("SET #k = :v")
                    .expressionAttributeNames(Map.of("#k", e.kind() == MailEvent.Kind.BOUNCE ? "bounce" : "complaint"))
                    .expressionAttributeValues(Map.of(":v", Attrs.map(Map.of("type", e.type(), "at", e.at())))).build());
        } else if (sentAt != null) {
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

    /**
     * The order's e-mails, newest first, as the admin API shows them: those listed on the order
     * (index gsi2) and the entries e-mails recorded before that have in the order's partition.
     */
    public OrderPointers.Shown forOrder(String clientId, String orderId) {
        int limit = OrderPointers.SHOWN;
        List<Map<String, AttributeValue>> listed = db.query(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s(orderMailsPartition(clientId, orderId))))
                .scanIndexForward(false).limit(limit + 1).build()).items();
        OrderPointers.Newest entries = pointers.newest(clientId, orderId, POINTER, limit);
        Map<String, Map<String, AttributeValue>> byMessage = new LinkedHashMap<>();
        listed.forEach(i -> byMessage.put(Attrs.str(i, "messageId"), i));
        // An older entry of the same e-mail (recorded again since) holds any bounce reported before.
        entries.items().forEach(i -> byMessage.merge(Attrs.str(i, "messageId"), i,
                (indexed, entry) -> entry.containsKey("bounce") || entry.containsKey("complaint") ? entry : indexed));
        List<Map<String, AttributeValue>> newest = byMessage.values().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> Attrs.str(i, "sentAt") + "#"
                        + Attrs.str(i, "messageId")).reversed()).toList();
        boolean more = entries.more() || listed.size() > limit || newest.size() > limit;
        return new OrderPointers.Newest(newest.subList(0, Math.min(limit, newest.size())), more).shown(DynamoMailMessages::view);
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
        if (item == null || item.isEmpty() || Attrs.num(item, "expiresAt", Long.MAX_VALUE) <= clock.instant().getEpochSecond()) {
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
