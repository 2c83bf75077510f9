package dev.orderhub.provider.stripe;

import static dev.orderhub.provider.stripe.StripeJson.id;
import static dev.orderhub.provider.stripe.StripeJson.integer;
import static dev.orderhub.provider.stripe.StripeJson.listData;
import static dev.orderhub.provider.stripe.StripeJson.object;
import static dev.orderhub.provider.stripe.StripeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.record.NormalizedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one verified Stripe Event into payment events.
 *
 * <p><b>Which order.</b> All events of one purchase must land on one order, whichever object
 * they carry, so orderRef is the PaymentIntent id whenever there is one (a payment intent's own
 * id, a charge's / refund's / dispute's {@code payment_intent}, an invoice's
 * {@code payment_intent}) and otherwise the charge id (or the invoice id for an invoice paid
 * without an intent). payment_intent.succeeded and charge.succeeded of one purchase thus make one
 * order.
 *
 * <p><b>Amounts.</b> An event's amount is what the buyer authorized or paid, never a running figure
 * that is still 0: a charge's {@code amount}, or its {@code amount_captured} when a partial capture took less; an
 * intent's {@code amount_received} / {@code amount_capturable}, else its {@code amount}; an
 * invoice's {@code amount_paid}, else its {@code amount_due}. Whether the money was captured is the
 * event's kind (authorized or succeeded), so refunds are compared with the amount that was paid.
 *
 * <p><b>Refunds.</b> The order lifecycle sums the amounts of distinct REFUNDED events. Stripe's
 * charge.refunded carries the charge's cumulative {@code amount_refunded}, so using it as the
 * amount would count earlier refunds again on every later refund. Instead each refund becomes
 * its own event whose event id is the refund's id (re_…), not the delivery's evt_…: charge.refunded
 * emits one per refund in {@code charge.refunds.data}, and refund.created / charge.refund.updated
 * use the same id, so every path that reports one refund dedupes on the order. Only refunds whose
 * status is succeeded or pending count; a failed or canceled refund returned nothing.
 */
final class StripeNormalizer {
    private static final Set<String> REFUND_COUNTS = Set.of("succeeded", "pending");

    private final JsonNode event;
    private final JsonNode object;
    private final String eventId;
    private final String type;
    private final String raw;
    private final String clientId;
    private final Instant now;
    private final String occurredAt;
    private final boolean test;
    private final List<NormalizedRecord> records;

    private StripeNormalizer(JsonNode event, String raw, String clientId, Instant now) {
        this.event = event;
        this.eventId = required(event, "id");
        this.type = required(event, "type");
        JsonNode data = object(event, "data");
        this.object = object(data, "object");
        if (object == null) {
            throw CallbackRejection.badRequest("data.object is missing");
        }
        Long created = integer(event, "created");
        if (created == null) {
            throw CallbackRejection.badRequest("field 'created' is missing");
        }
        this.occurredAt = Instant.ofEpochSecond(created).toString();
        // Test-mode events (livemode false) are flagged so they never mix with live totals.
        this.test = !Boolean.TRUE.equals(StripeJson.bool(event, "livemode"));
        this.raw = raw;
        this.clientId = clientId;
        this.now = now;
        String deleted = type.endsWith(".deleted") ? text(object, "object") : null;
        this.records = StripeRecords.collect(object, occurredAt, test, deleted);
    }

    static CallbackDecision normalize(JsonNode event, String raw, String clientId, Instant now) {
        return new StripeNormalizer(event, raw, clientId, now).decide();
    }

