package dev.orderhub.http;

import dev.orderhub.json.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the hub answers an HTTP request, before any gateway's shape: a status, headers and a text
 * body (null: none). Every answer says {@code cache-control: no-store} unless it names its own
 * caching. Every error body has the same JSON shape ({@link #error}). A function's entry point
 * turns it into its gateway's response ({@code ApiGateway}).
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
    public HttpAnswer {
        Map<String, String> h = new HashMap<>(headers == null ? Map.of() : headers);
        h.putIfAbsent("cache-control", "no-store");
        headers = Collections.unmodifiableMap(h);
    }

    public static HttpAnswer json(int status, Object body) {
        return new HttpAnswer(status, Map.of("content-type", "application/json"), Json.write(body));
    }

    public static HttpAnswer empty(int status) {
        return new HttpAnswer(status, Map.of(), null);
    }

    /** {@code {"error":{"code":..,"message":..[,"field":..]}}}: the hub's one error shape. */
    public static HttpAnswer error(int status, String code, String message, String field) {
        Map<String, Object> error = new HashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        return json(status, Map.of("error", error));
    }

    public static HttpAnswer error(int status, String code, String message) {
        return error(status, code, message, null);
    }
}
