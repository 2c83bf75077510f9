package dev.orderhub.local.sign;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Produces a callback exactly as a provider would send it to a site, signed with that site's
 * secrets: what local mode's `sign` command prints as curl, and what the tests send.
 */
public interface CallbackSigner {
    /** Provider id, as in /callbacks/{provider}/{clientId}. */
    String provider();

    /**
     * @param payload the provider's JSON payload (for Ko-fi: the JSON that goes in the form field)
     * @param secrets the site's secrets for this provider, by the names the provider declares
     */
    Signed sign(String payload, Map<String, String> secrets, Instant now);

    /**
     * The same, with headers that describe the delivery but are not in the payload, such as
     * Shopify's X-Shopify-Topic (a topic cannot be told from an order's JSON: orders/create
     * and orders/paid carry the same order). By default they are sent next to the signer's own
     * headers, which win; a signer whose provider reads such headers overrides this.
     */
    default Signed sign(String payload, Map<String, String> secrets, Instant now, Map<String, String> headers) {
        Signed signed = sign(payload, secrets, now);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(signed.headers());
        return new Signed(signed.contentType(), all, signed.body());
    }

    /**
     * For schemes that sign a timestamp (Stripe): the event signed again at {@code now} over its
     * unchanged body, so that a stored sample event does not go stale. Local mode only, and only
     * for the demo site's public secrets; the provider's replay window itself is never widened.
     * Schemes without a timestamp return the event as it is.
     */
    default APIGatewayV2HTTPEvent restamp(APIGatewayV2HTTPEvent event, Map<String, String> secrets, Instant now) {
        return event;
    }

    /** Method-less HTTP request: content type, extra headers and the exact body bytes (as text). */
    record Signed(String contentType, Map<String, String> headers, String body) {}
}
