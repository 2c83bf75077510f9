package dev.orderhub.provider.xsolla;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reading one Xsolla notification. Xsolla sends the same facts in different places depending on
 * the webhook and on the project's setup, so each accessor knows every place:
 * <ul>
 *   <li>{@code payment} / {@code refund}: {@code transaction}, {@code purchase}, {@code payment_details}
 *       at the top, and an {@code order} object when "Add order object to webhook" is on;</li>
 *   <li>{@code order_paid} / {@code order_canceled}, separate variant (projects registered up to
 *       2025-01-22): {@code items}, {@code order} (with {@code invoice_id}, the Xsolla transaction
 *       id) and {@code user} only;</li>
 *   <li>the combined variant (projects registered later): the same plus the payment's data, either
 *       at the top or inside a {@code billing} object that has the payment webhook's shape.</li>
 * </ul>
 * Amounts are read from the JSON text, never through a double: the body is parsed with
 * big-decimal floats for this reader only.
 */
final class XsollaPayload {
    private static final ObjectReader EXACT = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode json;

    private XsollaPayload(JsonNode json) {
        this.json = json;
    }

    /** The notification, or IllegalArgumentException when the body is not a JSON object. */
    static XsollaPayload parse(byte[] body) {
        JsonNode node;
        try {
            node = EXACT.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        return new XsollaPayload(node);
    }

    JsonNode json() {
        return json;
    }

    String type() {
        return text(json, "notification_type");
    }

    /** The payment's part: the top level, or the combined order_paid's {@code billing} object. */
    private JsonNode billing() {
        JsonNode billing = json.path("billing");
        return billing.isObject() ? billing : json;
    }

    JsonNode transaction() {
        JsonNode t = json.path("transaction");
        return t.isObject() ? t : billing().path("transaction");
    }

    JsonNode purchase() {
        JsonNode p = json.path("purchase");
        return p.isObject() ? p : billing().path("purchase");
    }

    JsonNode paymentDetails() {
        JsonNode p = json.path("payment_details");
        return p.isObject() ? p : billing().path("payment_details");
    }

    JsonNode order() {
        return json.path("order");
    }

    JsonNode user() {
        return json.path("user");
    }

    /** Xsolla's transaction (invoice) id: the transaction object's id, else the order's invoice_id. */
    String transactionId() {
        String id = text(transaction(), "id");
        return id != null ? id : text(order(), "invoice_id");
    }

    String orderId() {
        return text(order(), "id");
    }

    String userId() {
        String id = text(user(), "id");
        return id != null ? id : text(user(), "external_id");
    }

    /** Test deliveries: {@code transaction.dry_run = 1}, or an order paid in sandbox mode. */
    boolean test() {
        return "1".equals(text(transaction(), "dry_run")) || "sandbox".equals(text(order(), "mode"));
    }

    /** When the payment happened, as an ISO-8601 instant; null when the payload does not say. */
    String paidAt() {
        String date = text(transaction(), "payment_date");
        return instant(date != null ? date : text(transaction(), "date"));
    }

    /**
     * An {@code {"amount", "currency"}} object as exact money; null when absent, not a decimal, or
     * not in an ISO 4217 currency (virtual-currency orders name an SKU instead).
     */
    static Money money(JsonNode node) {
        return money(node.path("amount"), text(node, "currency"));
    }

    static Money money(JsonNode amount, String currency) {
        if (currency == null || amount.isMissingNode() || amount.isNull()) {
            return null;
        }
        String decimal = amount.isNumber() ? amount.decimalValue().toPlainString() : amount.asText();
        try {
            return Money.parse(decimal, currency);
        } catch (IllegalArgumentException notMoney) {
            return null;
        }
    }

    /** ISO-8601 with offset (Xsolla's "2014-09-24T20:38:16+04:00") as a UTC instant; null if absent or unreadable. */
    static String instant(String date) {
        if (date == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(date).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(date).toString();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static String text(JsonNode node, String field) {
        String v = Json.text(node == null ? MissingNode.getInstance() : node, field);
        return v == null || v.isBlank() ? null : v;
    }
}