    private CallbackDecision decide() {
        List<PaymentEvent> events = switch (type) {
            case "charge.succeeded" -> {
                // With manual capture, charge.succeeded reports an authorization (captured=false):
                // the money is only held, the purchase is not paid yet.
                boolean captured = !Boolean.FALSE.equals(StripeJson.bool(expect("charge"), "captured"));
                // Its amount is the whole charge: only a capture call (charge.captured) can take less.
                yield List.of(charge(captured ? EventKind.PAYMENT_SUCCEEDED : EventKind.PAYMENT_AUTHORIZED,
                        money(object, "amount")));
            }
            case "charge.captured" -> List.of(charge(EventKind.PAYMENT_SUCCEEDED, paidOrAuthorized(expect("charge"))));
            case "charge.failed" -> List.of(charge(EventKind.PAYMENT_FAILED, money(expect("charge"), "amount")));
            case "charge.refunded" -> chargeRefunded();
            case "refund.created", "charge.refund.updated" -> refund(expect("refund"));
            case "charge.dispute.created" -> List.of(dispute());
            case "payment_intent.succeeded" -> List.of(paymentIntent(EventKind.PAYMENT_SUCCEEDED, "amount_received"));
            case "payment_intent.payment_failed" -> List.of(paymentIntent(EventKind.PAYMENT_FAILED, "amount"));
            case "payment_intent.canceled" -> List.of(paymentIntent(EventKind.PAYMENT_CANCELED, "amount"));
            case "payment_intent.amount_capturable_updated" ->
                    List.of(paymentIntent(EventKind.PAYMENT_AUTHORIZED, "amount_capturable"));
            case "invoice.paid" -> List.of(invoice(EventKind.PAYMENT_SUCCEEDED, "amount_paid"));
            case "invoice.payment_failed" -> List.of(invoice(EventKind.PAYMENT_FAILED, "amount_due"));
            default -> otherType();
        };
        if (events == null) {
            return CallbackDecision.ignore("stripe event type not handled: " + loggable(type));
        }
        if (events.isEmpty()) {
            // Nothing for an order (e.g. only failed refunds), but the objects are still kept.
            events = List.of(record(eventId));
        }
        return CallbackDecision.enqueue(withRecordsOnFirst(events));
    }

    /** Subscriptions, customers, prices and balance transactions; null for a type the hub ignores. */
    private List<PaymentEvent> otherType() {
        if (type.startsWith("customer.subscription.")) {
            expect("subscription");
            EventKind kind = switch (type) {
                case "customer.subscription.created" -> EventKind.SUBSCRIPTION_STARTED;
                case "customer.subscription.deleted" -> EventKind.SUBSCRIPTION_CANCELED;
                default -> EventKind.SUBSCRIPTION_UPDATED; // updated, paused, resumed, trial_will_end, …
            };
            Map<String, String> attributes = baseAttributes();
            putIfPresent(attributes, "stripe.subscription_status", text(object, "status"));
            putIfPresent(attributes, "stripe.customer", id(object, "customer"));
            return List.of(event(eventId, required(object, "id"), kind, null, null, null, "Subscription", attributes));
        }
        if (type.startsWith("customer.") || type.startsWith("price.")
                || "balance_transaction".equals(text(object, "object"))) {
            return List.of(record(eventId));
        }
        return null;
    }

    private PaymentEvent charge(EventKind kind, Money amount) {
        JsonNode charge = expect("charge");
        Map<String, String> attributes = chargeAttributes(charge);
        return event(eventId, chargeOrderRef(charge), kind, amount, buyer(charge, null),
                text(charge, "description"), "Payment", attributes);
    }

    /**
     * What the buyer paid for the charge, or authorized while it is not captured. Capture is the
     * event's kind, not its amount: {@code amount_captured} is 0 until a capture and is only the
     * purchase's amount once there was one, when a partial capture released the rest of the hold.
     * More than was authorized is never paid, so it is at most {@code amount}.
     */
    private static Money paidOrAuthorized(JsonNode charge) {
        Money authorized = money(charge, "amount");
        Long captured = integer(charge, "amount_captured");
        boolean wasCaptured = !Boolean.FALSE.equals(StripeJson.bool(charge, "captured"));
        // Both in Stripe's own minor units (authorized is already in ISO's, which differ for ISK and MGA).
        return wasCaptured && captured != null && captured > 0 && captured < integer(charge, "amount")
                ? money(charge, "amount_captured") : authorized;
    }

    private PaymentEvent paymentIntent(EventKind kind, String amountField) {
        JsonNode intent = expect("payment_intent");
        JsonNode charge = latestCharge(intent);
        Map<String, String> attributes = charge == null ? baseAttributes() : chargeAttributes(charge);
        // amount_received / amount_capturable are 0 until money moved; the intent's amount then says what it is for.
        Money amount = money(intent, amountField);
        if (amount.minor() == 0) {
            amount = money(intent, "amount");
        }
        return event(eventId, required(intent, "id"), kind, amount, buyer(charge, intent),
                text(intent, "description"), "Payment", attributes);
    }

    private PaymentEvent invoice(EventKind kind, String amountField) {
        JsonNode invoice = expect("invoice");
        String intent = id(invoice, "payment_intent");
        String orderRef = intent != null ? intent : required(invoice, "id");
        Map<String, String> attributes = baseAttributes();
        putIfPresent(attributes, "stripe.invoice", text(invoice, "id"));
        putIfPresent(attributes, "stripe.subscription", id(invoice, "subscription"));
        putIfPresent(attributes, "stripe.customer", id(invoice, "customer"));
        PaymentEvent.Buyer buyer = new PaymentEvent.Buyer(text(invoice, "customer_name"), text(invoice, "customer_email"));
        String category = id(invoice, "subscription") != null ? "Subscription" : "Invoice";
        // amount_paid is 0 on an invoice.paid when Stripe recorded no payment of it (its own example
        // is a draft): like an intent's amount_received, the invoice's amount_due then says what it is for.
        Money amount = money(invoice, amountField);
        if (amount.minor() == 0) {
            amount = money(invoice, "amount_due");
        }
        return event(eventId, orderRef, kind, amount, buyer, text(invoice, "description"), category, attributes);
    }

