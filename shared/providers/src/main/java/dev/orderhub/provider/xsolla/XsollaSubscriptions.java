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
import java.util.Optional;

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
        NormalizedRecord record = record(data(p, sub, id, amount), p.test(), now);
        Map<String, String> attributes = p.userId() == null ? Map.of() : Map.of("xsolla.user_id", p.userId());
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, eventId, XsollaProvider.ID, clientId, "subscription-" + id,
                kind, amount, new PaymentEvent.Buyer(text(p.user(), "name"), text(p.user(), "email")), null,
                List.of(), "subscription", p.test(), now.toString(), now.toString(), attributes, "application/json", raw,
                List.of(record));
    }

    /**
     * A subscription as the merchant API lists it ({@code GET /merchant/v2/merchants/{merchant_id}/subscriptions},
     * see {@link XsollaSync}): the same record a notification writes, with the API's own status
     * and no notification type. {@code user.id}, {@code plan.id}, {@code product.id} and
     * {@code charge_amount} + {@code currency} are the API's names for what notifications call
     * {@code user.id}, {@code plan_id}, {@code product_id} and {@code amount} + {@code currency}.
     *
     * @return empty for an object without an id
     */
    static Optional<NormalizedRecord> listed(JsonNode sub, Instant now) {
        String id = text(sub, "id");
        if (id == null) {
            return Optional.empty();
        }
        ObjectNode d = common(id, text(sub.path("plan"), "id"), text(sub.path("product"), "id"),
                text(sub.path("user"), "id"), text(sub, "status"), sub,
                XsollaPayload.money(sub.path("charge_amount"), text(sub, "currency")));
        d.putNull("notification_type");
        // The list says nothing about sandbox; subscriptions the API lists are taken as live.
        return Optional.of(record(d, false, now));
    }

    /**
     * The one record both paths write. {@code sourceUpdated} is when the hub learnt this state
     * (callback accepted or page listed), so whichever came last wins and an older one never
     * replaces it.
     */
    private static NormalizedRecord record(ObjectNode data, boolean test, Instant now) {
        String created = XsollaPayload.instant(text(data, "date_create"));
        return new NormalizedRecord(RECORD_TYPE, data.get("subscription_id").asText(), RECORD_SCHEMA_VERSION,
                XsollaProvider.ID, now.toString(), created != null ? created : now.toString(), test, data);
    }

    /** The fields notifications and the list share, as {@code schemas/xsolla_subscription.v1.json} describes them. */
    private static ObjectNode common(String id, String planId, String productId, String userId, String status,
            JsonNode dates, Money amount) {
        ObjectNode d = Json.object();
        d.put("subscription_id", id);
        d.put("plan_id", planId);
        d.put("product_id", productId);
        d.put("user_id", userId);
        d.put("status", status);
        d.put("date_create", text(dates, "date_create"));
        d.put("date_next_charge", text(dates, "date_next_charge"));
        d.put("date_end", text(dates, "date_end"));
        if (amount != null) {
            d.putObject("amount").put("minor", amount.minor()).put("currency", amount.currency());
        } else {
            d.putNull("amount");
        }
        return d;
    }

    /** The record's {@code data} from a notification. */
    private static ObjectNode data(XsollaPayload p, JsonNode sub, String id, Money amount) {
        ObjectNode d = common(id, text(sub, "plan_id"), text(sub, "product_id"), p.userId(), STATUS.get(p.type()), sub,
                amount);
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
