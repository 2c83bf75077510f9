package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.order.Order;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApi;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.site.ProviderConfig;
import java.net.URI;
import java.util.Map;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Asks Stripe about a pending order's PaymentIntent: {@code GET /v1/payment_intents/{id}} with the
 * site's API key (secret {@code apiKey}) as Bearer token. The intent's status is turned into the
 * event Stripe would have sent, through the same normalizer as the callbacks:
 * {@code succeeded} → payment_intent.succeeded, {@code canceled} → payment_intent.canceled,
 * {@code requires_payment_method} with a {@code last_payment_error} → payment_intent.payment_failed.
 * Any other status (processing, requires_action, requires_confirmation, requires_capture, or
 * requires_payment_method without an error) means the purchase is still open: nothing to apply.
 */
public final class StripeApiClient implements ProviderApi {
    public static final String BASE_URL_ENV = "STRIPE_API_BASE";
    /** Stripe's API, where {@value #BASE_URL_ENV} does not point elsewhere. */
    public static final String PUBLIC_BASE = "https://api.stripe.com";
    private final OutboundHttp http;
    private final URI base;

    public StripeApiClient(OutboundHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    public static StripeApiClient standard(OutboundHttp http) {
        return new StripeApiClient(http, http.baseUrl(BASE_URL_ENV, PUBLIC_BASE));
    }

    @Override
    public String provider() {
        return StripeProvider.ID;
    }

    @Override
    public Lookup lookup(Order order, ProviderConfig config, Instant now) {
        String key = config == null ? null : config.secret(StripeProvider.API_KEY);
        if (key == null || key.isBlank()) {
            return Lookup.notConfigured("secret " + StripeProvider.API_KEY);
        }
        String id = order.orderRef();
        URI uri = URI.create(base + "/v1/payment_intents/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        OutboundHttp.Answer r = http.get(uri, Map.of("Authorization", "Bearer " + key, "Accept", "application/json"),
                "stripe payment_intents/" + id);
        if (r.statusCode() == 404) {
            return Lookup.notFound();
        }
        if (r.statusCode() != 200) {
            throw new ProviderApiException("stripe payment_intents/" + id + ": HTTP " + r.statusCode());
        }
        JsonNode intent;
        try {
            intent = Json.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new ProviderApiException("stripe payment_intents/" + id + ": answer is not JSON");
        }
        return toLookup(intent, order.clientId(), now);
    }

    /** The intent as the event its status stands for (none while it is still open). */
    static Lookup toLookup(JsonNode intent, String clientId, Instant now) {
        String status = Json.text(intent, "status");
        if (!"payment_intent".equals(Json.text(intent, "object")) || status == null) {
            throw new ProviderApiException("stripe: the answer is not a payment intent");
        }
        String type = switch (status) {
            case "succeeded" -> "payment_intent.succeeded";
            case "canceled" -> "payment_intent.canceled";
            case "requires_payment_method" -> intent.path("last_payment_error").isObject() ? "payment_intent.payment_failed" : null;
            default -> null;
        };
        if (type == null) {
            return Lookup.answered(status, List.of());
        }
        // The event Stripe would have delivered, with an id that only this answer has: the same
        // answer on the next run is a duplicate, a different status a new event.
        ObjectNode event = Json.object();
        event.put("id", "reconcile:stripe:" + Json.text(intent, "id") + ":" + status);
        event.put("object", "event");
        event.put("type", type);
        event.set("created", intent.path("created"));
        event.set("livemode", intent.path("livemode"));
        event.putObject("data").set("object", intent);
        try {
            return Lookup.answered(status, StripeNormalizer.normalize(event, StripeProvider.storedRaw(event), clientId, now).events());
        } catch (CallbackRejection unreadable) {
            throw new ProviderApiException("stripe: payment intent could not be read (" + unreadable.getMessage() + ")");
        }
    }
}
