package dev.orderhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The edge between API Gateway's HTTP API (payload v2) and the hub: its event as an
 * {@link HttpRequest} (header names in lower case, the body as the exact bytes the caller sent,
 * which signatures are computed over), and an {@link HttpAnswer} as its response.
 */
public final class ApiGateway {
    private ApiGateway() {}

    public static HttpRequest request(APIGatewayV2HTTPEvent event) {
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

    /** The response; its headers are a map of its own, which a function may still add to (CORS). */
    public static APIGatewayV2HTTPResponse response(HttpAnswer answer) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(answer.status());
        r.setHeaders(new HashMap<>(answer.headers()));
        r.setBody(answer.body());
        r.setIsBase64Encoded(false);
        return r;
    }
}
