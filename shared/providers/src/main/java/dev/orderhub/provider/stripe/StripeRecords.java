package dev.orderhub.provider.stripe;

import static dev.orderhub.provider.stripe.StripeJson.bool;
import static dev.orderhub.provider.stripe.StripeJson.currency;
import static dev.orderhub.provider.stripe.StripeJson.id;
import static dev.orderhub.provider.stripe.StripeJson.instant;
import static dev.orderhub.provider.stripe.StripeJson.integer;
import static dev.orderhub.provider.stripe.StripeJson.metadata;
import static dev.orderhub.provider.stripe.StripeJson.object;
import static dev.orderhub.provider.stripe.StripeJson.put;
import static dev.orderhub.provider.stripe.StripeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.record.NormalizedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe objects in the hub's declared record schemas ({@code schemas/<type>.v1.json}): charge,
 * refund, subscription, customer, price and balance transaction. Every property of a schema is
 * always written (null when Stripe left it out), amounts stay integer minor units, currencies
 * are upper-case ISO 4217 and times ISO-8601. An object that lacks what its schema requires
 * (e.g. a charge without an amount) is not a record and is skipped.
 */
final class StripeRecords {
    static final int SCHEMA_VERSION = 1;
    /** Nesting deeper than this is not Stripe's; stops a hostile body from exhausting the stack. */
    private static final int MAX_DEPTH = 32;

    private StripeRecords() {}

    /**
     * Every object of a recorded type anywhere in the event's object, once each: the charge
     * itself, the charges inside a payment intent, the refunds inside a charge, the prices inside
     * a subscription's items, a balance transaction when expanded, and so on.
     *
     * @param asOf the event's time, the object's "last changed" for newer-wins storage
     * @param deletedType the record type the event says was deleted (customer.deleted), or null
     */
    static List<NormalizedRecord> collect(JsonNode root, String asOf, boolean test, String deletedType) {
        Map<String, NormalizedRecord> found = new LinkedHashMap<>();
        walk(root, asOf, test, deletedType, found, 0);
        return new ArrayList<>(found.values());
    }

    private static void walk(JsonNode node, String asOf, boolean test, String deletedType,
            Map<String, NormalizedRecord> found, int depth) {
        if (node == null || depth > MAX_DEPTH || !node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            boolean deleted = depth == 0 && deletedType != null && deletedType.equals(text(node, "object"));
            of(node, asOf, test, deleted).ifPresent(r -> found.putIfAbsent(r.type() + "/" + r.id(), r));
        }
        for (JsonNode child : node) {
            walk(child, asOf, test, deletedType, found, depth + 1);
        }
    }

    /** The record for one Stripe object, if it is of a recorded type and complete enough. */
    static Optional<NormalizedRecord> of(JsonNode o, String asOf, boolean test, boolean deleted) {
        String type = text(o, "object");
        String id = text(o, "id");
        if (type == null || id == null || id.isBlank()) {
            return Optional.empty();
        }
        ObjectNode data = switch (type) {
            case "charge" -> charge(o);
            case "refund" -> refund(o);
            case "subscription" -> subscription(o);
            case "customer" -> customer(o, deleted);
            case "price" -> price(o);
            case "balance_transaction" -> balanceTransaction(o);
            default -> null;
        };
        if (data == null) {
            return Optional.empty();
        }
        return Optional.of(new NormalizedRecord(type, id, SCHEMA_VERSION, StripeProvider.ID, asOf,
                data.get("created").asText(), test, data));
    }

