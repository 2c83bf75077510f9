package dev.orderhub.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the handlers need it: header names in lower case, the body as the exact
 * bytes the caller sent (signatures are computed over those). {@code ApiGateway} reads one from
 * API Gateway's event.
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        byte[] body,
        String sourceIp) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public String query(String name) {
        return queryParameters.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The media type of the body without parameters, in lower case, or "" when absent. */
    public String mediaType() {
        String ct = header("content-type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes an application/x-www-form-urlencoded body; the last value of a repeated field wins.
     *
     * @throws IllegalArgumentException for a malformed %-escape
     */
    public Map<String, String> formFields() {
        Map<String, String> fields = new HashMap<>();
        String text = bodyText();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
