package dev.orderhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An API Gateway HTTP API (payload v2) request as the handlers need it: header names in lower
 * case, the body as the exact bytes the caller sent (signatures are computed over those).
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        byte[] body,
        String sourceIp) {

    public static HttpRequest from(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String method = "GET";
        String ip = null;
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            method = event.getRequestContext().getHttp().getMethod();
            ip = event.getRequestContext().getHttp().getSourceIp();
        }
        String raw = event.getBody();
        byte[] body;
        if (raw == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            body = Base64.getDecoder().decode(raw);
        } else {
            body = raw.getBytes(StandardCharsets.UTF_8);
        }
        return new HttpRequest(
                method == null ? "GET" : method.toUpperCase(Locale.ROOT),
                event.getRawPath() == null ? "/" : event.getRawPath(),
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers,
                body,
                ip);
    }

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