    private PaymentEvent dispute() {
        JsonNode dispute = expect("dispute");
        String intent = id(dispute, "payment_intent");
        String orderRef = intent != null ? intent : id(dispute, "charge");
        if (orderRef == null) {
            throw CallbackRejection.badRequest("dispute has neither payment_intent nor charge");
        }
        Map<String, String> attributes = baseAttributes();
        putIfPresent(attributes, "stripe.dispute", text(dispute, "id"));
        putIfPresent(attributes, "stripe.dispute_reason", text(dispute, "reason"));
        putIfPresent(attributes, "stripe.dispute_status", text(dispute, "status"));
        return event(eventId, orderRef, EventKind.DISPUTED, money(dispute, "amount"), null, null, "Payment", attributes);
    }

    /**
     * charge.refunded: one REFUNDED event per refund listed on the charge, keyed by the refund's
     * id (see the class comment). Since API version 2022-11-15 Stripe no longer includes the
     * refunds list; then the event says only the new cumulative {@code amount_refunded}. Its
     * amount is the increase over {@code data.previous_attributes.amount_refunded} (the whole
     * cumulative figure when Stripe sends no previous value, i.e. the first refund), and its id
     * {@code <charge id>:refunded:<amount_refunded>} is the same for every delivery of this
     * step and different for the next refund.
     */
    private List<PaymentEvent> chargeRefunded() {
        JsonNode charge = expect("charge");
        String orderRef = chargeOrderRef(charge);
        JsonNode refunds = listData(charge, "refunds");
        List<PaymentEvent> out = new ArrayList<>();
        if (refunds != null) {
            for (JsonNode refund : refunds) {
                if (REFUND_COUNTS.contains(text(refund, "status"))) {
                    out.add(refundEvent(refund, orderRef));
                }
            }
            return out;
        }
        Long cumulative = integer(charge, "amount_refunded");
        if (cumulative == null || cumulative <= 0) {
            throw CallbackRejection.badRequest("charge.refunded without amount_refunded");
        }
        Long before = integer(object(object(event, "data"), "previous_attributes"), "amount_refunded");
        long delta = before == null ? cumulative : cumulative - before;
        if (delta <= 0) {
            return out;
        }
        Map<String, String> attributes = chargeAttributes(charge);
        String chargeId = required(charge, "id");
        out.add(event(chargeId + ":refunded:" + cumulative, orderRef, EventKind.REFUNDED,
                money(delta, currencyOf(charge)), null, null, "Payment", attributes));
        return out;
    }

    /** refund.created / charge.refund.updated: a counting refund, or only its record. */
    private List<PaymentEvent> refund(JsonNode refund) {
        if (!REFUND_COUNTS.contains(text(refund, "status"))) {
            return List.of();
        }
        String intent = id(refund, "payment_intent");
        String orderRef = intent != null ? intent : id(refund, "charge");
        if (orderRef == null) {
            throw CallbackRejection.badRequest("refund has neither payment_intent nor charge");
        }
        return List.of(refundEvent(refund, orderRef));
    }

    private PaymentEvent refundEvent(JsonNode refund, String orderRef) {
        Map<String, String> attributes = baseAttributes();
        putIfPresent(attributes, "stripe.refund_reason", text(refund, "reason"));
        return event(required(refund, "id"), orderRef, EventKind.REFUNDED, money(refund, "amount"), null, null,
                "Payment", attributes);
    }

    private PaymentEvent record(String id) {
        return event(id, required(object, "id"), EventKind.RECORD, null, null, null, null, baseAttributes());
    }

    private static String chargeOrderRef(JsonNode charge) {
        String intent = id(charge, "payment_intent");
        return intent != null ? intent : required(charge, "id");
    }

    /** The payment intent's latest charge: expanded latest_charge, else the one the charges list names, else its first. */
    private static JsonNode latestCharge(JsonNode intent) {
        JsonNode expanded = object(intent, "latest_charge");
        if (expanded != null) {
            return expanded;
        }
        JsonNode charges = listData(intent, "charges");
        if (charges == null || charges.isEmpty()) {
            return null;
        }
        String latest = id(intent, "latest_charge");
        for (JsonNode c : charges) {
            if (latest != null && latest.equals(text(c, "id"))) {
                return c;
            }
        }
        return charges.get(0);
    }

