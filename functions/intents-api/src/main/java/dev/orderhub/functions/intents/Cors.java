package dev.orderhub.functions.intents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.site.SiteSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * CORS for the public endpoints a seller's page calls from the buyer's browser. No cookies or
 * credentials are involved (the status token travels explicitly), so {@code *} is safe where a
 * site allows any origin; otherwise the caller's origin is echoed only when the site lists it.
 */
final class Cors {
    private Cors() {}

    /** Headers for an actual request; empty when the origin is not allowed (the browser then blocks the answer). */
    static Map<String, String> headers(SiteSettings settings, String origin) {
        Map<String, String> h = new HashMap<>();
        if (settings == null || settings.allowedOrigins().contains("*")) {
            h.put("access-control-allow-origin", "*");
        } else if (settings.allowsOrigin(origin)) {
            h.put("access-control-allow-origin", origin);
            h.put("vary", "Origin");
        }
        return h;
    }

    static Map<String, String> preflight(Map<String, String> base, String methods, String headers) {
        Map<String, String> h = new HashMap<>(base);
        if (h.containsKey("access-control-allow-origin")) {
            h.put("access-control-allow-methods", methods);
            h.put("access-control-allow-headers", headers);
            h.put("access-control-max-age", "600");
        }
        return h;
    }

    static APIGatewayV2HTTPResponse with(Map<String, String> headers, APIGatewayV2HTTPResponse r) {
        Map<String, String> h = new HashMap<>(r.getHeaders() == null ? Map.of() : r.getHeaders());
        h.putAll(headers);
        r.setHeaders(h);
        return r;
    }
}
