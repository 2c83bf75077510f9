package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * GET /openapi.yaml: the repository's openapi.yaml (packaged into this function's jar at build time), served
 * without a key so that a seller's developer can generate a client from the deployment itself. It holds no
 * data of any site.
 */
final class ApiDescription {
    static final String ROUTE_KEY = "GET /openapi.yaml";
    private static final String RESOURCE = "/api/openapi.yaml";
    private volatile String body;
    private volatile String etag;

    APIGatewayV2HTTPResponse serve(HttpRequest request) {
        if (body == null) {
            load();
        }
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/yaml; charset=utf-8");
        h.put("cache-control", "no-cache");
        h.put("x-content-type-options", "nosniff");
        h.put("access-control-allow-origin", "*"); // client generators and API browsers fetch it cross-origin
        h.put("etag", etag);
        if (etag.equals(request.header("if-none-match"))) {
            return HttpResponses.respond(304, null, h);
        }
        return HttpResponses.respond(200, body, h);
    }

    private void load() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar (admin-api's pom copies openapi.yaml)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            etag = "\"" + Signatures.sha256Hex(text).substring(0, 32) + "\"";
            body = text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
