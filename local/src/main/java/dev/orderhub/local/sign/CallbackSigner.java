package dev.orderhub.local.sign;

import java.time.Instant;
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

    /** Method-less HTTP request: content type, extra headers and the exact body bytes (as text). */
    record Signed(String contentType, Map<String, String> headers, String body) {}
}
