package dev.orderhub.provider.xsolla;

import static dev.orderhub.provider.xsolla.XsollaPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.record.NormalizedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Xsolla's subscription notifications as SUBSCRIPTION_* events, each carrying the subscription
 * as a {@code subscription} record of provider {@code xsolla} (schema:
 * {@code schemas/xsolla_subscription.v1.json}). They change no order: the charges of a
 * subscription arrive as {@code payment} notifications and become orders of their own.
 *
 * <p><b>Event id.</b> {@code <notification_type>:<subscription_id>:<16 hex of SHA-256 of the
 * subscription object>}. Xsolla sends no id or timestamp per change, and an
 * {@code update_subscription} arrives for every change of one subscription; the subscription
 * object is what changes (plan, {@code date_next_charge}, …), so a redelivery has the same id and
 * a new change a new one.
 *
 * <p><b>Newer wins.</b> The payloads carry no change time either, so the record's
 * {@code sourceUpdated} is the time the hub accepted the callback. Xsolla resends only deliveries
 * that failed, so a late resend of an older change can replace a newer one; the raw notifications
 * are kept with the events.
 */
final class XsollaSubscriptions {
    static final String RECORD_TYPE = "subscription";
    static final int RECORD_SCHEMA_VERSION = 1;

    private static final Map<String, String> STATUS = Map.of(
            XsollaTypes.CREATE_SUBSCRIPTION, "active",
            XsollaTypes.UPDATE_SUBSCRIPTION, "active",
            XsollaTypes.NON_RENEWAL_SUBSCRIPTION, "non_renewing",
            XsollaTypes.CANCEL_SUBSCRIPTION, "canceled");

    private XsollaSubscriptions() {}

    static PaymentEvent normalize(XsollaPayload p, EventKind kind, String raw, String clientId, Instant now) {
        JsonNode sub = p.json().path("subscription");
        String id = text(sub, "subscription_id");
        if (id == null) {
            throw XsollaProvider.unreadable(p.type() + " has no subscription.subscription_id");
        }
        String eventId = p.type() + ":" + id + ":" + Signatures.sha256Hex(Json.write(sub)).substring(0, 16);
        Money amount = XsollaPayload.money(sub);
        ObjectNode data = data(p, sub, id, amount);
        String created = XsollaPayload.instant(text(sub, "date_create"));
        NormalizedRecord record = new NormalizedRecord(RECORD_TYPE, id, RECORD_SCHEMA_VERSION, XsollaProvider.ID,
                now.toString(), created != null ? created : now.toString(), p.test(), data);
        Map<String, String> attributes = p.userId() == null ? Map.of() : Map.of("xsolla.user_id", p.userId());
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, eventId, XsollaProvider.ID, clientId, "subscription-" + id,
                kind, amount, new PaymentEvent.Buyer(text(p.user(), "name"), text(p.user(), "email")), null,
                List.of(), "subscription", p.test(), now.toString(), now.toString(), attributes, "application/json", raw,
                List.of(record));
    }

    /** The record's {@code data}, as {@code schemas/xsolla_subscription.v1.json} describes it. */
    private static ObjectNode data(XsollaPayload p, JsonNode sub, String id, Money amount) {
        ObjectNode d = Json.object();
        d.put("subscription_id", id);
        d.put("plan_id", text(sub, "plan_id"));
        d.put("product_id", text(sub, "product_id"));
        d.put("user_id", p.userId());
        d.put("status", STATUS.get(p.type()));
        d.put("date_create", text(sub, "date_create"));
        d.put("date_next_charge", text(sub, "date_next_charge"));
        d.put("date_end", text(sub, "date_end"));
        if (amount != null) {
            d.putObject("amount").put("minor", amount.minor()).put("currency", amount.currency());
        } else {
            d.putNull("amount");
        }
        JsonNode trial = sub.path("trial");
        if (trial.isObject()) {
            d.set("trial", trial.deepCopy());
        }
        if (sub.path("is_gift").isBoolean()) {
            d.put("is_gift", sub.get("is_gift").asBoolean());
        }
        d.put("notification_type", p.type());
        return d;
    }
}
