package dev.orderhub.provider.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SecretRotation;
import dev.orderhub.site.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shopify: a JSON POST whose header {@code X-Shopify-Hmac-SHA256} is the base64 HMAC-SHA256 of
 * the raw body under the app's client secret (or, for a webhook made in a store's admin, the
 * signing key shown there). The topic, delivery id and shop come in headers.
 *
 * <p><b>What the signature does not cover.</b> Shopify signs the body only: no timestamp
 * ({@code X-Shopify-Triggered-At} exists but is unsigned, so it cannot bound a replay window),
 * and no header. A replay of a genuine delivery is therefore accepted again; it changes nothing
 * because the hub dedups on the delivery's id (below) and every status step is a maximum. The
 * topic header is unsigned too: whoever held a genuine signed body could resend it under another
 * topic. Bodies only ever travel over TLS between Shopify and the hub, so that needs a leaked
 * body; the hub accepts that risk as Shopify's own libraries do.
 *
 * <p>Shopify answers: 2xx within about five seconds, or it retries (8 times over 4 hours).
 * A bad HMAC gets 401, as Shopify's docs ask; a malformed request 400; a topic the hub does not
 * track is accepted and ignored.
 */
public final class ShopifyProvider implements Provider {
    public static final String ID = "shopify";
    /** The app's client secret (Partners / Dev Dashboard), or the store webhook signing key. */
    public static final String CLIENT_SECRET = "clientSecret";
    /** The secret being rotated out: accepted too until it expires or the admin removes it. */
    public static final String PREVIOUS_CLIENT_SECRET = "previousClientSecret";
    /** An Admin API access token (read_orders) for the reconciler's order look-ups and workflows' order cancellation. */
    public static final String ADMIN_API_TOKEN = "adminApiToken";
    /** The store's {@code <shop>.myshopify.com} domain, which the reconciler calls. */
    public static final String SHOP_DOMAIN_SETTING = "shopDomain";
    /** Only Shopify's own store domains: the hub never calls a host an admin made up. */
    static final Pattern MYSHOPIFY_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}\\.myshopify\\.com");

    private static final SecretRotation SECRETS = new SecretRotation(CLIENT_SECRET, PREVIOUS_CLIENT_SECRET);
    static final String HMAC_HEADER = "x-shopify-hmac-sha256";
    static final String TOPIC_HEADER = "x-shopify-topic";
    static final String WEBHOOK_ID_HEADER = "x-shopify-webhook-id";
    static final String EVENT_ID_HEADER = "x-shopify-event-id";
    static final String SHOP_DOMAIN_HEADER = "x-shopify-shop-domain";
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9.-]{0,254}");
    private static final Pattern HEADER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(CLIENT_SECRET, PREVIOUS_CLIENT_SECRET, ADMIN_API_TOKEN);
    }

    @Override
    public Set<String> previousSecretNames() {
        return Set.of(PREVIOUS_CLIENT_SECRET);
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(SHOP_DOMAIN_SETTING);
    }

    @Override
    public void validateSetting(String name, String value) {
        if (SHOP_DOMAIN_SETTING.equals(name) && (value == null || !MYSHOPIFY_DOMAIN.matcher(value).matches())) {
            throw new IllegalArgumentException(SHOP_DOMAIN_SETTING + " must be the store's <shop>.myshopify.com domain");
        }
    }

    /** The delivery's topic, ids, store and times; x-shopify-triggered-at and x-shopify-api-version are read by nobody. */
    @Override
    public Set<String> plainHeaders() {
        return Set.of(TOPIC_HEADER, WEBHOOK_ID_HEADER, EVENT_ID_HEADER, SHOP_DOMAIN_HEADER, "x-shopify-triggered-at",
                "x-shopify-api-version");
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(HMAC_HEADER);
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
        verifyHmac(request, config, now);
        String topic = request.header(TOPIC_HEADER);
        if (topic == null || topic.isBlank()) {
            throw CallbackRejection.badRequest("X-Shopify-Topic is missing");
        }
        ShopifyTopic handled = ShopifyTopic.of(topic).orElse(null);
        if (handled == null) {
            return CallbackDecision.ignore("topic " + ShopifyTopic.loggable(topic) + " is not tracked");
        }
        JsonNode json;
        try {
            json = Json.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest("body is not JSON");
        }
        if (!json.isObject()) {
            throw CallbackRejection.badRequest("body is not a JSON object");
        }
        ShopifyDelivery delivery = new ShopifyDelivery(clientId, topic, deliveryId(request, topic),
                shopDomain(request), request.bodyText(), now);
        Optional<PaymentEvent> event = handled.normalize(json, delivery);
        return event.map(e -> CallbackDecision.enqueue(List.of(e)))
                .orElseGet(() -> CallbackDecision.ignore(topic + " without an effect on an order"));
    }

    private static void verifyHmac(HttpRequest request, ProviderConfig config, Instant now) {
        String header = request.header(HMAC_HEADER);
        byte[] claimed;
        try {
            claimed = header == null ? null : Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            claimed = null;
        }
        if (claimed == null || claimed.length == 0) {
            throw CallbackRejection.badSignature("X-Shopify-Hmac-SHA256 is missing or not base64");
        }
        byte[] decoded = claimed;
        // Compares the decoded bytes, not the base64 text.
        boolean valid = SECRETS.verifies(config, now, secret -> Signatures.constantTimeEquals(
                Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), request.body()), decoded));
        if (!valid) {
            throw CallbackRejection.badSignature("X-Shopify-Hmac-SHA256 does not match the body");
        }
    }

    /**
     * The delivery's id, which the order's applied-event set dedups on. X-Shopify-Webhook-Id is
     * per delivery and kept by Shopify's retries of it: exactly the "same callback again" the
     * hub must ignore. X-Shopify-Event-Id is not: it is shared by every delivery a merchant
     * action causes, across topics, so deduping on it alone could drop orders/paid as a repeat of
     * orders/create. Old deliveries that only carry the event id therefore use it scoped by the
     * topic. (Refunds are additionally keyed by the refund's own id, see {@link ShopifyTopic}.)
     */
    private static String deliveryId(HttpRequest request, String topic) {
        String webhookId = request.header(WEBHOOK_ID_HEADER);
        if (webhookId != null && HEADER_ID.matcher(webhookId).matches()) {
            return webhookId;
        }
        String eventId = request.header(EVENT_ID_HEADER);
        if (eventId != null && HEADER_ID.matcher(eventId).matches()) {
            return topic + ":" + eventId;
        }
        throw CallbackRejection.badRequest("X-Shopify-Webhook-Id is missing or malformed");
    }

    /** Kept as an attribute; unsigned, so only a well-formed host name is kept. */
    private static String shopDomain(HttpRequest request) {
        String domain = request.header(SHOP_DOMAIN_HEADER);
        return domain != null && SHOP_DOMAIN.matcher(domain).matches() ? domain : null;
    }
}
