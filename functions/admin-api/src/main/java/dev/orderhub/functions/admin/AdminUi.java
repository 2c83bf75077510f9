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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The admin page: static files from {@code admin-ui/} on the class path, served without a key
 * (they hold no data; the page calls the JSON API with the key the admin types in). Only plain
 * file names of known types are served, so a path can never leave that folder.
 */
final class AdminUi {
    /** The two routes of the page: its address and the files under it. */
    static final Set<String> ROUTE_KEYS = Set.of("GET /admin/ui", "GET /admin/ui/{proxy+}");
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    /** Everything from this origin only: no inline script or style, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";
    /** Files read so far (absent names are not remembered, so probing cannot grow this). */
    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    private record StaticFile(String body, String contentType, String etag) {}

    /** GET /admin/ui (redirected to the folder, so relative file names resolve) and GET /admin/ui/{proxy+}. */
    APIGatewayV2HTTPResponse serve(HttpRequest request) {
        String name = request.pathParameter("proxy");
        if (name == null && !request.path().endsWith("/")) {
            // Relative, so it stays under the stage prefix of a deployed API.
            return HttpResponses.respond(308, null, Map.of("location", "ui/", "cache-control", "no-cache"));
        }
        if (name == null || name.isEmpty()) {
            name = "index.html";
        }
        StaticFile f = FILE.matcher(name).matches() ? file(name) : null;
        if (f == null) {
            return HttpResponses.respond(404, "not found", headers("text/plain; charset=utf-8"));
        }
        Map<String, String> h = headers(f.contentType());
        h.put("etag", f.etag());
        if (f.etag().equals(request.header("if-none-match"))) {
            return HttpResponses.respond(304, null, h);
        }
        return HttpResponses.respond(200, f.body(), h);
    }

    /**
     * File names carry no version, so the browser revalidates each time (no-cache) and an
     * unchanged file costs a 304; a new deployment is seen at once.
     */
    private static Map<String, String> headers(String contentType) {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", contentType);
        h.put("cache-control", "no-cache");
        h.put("content-security-policy", CONTENT_SECURITY_POLICY);
        h.put("x-content-type-options", "nosniff");
        h.put("referrer-policy", "no-referrer");
        h.put("x-frame-options", "DENY");
        return h;
    }

    private StaticFile file(String name) {
        StaticFile f = files.get(name);
        if (f == null) {
            f = load(name);
            if (f != null) {
                files.put(name, f);
            }
        }
        return f;
    }

    private static StaticFile load(String name) {
        try (InputStream in = AdminUi.class.getResourceAsStream("/admin-ui/" + name)) {
            if (in == null) {
                return null;
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new StaticFile(body, type, "\"" + Signatures.sha256Hex(body).substring(0, 32) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
