package dev.orderhub.local.sign;

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

    /** Method-less HTTP request: content type, extra headers and the exact body bytes (as text). */
    record Signed(String contentType, Map<String, String> headers, String body) {}
}
