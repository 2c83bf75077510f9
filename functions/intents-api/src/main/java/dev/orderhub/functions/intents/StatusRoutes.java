package dev.orderhub.functions.intents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.intent.BuyerStatus;
import dev.orderhub.json.Json;
import dev.orderhub.money.MoneyJson;
import dev.orderhub.ratelimit.FixedWindowLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /orders/{publicOrderId}/status}: what a buyer's page or game client polls (about
 * every 3 s) after creating an intent. The public order id is the intent id, so polling works
 * before the provider's callback arrives: "pending" until the intent is matched, then the
 * matched order's status; "expired" for an intent that expired unmatched. With the status come
 * the amount the intent expects, the amount the matched payment paid (absent before a match) and
 * whether it is a test, so that a client granting something can check what it got.
 * <p>
 * Only the holder of the intent's status token may read it ({@link BuyerStatus}): an unknown
 * id, a missing token and a wrong token all get the same 404.
 * Answers are tiny and non-personal, cacheable for 2 s (keyed on the URL and the token header)
 * and carry an ETag, so an unchanged status costs a 304 with no body. Polls are limited per
 * address on the intent's site ({@link PublicLimits#statusPoll}), counted after the token check.
 */
final class StatusRoutes {
    private static final Map<String, String> CORS = Map.of(
            "access-control-allow-origin", "*",
            "access-control-expose-headers", "ETag, Retry-After");
    private final BuyerStatus buyerStatus;
    private final PublicLimits limits;
    private final Clock clock;

    StatusRoutes(BuyerStatus buyerStatus, PublicLimits limits, Clock clock) {
        this.buyerStatus = buyerStatus;
        this.limits = limits;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse preflight(HttpRequest request) {
        Map<String, String> h = new HashMap<>(CORS);
        h.put("access-control-allow-methods", "GET, OPTIONS");
        h.put("access-control-allow-headers", "x-status-token, if-none-match");
        h.put("access-control-max-age", "600");
        return HttpResponses.respond(204, null, h);
    }

    APIGatewayV2HTTPResponse status(HttpRequest request) {
        Instant now = clock.instant();
        String id = request.pathParameter("publicOrderId");
        String token = request.query("token") != null ? request.query("token") : request.header("x-status-token");
        Optional<String> clientId = buyerStatus.authorizedSite(id, token, now);
        if (clientId.isEmpty()) {
            return Cors.with(CORS, HttpResponses.error(ApiError.notFound()));
        }
        FixedWindowLimiter.Decision admitted = limits.statusPoll(clientId.get(), request.sourceIp(), now);
        if (!admitted.allowed()) {
            return Cors.with(CORS, PublicLimits.tooMany("status requests", clientId.get(), admitted));
        }
        BuyerStatus.Snapshot snapshot = buyerStatus.snapshot(clientId.get(), id, now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", snapshot.status());
        if (snapshot.updatedAt() != null) {
            body.put("updatedAt", snapshot.updatedAt());
            body.put("reference", snapshot.reference());
            body.put("expected", MoneyJson.of(snapshot.expected()));
            body.put("paid", MoneyJson.of(snapshot.paid()));
            body.put("test", snapshot.test());
        }
        String json = Json.write(body);
        String etag = "\"" + Signatures.sha256Hex(json).substring(0, 32) + "\"";
        Map<String, String> headers = new HashMap<>(CORS);
        headers.put("cache-control", "public, max-age=2");
        headers.put("vary", "X-Status-Token");
        headers.put("etag", etag);
        if (matches(request.header("if-none-match"), etag)) {
            return HttpResponses.respond(304, null, headers);
        }
        headers.put("content-type", "application/json");
        return HttpResponses.respond(200, json, headers);
    }

    /** If-None-Match: "*", one ETag or a list, weak or strong (a weak comparison is right for GET). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