    private static ObjectNode charge(JsonNode c) {
        if (!has(c, "amount", "currency", "status", "created")) {
            return null;
        }
        ObjectNode d = base(c);
        put(d, "amount", integer(c, "amount"));
        put(d, "amount_captured", integer(c, "amount_captured"));
        put(d, "amount_refunded", integer(c, "amount_refunded"));
        put(d, "currency", currency(c, "currency"));
        put(d, "status", text(c, "status"));
        put(d, "paid", bool(c, "paid"));
        put(d, "captured", bool(c, "captured"));
        put(d, "refunded", bool(c, "refunded"));
        put(d, "disputed", bool(c, "disputed"));
        put(d, "customer", id(c, "customer"));
        put(d, "payment_intent", id(c, "payment_intent"));
        put(d, "invoice", id(c, "invoice"));
        put(d, "balance_transaction", id(c, "balance_transaction"));
        put(d, "description", text(c, "description"));
        JsonNode billing = object(c, "billing_details");
        put(d, "billing_name", text(billing, "name"));
        put(d, "billing_email", text(billing, "email"));
        put(d, "receipt_email", text(c, "receipt_email"));
        JsonNode outcome = object(c, "outcome");
        put(d, "risk_level", text(outcome, "risk_level"));
        put(d, "risk_score", integer(outcome, "risk_score"));
        put(d, "outcome_type", text(outcome, "type"));
        put(d, "network_status", text(outcome, "network_status"));
        put(d, "failure_code", text(c, "failure_code"));
        put(d, "failure_message", text(c, "failure_message"));
        JsonNode method = object(c, "payment_method_details");
        String methodType = text(method, "type");
        put(d, "payment_method_type", methodType);
        JsonNode card = "card".equals(methodType) ? object(method, "card") : null;
        put(d, "card_brand", text(card, "brand"));
        put(d, "card_last4", text(card, "last4"));
        put(d, "card_country", text(card, "country"));
        d.set("metadata", metadata(c));
        return d;
    }

    private static ObjectNode refund(JsonNode r) {
        if (!has(r, "amount", "currency", "status", "created")) {
            return null;
        }
        ObjectNode d = base(r);
        put(d, "amount", integer(r, "amount"));
        put(d, "currency", currency(r, "currency"));
        put(d, "status", text(r, "status"));
        put(d, "charge", id(r, "charge"));
        put(d, "payment_intent", id(r, "payment_intent"));
        put(d, "reason", text(r, "reason"));
        put(d, "failure_reason", text(r, "failure_reason"));
        put(d, "balance_transaction", id(r, "balance_transaction"));
        put(d, "receipt_number", text(r, "receipt_number"));
        d.set("metadata", metadata(r));
        return d;
    }

    private static ObjectNode subscription(JsonNode s) {
        if (!has(s, "customer", "status", "created")) {
            return null;
        }
        ObjectNode d = base(s);
        put(d, "customer", id(s, "customer"));
        put(d, "status", text(s, "status"));
        put(d, "currency", currency(s, "currency"));
        put(d, "start_date", instant(s, "start_date"));
        put(d, "current_period_start", instant(s, "current_period_start"));
        put(d, "current_period_end", instant(s, "current_period_end"));
        put(d, "cancel_at", instant(s, "cancel_at"));
        put(d, "cancel_at_period_end", bool(s, "cancel_at_period_end"));
        put(d, "canceled_at", instant(s, "canceled_at"));
        put(d, "ended_at", instant(s, "ended_at"));
        put(d, "trial_start", instant(s, "trial_start"));
        put(d, "trial_end", instant(s, "trial_end"));
        put(d, "latest_invoice", id(s, "latest_invoice"));
        put(d, "collection_method", text(s, "collection_method"));
        ArrayNode items = d.putArray("items");
        JsonNode data = StripeJson.listData(s, "items");
        if (data != null) {
            for (JsonNode item : data) {
                JsonNode price = object(item, "price");
                JsonNode recurring = object(price, "recurring");
                ObjectNode i = items.addObject();
                put(i, "id", text(item, "id"));
                put(i, "price", id(item, "price"));
                put(i, "product", id(price, "product"));
                put(i, "quantity", integer(item, "quantity"));
                put(i, "unit_amount", integer(price, "unit_amount"));
                put(i, "currency", currency(price, "currency"));
                put(i, "interval", text(recurring, "interval"));
                put(i, "interval_count", integer(recurring, "interval_count"));
            }
        }
        d.set("metadata", metadata(s));
        return d;
    }

