package dev.orderhub.provider.xsolla;

import static dev.orderhub.provider.xsolla.XsollaPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Xsolla's purchase notifications ({@code payment}, {@code order_paid}, {@code order_canceled},
 * {@code refund}, {@code partial_refund}) as payment events.
 *
 * <p><b>Which order an event lands on ({@code orderRef}).</b> The Xsolla transaction (invoice) id
 * when the payload has one, else {@code order-<Xsolla order id>}. The transaction id is the key
 * every money webhook of one purchase shares in both webhook variants: {@code payment} and
 * {@code refund} carry {@code transaction.id}; the separate {@code order_paid}/{@code order_canceled}
 * carry it as {@code order.invoice_id}; the combined ones carry the payment's {@code transaction}.
 * The order id alone would not do: a separate-variant {@code payment} has no order object unless
 * the project turned on "Add order object to webhook". Only orders without a transaction (free
 * orders) fall back to the order id, and are prefixed so the two id spaces cannot collide.
 *
 * <p><b>Event id.</b> {@code <notification_type>:<orderRef>}: Xsolla's idempotency key is the
 * transaction id ("a repeat must return the previous result"), so a redelivery has the same id
 * and each kind of notification about one purchase has its own. A purchase can be refunded in
 * part more than once, so {@code partial_refund} adds the first 16 hex digits of the body's
 * SHA-256: a redelivery (same body) is the same event, another partial refund is a new one.
 */
final class XsollaPurchases {
    private XsollaPurchases() {}

    static PaymentEvent normalize(XsollaPayload p, EventKind kind, String raw, String clientId, Instant now) {
        String type = p.type();
        String orderRef = orderRef(p);
        String eventId = type + ":" + orderRef;
        if (XsollaTypes.PARTIAL_REFUND.equals(type)) {
            eventId += ":" + Signatures.sha256Hex(raw).substring(0, 16);
        }
        Money amount = kind == EventKind.REFUNDED ? refundedAmount(p) : purchaseAmount(p);
        String occurredAt = p.paidAt() != null ? p.paidAt() : now.toString();
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, eventId, XsollaProvider.ID, clientId, orderRef, kind, amount,
                new PaymentEvent.Buyer(text(p.user(), "name"), text(p.user(), "email")), null, items(p), category(p),
                p.test(), occurredAt, now.toString(), attributes(p), "application/json", raw, List.of());
    }

    static String orderRef(XsollaPayload p) {
        String transaction = p.transactionId();
        if (transaction != null) {
            return transaction;
        }
        String order = p.orderId();
        if (order != null) {
            return "order-" + order;
        }
        throw XsollaProvider.unreadable(p.type() + " has neither a transaction id nor an order id");
    }

    /**
     * What the purchase costs: the order's amount when it is in real money, else the payment's
     * {@code purchase.total}, {@code purchase.checkout}, then what the user paid
     * ({@code payment_details.payment}, which includes fees and taxes). Null when none is money.
     */
    static Money purchaseAmount(XsollaPayload p) {
        JsonNode order = p.order();
        if (!"virtual".equals(text(order, "currency_type"))) {
            Money fromOrder = XsollaPayload.money(order);
            if (fromOrder != null) {
                return fromOrder;
            }
        }
        for (JsonNode candidate : List.of(p.purchase().path("total"), p.purchase().path("checkout"),
                p.paymentDetails().path("payment"))) {
            Money m = XsollaPayload.money(candidate);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * A {@code refund} is of the whole purchase (null) unless it states an amount in
     * {@code refund_details}; a {@code partial_refund} always has one: {@code refund_details}'s,
     * else its {@code payment_details.payment} (the partial refund's own payment details).
     */
    static Money refundedAmount(XsollaPayload p) {
        Money stated = XsollaPayload.money(p.json().path("refund_details"));
        if (stated != null || !XsollaTypes.PARTIAL_REFUND.equals(p.type())) {
            return stated;
        }
        Money paid = XsollaPayload.money(p.paymentDetails().path("payment"));
        if (paid == null) {
            throw XsollaProvider.unreadable("partial_refund states no refunded amount");
        }
        return paid;
    }

    private static List<String> items(XsollaPayload p) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : p.json().path("items")) {
            add(items, text(item, "sku"), text(item, "quantity"));
        }
        JsonNode purchase = p.purchase();
        for (JsonNode item : purchase.path("virtual_items").path("items")) {
            add(items, text(item, "sku"), text(item, "amount"));
        }
        add(items, text(purchase.path("virtual_currency"), "name"), text(purchase.path("virtual_currency"), "quantity"));
        String plan = text(purchase.path("subscription"), "plan_id");
        if (plan != null) {
            items.add("subscription " + plan);
        }
        return items;
    }

    private static void add(List<String> items, String what, String quantity) {
        if (what != null) {
            items.add(quantity == null ? what : what + " x" + quantity);
        }
    }

    /** The kind of purchase: an in-game store order, or what the payment bought. */
    private static String category(XsollaPayload p) {
        if (p.order().isObject()) {
            return "order";
        }
        for (String part : List.of("subscription", "virtual_items", "virtual_currency", "checkout", "pin_codes")) {
            if (p.purchase().path(part).isObject()) {
                return part;
            }
        }
        return "payment";
    }

    private static Map<String, String> attributes(XsollaPayload p) {
        Map<String, String> a = new HashMap<>();
        put(a, "xsolla.transaction_id", p.transactionId());
        put(a, "xsolla.order_id", p.orderId());
        put(a, "xsolla.user_id", p.userId());
        put(a, "xsolla.external_id", text(p.transaction(), "external_id"));
        put(a, "xsolla.project_id", text(p.json().path("settings"), "project_id"));
        put(a, "xsolla.payment_method", text(p.transaction(), "payment_method"));
        put(a, "xsolla.refund_reason", text(p.json().path("refund_details"), "reason"));
        return a;
    }

    private static void put(Map<String, String> a, String key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }
}
