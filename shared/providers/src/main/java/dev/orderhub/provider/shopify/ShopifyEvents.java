package dev.orderhub.provider.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.CallbackRejection;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify payloads as payment events. Every event of one Shopify order has the order's id as
 * its orderRef. Ids exceed 2^53, so they are read as JSON integers' exact text, never as
 * doubles; amounts are decimal strings.
 *
 * <p>Amounts are in the <em>shop</em> currency ({@code total_price} with {@code currency}), not
 * the buyer's presentment currency ({@code presentment_currency}, {@code *_set.presentment_money}):
 * that is the currency the seller is paid and refunds are booked in, so an order's amount and
 * its refunds add up in one currency.
 */
final class ShopifyEvents {
    private static final Pattern ORDER_GID = Pattern.compile("gid://shopify/Order/(\\d{1,30})");

    private ShopifyEvents() {}

    /** orders/*: the payload is the whole order. */
    static PaymentEvent order(JsonNode order, ShopifyDelivery d, EventKind kind) {
        String orderRef = requiredId(order, "id");
        Money amount = null;
        if (Json.text(order, "total_price") != null || Json.text(order, "currency") != null) {
            amount = money(Json.text(order, "total_price"), Json.text(order, "currency"), "total_price");
        }
        JsonNode customer = order.path("customer");
        String name = join(Json.text(customer, "first_name"), Json.text(customer, "last_name"));
        String email = first(Json.text(order, "email"), Json.text(order, "contact_email"), Json.text(customer, "email"));
        List<String> items = new ArrayList<>();
        for (JsonNode line : order.path("line_items")) {
            String title = Json.text(line, "title");
            if (title != null) {
                String qty = Json.text(line, "quantity");
                items.add(qty == null ? title : title + " x" + qty);
            }
        }
        Map<String, String> attributes = attributes(d);
        String orderName = Json.text(order, "name");
        if (orderName != null) {
            attributes.put("shopify.order_name", orderName);
        }
        return event(d, orderRef, kind, amount, new PaymentEvent.Buyer(name, email), Json.text(order, "note"), items,
                order.path("test").asBoolean(false), instant(d, order, "updated_at", "created_at"), attributes);
    }

    /**
     * refunds/create: REFUNDED by the sum of the refund's successful refund transactions. Its
     * event id is the refund's own id, not the delivery's: refunds are summed, so the same refund
     * must count once however it reaches the hub (a retry, a second subscription to the topic).
     */
    static Optional<PaymentEvent> refund(JsonNode refund, ShopifyDelivery d) {
        String orderRef = requiredId(refund, "order_id");
        String refundId = requiredId(refund, "id");
        String shopCurrency = shopCurrency(refund);
        Money sum = null;
        boolean test = false;
        for (JsonNode t : refund.path("transactions")) {
            if (!"refund".equals(Json.text(t, "kind")) || !"success".equals(Json.text(t, "status"))) {
                continue;
            }
            JsonNode shopMoney = t.path("amount_set").path("shop_money");
            Money m = shopMoney.isObject()
                    ? money(Json.text(shopMoney, "amount"), Json.text(shopMoney, "currency_code"), "transactions.amount_set")
                    : money(Json.text(t, "amount"), first(Json.text(t, "currency"), shopCurrency), "transactions.amount");
            try {
                sum = sum == null ? m : sum.plus(m);
            } catch (IllegalArgumentException e) {
                throw CallbackRejection.badRequest("refund transactions in several currencies");
            }
            test |= t.path("test").asBoolean(false);
        }
        if (sum == null || sum.minor() == 0) {
            return Optional.empty(); // e.g. a restock without money back
        }
        Map<String, String> attributes = attributes(d);
        PaymentEvent e = event(d, orderRef, EventKind.REFUNDED, sum, null, Json.text(refund, "note"), List.of(),
                test, instant(d, refund, "processed_at", "created_at"), attributes);
        return Optional.of(withEventId(e, "refund:" + refundId));
    }