    private static ObjectNode customer(JsonNode c, boolean deleted) {
        if (!has(c, "created")) {
            return null;
        }
        ObjectNode d = base(c);
        put(d, "name", text(c, "name"));
        put(d, "email", text(c, "email"));
        put(d, "phone", text(c, "phone"));
        put(d, "description", text(c, "description"));
        put(d, "currency", currency(c, "currency"));
        put(d, "balance", integer(c, "balance"));
        put(d, "delinquent", bool(c, "delinquent"));
        put(d, "address_country", text(object(c, "address"), "country"));
        d.put("deleted", deleted || Boolean.TRUE.equals(bool(c, "deleted")));
        d.set("metadata", metadata(c));
        return d;
    }

    private static ObjectNode price(JsonNode p) {
        if (!has(p, "currency", "active", "type", "created")) {
            return null;
        }
        ObjectNode d = base(p);
        put(d, "product", id(p, "product"));
        put(d, "active", bool(p, "active"));
        put(d, "currency", currency(p, "currency"));
        put(d, "unit_amount", integer(p, "unit_amount"));
        put(d, "unit_amount_decimal", text(p, "unit_amount_decimal"));
        put(d, "type", text(p, "type"));
        put(d, "billing_scheme", text(p, "billing_scheme"));
        JsonNode recurring = object(p, "recurring");
        put(d, "recurring_interval", text(recurring, "interval"));
        put(d, "recurring_interval_count", integer(recurring, "interval_count"));
        put(d, "nickname", text(p, "nickname"));
        put(d, "lookup_key", text(p, "lookup_key"));
        put(d, "tax_behavior", text(p, "tax_behavior"));
        d.set("metadata", metadata(p));
        return d;
    }

    private static ObjectNode balanceTransaction(JsonNode t) {
        if (!has(t, "amount", "currency", "type", "status", "created")) {
            return null;
        }
        ObjectNode d = base(t);
        put(d, "amount", integer(t, "amount"));
        put(d, "fee", integer(t, "fee"));
        put(d, "net", integer(t, "net"));
        put(d, "currency", currency(t, "currency"));
        put(d, "type", text(t, "type"));
        put(d, "reporting_category", text(t, "reporting_category"));
        put(d, "status", text(t, "status"));
        put(d, "source", id(t, "source"));
        put(d, "description", text(t, "description"));
        // A decimal rate; kept as text so that no floating-point rounding creeps in.
        JsonNode rate = t.get("exchange_rate");
        put(d, "exchange_rate", rate == null || rate.isNull() ? null : rate.asText());
        put(d, "available_on", instant(t, "available_on"));
        ArrayNode fees = d.putArray("fee_details");
        JsonNode details = t.get("fee_details");
        if (details != null && details.isArray()) {
            for (JsonNode f : details) {
                ObjectNode fee = fees.addObject();
                put(fee, "amount", integer(f, "amount"));
                put(fee, "currency", currency(f, "currency"));
                put(fee, "type", text(f, "type"));
                put(fee, "description", text(f, "description"));
            }
        }
        return d;
    }

    private static ObjectNode base(JsonNode o) {
        ObjectNode d = Json.object();
        d.put("id", text(o, "id"));
        d.put("created", instant(o, "created"));
        return d;
    }

    /** Whether every field is present and non-null, integers and times included. */
    private static boolean has(JsonNode o, String... fields) {
        for (String f : fields) {
            JsonNode v = o.get(f);
            if (v == null || v.isNull()) {
                return false;
            }
            boolean numeric = f.equals("amount") || f.equals("created");
            if (numeric && !(v.isIntegralNumber() && v.canConvertToLong())) {
                return false;
            }
        }
        return true;
    }
}
