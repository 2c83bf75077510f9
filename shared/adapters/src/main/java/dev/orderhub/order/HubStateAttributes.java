package dev.orderhub.order;

import dev.orderhub.db.Attrs;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hub's own state of an order as attributes of the order item, beside the providers'
 * {@code attributes} map: {@code tags} (a list, sorted), {@code risk} and {@code mailError} (maps).
 * An item stored before these were attributes of their own kept them as strings in the providers'
 * map ({@code hub.tags}, {@code hub.risk.*}, {@code hub.mail.*}); such an item is read into the
 * fields, and its next write stores the fields (the strings are dropped with the rest of the hub's
 * namespace, see {@link Order#attributes()}).
 */
final class HubStateAttributes {
    private static final String LEGACY_TAGS = "hub.tags";
    private static final String LEGACY_MAIL_ERROR = "hub.mail.lastError";
    private static final String LEGACY_BOUNCE = "hub.mail.bounce";
    private static final String LEGACY_COMPLAINT = "hub.mail.complaint";

    private HubStateAttributes() {}

    static void put(Map<String, AttributeValue> item, Order o) {
        if (!o.tags().isEmpty()) {
            item.put("tags", Attrs.list(List.copyOf(o.tags())));
        }
        RiskAssessment r = o.risk();
        if (r != null) {
            Map<String, AttributeValue> risk = new HashMap<>();
            risk.put("level", Attrs.s(r.level().wire()));
            risk.put("score", Attrs.n(r.score()));
            risk.put("reasons", Attrs.list(r.reasons()));
            Attrs.putIfPresent(risk, "id", r.id());
            Attrs.putIfPresent(risk, "analyzedAt", r.analyzedAt());
            item.put("risk", AttributeValue.fromM(risk));
        }
        Order.MailError e = o.mailError();
        if (e != null) {
            Map<String, AttributeValue> error = new HashMap<>();
            Attrs.putIfPresent(error, "kind", e.kind());
            Attrs.putIfPresent(error, "reason", e.reason());
            Attrs.putIfPresent(error, "at", e.at());
            item.put("mailError", AttributeValue.fromM(error));
        }
    }

    /** The tags: the item's list (or a string set, as some older items have), else the legacy attribute. */
    static SortedSet<String> tags(Map<String, AttributeValue> item, Map<String, String> attributes) {
        AttributeValue t = item.get("tags");
        if (t != null && t.hasSs()) {
            return new TreeSet<>(t.ss());
        }
        if (t != null && t.hasL()) {
            return new TreeSet<>(Attrs.strList(item, "tags"));
        }
        SortedSet<String> out = new TreeSet<>();
        String joined = attributes.get(LEGACY_TAGS);
        if (joined != null) {
            for (String tag : joined.split(",")) {
                if (!tag.isBlank()) {
                    out.add(tag.trim());
                }
            }
        }
        return out;
    }

    static RiskAssessment risk(Map<String, AttributeValue> item, Map<String, String> attributes) {
        AttributeValue r = item.get("risk");
        if (r == null || !r.hasM()) {
            return RiskAssessment.fromLegacyAttributes(attributes);
        }
        Map<String, AttributeValue> m = r.m();
        RiskLevel level = RiskLevel.fromWire(Attrs.str(m, "level"));
        return level == null ? null : new RiskAssessment(level, (int) Attrs.num(m, "score", 0), Attrs.strList(m, "reasons"),
                Attrs.str(m, "id"), Attrs.str(m, "analyzedAt"));
    }

    static Order.MailError mailError(Map<String, AttributeValue> item, Map<String, String> attributes) {
        AttributeValue e = item.get("mailError");
        if (e != null && e.hasM()) {
            Map<String, AttributeValue> m = e.m();
            return new Order.MailError(Attrs.str(m, "kind"), Attrs.str(m, "reason"), Attrs.str(m, "at"));
        }
        List<Order.MailError> legacy = new ArrayList<>();
        String lastError = attributes.get(LEGACY_MAIL_ERROR); // "<at> <action key>: <why>"
        if (lastError != null) {
            int space = lastError.indexOf(' ');
            legacy.add(space < 0 ? new Order.MailError(Order.MailError.SEND, lastError, null)
                    : new Order.MailError(Order.MailError.SEND, lastError.substring(space + 1), lastError.substring(0, space)));
        }
        legacy.add(typeAt(Order.MailError.BOUNCE, attributes.get(LEGACY_BOUNCE)));
        legacy.add(typeAt(Order.MailError.COMPLAINT, attributes.get(LEGACY_COMPLAINT)));
        Order.MailError latest = null;
        for (Order.MailError m : legacy) {
            latest = Order.MailError.latest(latest, m);
        }
        return latest;
    }

    /** A legacy bounce or complaint attribute, "{@code <type>:<at>}". */
    private static Order.MailError typeAt(String kind, String value) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        return colon < 0 ? new Order.MailError(kind, value, null)
                : new Order.MailError(kind, value.substring(0, colon), value.substring(colon + 1));
    }
}
