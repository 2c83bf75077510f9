package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.testing.Samples;
import java.util.List;

/** The Stripe samples as event bodies. */
final class StripeSamples {
    /** Every sample that is an event (balance_transaction.json is a bare object). */
    static final List<String> EVENTS = List.of("charge.succeeded", "charge.captured", "charge.failed",
            "charge.refunded", "charge.refund.updated", "refund.created", "charge.dispute.created",
            "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
            "payment_intent.amount_capturable_updated", "invoice.paid", "invoice.payment_failed",
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.created", "price.created");

    private StripeSamples() {}

    /** A bare object inside the documented event envelope of charge.succeeded.json, with another type. */
    static String envelope(String type, String object) {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        event.put("type", type);
        ((ObjectNode) event.get("data")).set("object", Json.parse(object));
        return event.toString();
    }
}
