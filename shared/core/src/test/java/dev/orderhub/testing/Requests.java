package dev.orderhub.testing;

import dev.orderhub.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Builds callback requests as the handlers receive them. */
public final class Requests {
    private Requests() {}

    public static HttpRequest post(String clientId, String contentType, String body, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        if (contentType != null) {
            h.put("content-type", contentType);
        }
        return new HttpRequest("POST", "/callbacks/x/" + clientId, Map.of("clientId", clientId), Map.of(), h,
                body.getBytes(StandardCharsets.UTF_8), "203.0.113.9");
    }

    public static String form(String field, String value) {
        return field + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
