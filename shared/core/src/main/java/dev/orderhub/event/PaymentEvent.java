package dev.orderhub.event;

import dev.orderhub.money.Money;
import dev.orderhub.record.NormalizedRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One provider callback, verified and normalized: the message the callback functions put on the
 * queue and the payment-events function applies. Provider-neutral except for {@code attributes}, and it
 * keeps the raw body so that nothing the provider said is lost.
 *
 * @param schemaVersion version of this record's JSON shape; bump on incompatible change
 * @param eventId the provider's id for this delivery's event (Ko-fi message_id, Stripe evt_…);
 *     the same event delivered twice has the same id
 * @param orderRef the provider's id for the purchase the event is about (Ko-fi
 *     kofi_transaction_id, Stripe payment intent …); all events of one purchase share it
 * @param amount the purchase amount, or for {@link EventKind#REFUNDED} the refunded amount
 *     (null = everything)
 * @param category provider's kind of purchase (Donation, Subscription, Shop Order, …)
 * @param test true for the provider's test/sandbox deliveries, never mixed with live totals
 * @param occurredAt ISO-8601 instant at which the provider says it happened
 * @param receivedAt ISO-8601 instant at which the hub accepted the callback
 * @param records provider objects the callback carried, in the declared schema (a Stripe
 *     charge, a subscription, a customer …); stored idempotently next to the order
 * @param headers the callback's request headers as {@link dev.orderhub.provider.ReceivedHeaders} keeps them
 *     (secrets removed, bounded); null for an event that did not come with a callback (a sync, a
 *     reconciliation, a person) or was queued before headers were kept
 */
public record PaymentEvent(
        int schemaVersion,
        String eventId,
        String provider,
        String clientId,
        String orderRef,
        EventKind kind,
        Money amount,
        Buyer buyer,
        String message,
        List<String> items,
        String category,
        boolean test,
        String occurredAt,
        String receivedAt,
        Map<String, String> attributes,
        String rawContentType,
        String raw,
        List<NormalizedRecord> records,
        Map<String, String> headers) {

    public static final int SCHEMA_VERSION = 1;

    public record Buyer(String name, String email) {}

    public PaymentEvent {
        require(eventId, "eventId");
        require(provider, "provider");
        require(clientId, "clientId");
        require(orderRef, "orderRef");
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        items = items == null ? List.of() : List.copyOf(items);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        records = records == null ? List.of() : List.copyOf(records);
        headers = headers == null ? null : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /** An event without request headers: the providers' normalizers make these, the callback pipeline adds them. */
    public PaymentEvent(int schemaVersion, String eventId, String provider, String clientId, String orderRef, EventKind kind,
            Money amount, Buyer buyer, String message, List<String> items, String category, boolean test, String occurredAt,
            String receivedAt, Map<String, String> attributes, String rawContentType, String raw, List<NormalizedRecord> records) {
        this(schemaVersion, eventId, provider, clientId, orderRef, kind, amount, buyer, message, items, category, test, occurredAt,
                receivedAt, attributes, rawContentType, raw, records, null);
    }

    /** This event with the request headers kept of the callback that brought it. */
    public PaymentEvent withHeaders(Map<String, String> kept) {
        return new PaymentEvent(schemaVersion, eventId, provider, clientId, orderRef, kind, amount, buyer, message, items,
                category, test, occurredAt, receivedAt, attributes, rawContentType, raw, records, kept);
    }

    /** This event with {@code raw} as the payload it keeps (the callback pipeline's, without the body's secrets). */
    public PaymentEvent withRaw(String raw) {
        return new PaymentEvent(schemaVersion, eventId, provider, clientId, orderRef, kind, amount, buyer, message, items,
                category, test, occurredAt, receivedAt, attributes, rawContentType, raw, records, headers);
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
