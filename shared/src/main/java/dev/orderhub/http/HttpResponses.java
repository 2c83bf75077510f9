package dev.orderhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.json.Json;
import java.util.HashMap;
import java.util.Map;

/** Builders for API Gateway HTTP API responses. Every error body has the same JSON shape. */
public final class HttpResponses {
    private HttpResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return respond(status, Json.write(body), Map.of("content-type", "application/json"));
    }

    public static APIGatewayV2HTTPResponse empty(int status) {
        return respond(status, null, Map.of());
    }

    /** {@code {"error":{"code":..,"message":..[,"field":..]}}}: the hub's one error shape. */
    public static APIGatewayV2HTTPResponse error(int status, String code, String message, String field) {
        Map<String, Object> error = new HashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        return json(status, Map.of("error", error));
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    public static APIGatewayV2HTTPResponse respond(int status, String body, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.putIfAbsent("cache-control", "no-store");
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(status);
        r.setHeaders(h);
        r.setBody(body);
        r.setIsBase64Encoded(false);
        return r;
    }
}
