package dev.orderhub.local.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider sent, read back from an API Gateway event file (events/*.json): its body, as the payload a
 * {@link CallbackSigner} takes (for Ko-fi, the JSON in the form field {@code data}), and the delivery headers
 * that are not about transport. Signing the file itself would sign the event envelope, which no provider sends.
 */
public record EventFileDelivery(String payload, Map<String, String> headers) {
    private static final Set<String> TRANSPORT = Set.of("host", "content-type", "content-length", "user-agent",
            "accept", "accept-encoding", "connection", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-port");

    /** The delivery in {@code text}, if it is an API Gateway HTTP event; empty for a plain payload. */
    public static Optional<EventFileDelivery> read(String text) {
        JsonNode event;
        try {
            event = Json.parse(text);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
        if (event == null || !event.isObject() || !event.has("requestContext") || !event.has("routeKey")) {
            return Optional.empty();
        }
        String body = event.path("body").asText("");
        if (event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = "";
        var fields = event.path("headers").fields();
        while (fields.hasNext()) {
            var h = fields.next();
            if ("content-type".equalsIgnoreCase(h.getKey())) {
                contentType = h.getValue().asText();
            }
            if (!TRANSPORT.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.put(h.getKey(), h.getValue().asText());
            }
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            String data = formField(body, "data");
            if (data != null) {
                body = data; // Ko-fi: the signer builds the form around its JSON
            }
        }
        return Optional.of(new EventFileDelivery(body, headers));
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The signed delivery with one value per header name, case-insensitively, the later one winning: a stale
     * signature header copied from the event gives way to the fresh one the signer added after it.
     */
    public static CallbackSigner.Signed oneValuePerHeader(CallbackSigner.Signed signed) {
        Map<String, String> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.headers().forEach(byName::put);
        return new CallbackSigner.Signed(signed.contentType(), new LinkedHashMap<>(byName), signed.body());
    }
}