    /** Radar's verdict on the charge (kept on the order) and which charge it was. */
    private Map<String, String> chargeAttributes(JsonNode charge) {
        Map<String, String> attributes = baseAttributes();
        putIfPresent(attributes, "stripe.charge", text(charge, "id"));
        JsonNode outcome = object(charge, "outcome");
        putIfPresent(attributes, "stripe.risk_level", text(outcome, "risk_level"));
        putIfPresent(attributes, "stripe.risk_score", integer(outcome, "risk_score") == null ? null
                : Long.toString(integer(outcome, "risk_score")));
        putIfPresent(attributes, "stripe.outcome_type", text(outcome, "type"));
        putIfPresent(attributes, "stripe.failure_code", text(charge, "failure_code"));
        putIfPresent(attributes, "stripe.customer", id(charge, "customer"));
        return attributes;
    }

    private Map<String, String> baseAttributes() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("stripe.event_type", type);
        return attributes;
    }

    /** Billing details first, then the receipt e-mail, then Checkout's customer_details. */
    private static PaymentEvent.Buyer buyer(JsonNode charge, JsonNode intent) {
        JsonNode billing = object(charge, "billing_details");
        JsonNode details = object(charge, "customer_details");
        JsonNode intentDetails = object(intent, "customer_details");
        String name = first(text(billing, "name"), text(details, "name"), text(intentDetails, "name"));
        String email = first(text(billing, "email"), text(charge, "receipt_email"), text(intent, "receipt_email"),
                text(details, "email"), text(intentDetails, "email"));
        return name == null && email == null ? null : new PaymentEvent.Buyer(name, email);
    }

    private PaymentEvent event(String id, String orderRef, EventKind kind, Money amount, PaymentEvent.Buyer buyer,
            String message, String category, Map<String, String> attributes) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, StripeProvider.ID, clientId, orderRef, kind, amount,
                buyer, message, List.of(), category, test, occurredAt, now.toString(), attributes,
                "application/json", raw, List.of());
    }

    /** The delivery's records ride on its first event only: one upsert each is enough. */
    private List<PaymentEvent> withRecordsOnFirst(List<PaymentEvent> events) {
        List<PaymentEvent> out = new ArrayList<>(events);
        PaymentEvent e = out.get(0);
        out.set(0, new PaymentEvent(e.schemaVersion(), e.eventId(), e.provider(), e.clientId(), e.orderRef(), e.kind(),
                e.amount(), e.buyer(), e.message(), e.items(), e.category(), e.test(), e.occurredAt(), e.receivedAt(),
                e.attributes(), e.rawContentType(), e.raw(), records));
        return out;
    }

    /** data.object, after checking that it is the kind of object this event type carries. */
    private JsonNode expect(String objectType) {
        if (!objectType.equals(text(object, "object"))) {
            throw CallbackRejection.badRequest(loggable(type) + " must carry a " + objectType);
        }
        return object;
    }

    /** Stripe's integer amount in its currency, as the hub's exact Money ({@link StripeAmounts}). */
    private static Money money(JsonNode node, String field) {
        Long amount = integer(node, field);
        if (amount == null || amount < 0) {
            throw CallbackRejection.badRequest("field '" + field + "' is not a non-negative integer amount");
        }
        return money(amount, currencyOf(node));
    }

    private static Money money(long amount, String currency) {
        try {
            return StripeAmounts.toMoney(amount, currency);
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest(e.getMessage());
        }
    }

    private static String currencyOf(JsonNode node) {
        String currency = StripeJson.currency(node, "currency");
        if (currency == null || !isCurrencyCode(currency)) {
            throw CallbackRejection.badRequest("field 'currency' is not a currency code");
        }
        return currency;
    }

    /** Three letters A-Z (checked by hand: a regex here compiled once per event was measurable). */
    private static boolean isCurrencyCode(String s) {
        return s.length() == 3 && isUpperAscii(s.charAt(0)) && isUpperAscii(s.charAt(1)) && isUpperAscii(s.charAt(2));
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null || v.isBlank()) {
            throw CallbackRejection.badRequest("field '" + field + "' is missing");
        }
        return v;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Event types are Stripe's dotted names; anything else is not echoed into logs or answers. */
    private static String loggable(String type) {
        return type.matches("[a-z0-9_.]{1,100}") ? type : "(invalid type)";
    }
}
