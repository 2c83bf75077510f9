package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.workflow.action.ActionCall;
import dev.orderhub.workflow.action.ActionFailed;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Capture and cancel of a Stripe payment intent (manual capture): {@code POST
 * /v1/payment_intents/{id}/capture} and {@code /cancel}, with the site's secret API key and the
 * action's key as Stripe's Idempotency-Key, so a retried call is one capture.
 */
public final class StripePaymentActions {
    private static final Pattern INTENT = Pattern.compile("pi_[A-Za-z0-9]{1,200}");
    private final OutboundHttp http;
    private final URI base;

    /** @param base https://api.stripe.com, or a stand-in (STRIPE_API_BASE) */
    public StripePaymentActions(OutboundHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    public String capture(String paymentIntent, String apiKey, String idempotencyKey) {
        return call(paymentIntent, "capture", "", apiKey, idempotencyKey);
    }

    /** @param reason one of Stripe's cancellation reasons, or null */
    public String cancel(String paymentIntent, String reason, String apiKey, String idempotencyKey) {
        String form = reason == null ? "" : "cancellation_reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        return call(paymentIntent, "cancel", form, apiKey, idempotencyKey);
    }

    private String call(String paymentIntent, String verb, String form, String apiKey, String idempotencyKey) {
        if (paymentIntent == null || !INTENT.matcher(paymentIntent).matches()) {
            throw ActionFailed.permanent("the order is not a Stripe payment intent (pi_…); only intents can be " + verb + "ed here");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw ActionFailed.permanent("the site's stripe config has no apiKey secret");
        }
        OutboundHttp.Answer r = ActionCall.post(http, base.resolve("/v1/payment_intents/" + paymentIntent + "/" + verb),
                "application/x-www-form-urlencoded", form,
                Map.of("authorization", "Bearer " + apiKey, "idempotency-key", idempotencyKey),
                "Stripe " + verb + " of " + paymentIntent);
        return "stripe payment intent " + paymentIntent + " " + (r.truncated() ? "done" : status(r.body()));
    }

    private static String status(String body) {
        try {
            JsonNode n = Json.parse(body);
            String s = Json.text(n, "status");
            return s == null ? "done" : s;
        } catch (IllegalArgumentException e) {
            return "done";
        }
    }
}