    /** orders/risk_assessment_changed: the order's risk level, newest assessment winning. */
    static Optional<PaymentEvent> risk(JsonNode risk, ShopifyDelivery d) {
        String orderRef = id(risk, "order_id");
        if (orderRef == null) {
            Matcher m = ORDER_GID.matcher(String.valueOf(Json.text(risk, "admin_graphql_api_order_id")));
            orderRef = m.matches() ? m.group(1) : null;
        }
        if (orderRef == null) {
            return Optional.empty(); // Shopify's test delivery names no order
        }
        String level = Json.text(risk, "risk_level");
        if (level == null || !level.matches("[A-Za-z_]{1,20}")) {
            throw CallbackRejection.badRequest("risk_level is missing or malformed");
        }
        Map<String, String> attributes = attributes(d);
        attributes.put("shopify.risk_level", level.toLowerCase(java.util.Locale.ROOT));
        String provider = Json.text(risk, "provider_title");
        if (provider != null) {
            attributes.put("shopify.risk_provider", provider.length() > 100 ? provider.substring(0, 100) : provider);
        }
        return Optional.of(event(d, orderRef, EventKind.RISK_ASSESSED, null, null, null, List.of(), false,
                instant(d, risk, "created_at"), attributes));
    }

    private static PaymentEvent event(ShopifyDelivery d, String orderRef, EventKind kind, Money amount,
            PaymentEvent.Buyer buyer, String message, List<String> items, boolean test, String occurredAt,
            Map<String, String> attributes) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, d.deliveryId(), ShopifyProvider.ID, d.clientId(), orderRef,
                kind, amount, buyer, message, items, "order", test, occurredAt, d.now().toString(), attributes,
                "application/json", d.raw(), List.of());
    }

    private static PaymentEvent withEventId(PaymentEvent e, String eventId) {
        return new PaymentEvent(e.schemaVersion(), eventId, e.provider(), e.clientId(), e.orderRef(), e.kind(), e.amount(),
                e.buyer(), e.message(), e.items(), e.category(), e.test(), e.occurredAt(), e.receivedAt(), e.attributes(),
                e.rawContentType(), e.raw(), e.records());
    }

    private static Map<String, String> attributes(ShopifyDelivery d) {
        Map<String, String> attributes = new HashMap<>();
        if (d.shopDomain() != null) {
            attributes.put("shopify.shop_domain", d.shopDomain());
        }
        return attributes;
    }

    /** The shop currency a refund names somewhere (its transactions may carry none). */
    private static String shopCurrency(JsonNode refund) {
        String c = Json.text(refund.path("total_duties_set").path("shop_money"), "currency_code");
        for (JsonNode line : refund.path("refund_line_items")) {
            if (c != null) {
                break;
            }
            c = Json.text(line.path("subtotal_set").path("shop_money"), "currency_code");
        }
        return c;
    }

    private static Money money(String amount, String currency, String field) {
        if (amount == null || currency == null) {
            throw CallbackRejection.badRequest(field + " or its currency is missing");
        }
        try {
            Money m = Money.parse(amount, currency);
            if (m.minor() < 0) {
                throw CallbackRejection.badRequest(field + " is negative");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest(field + ": " + e.getMessage());
        }
    }

    /** An id as exact text: a JSON integer (never through double) or a string of digits. */
    private static String id(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() || (v.isTextual() && v.asText().matches("\\d{1,30}"))) {
            return v.asText();
        }
        throw CallbackRejection.badRequest(field + " is not an id");
    }

    private static String requiredId(JsonNode json, String field) {
        String id = id(json, field);
        if (id == null) {
            throw CallbackRejection.badRequest("field '" + field + "' is missing");
        }
        return id;
    }

    /** The first present timestamp field as an ISO instant; the hub's clock when none is given. */
    private static String instant(ShopifyDelivery d, JsonNode json, String... fields) {
        for (String f : fields) {
            String v = Json.text(json, f);
            if (v != null) {
                try {
                    return OffsetDateTime.parse(v).toInstant().toString();
                } catch (DateTimeParseException e) {
                    throw CallbackRejection.badRequest(f + " is not an ISO-8601 date-time");
                }
            }
        }
        return d.now().toString();
    }

    private static String join(String first, String last) {
        String s = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return s.isEmpty() ? null : s;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
