package dev.orderhub.functions.intents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.db.Ids;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.intent.Intent;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.log.JsonLog;
import dev.orderhub.ratelimit.FixedWindowLimiter;
import dev.orderhub.site.SiteIds;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.site.SiteSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /sites/{clientId}/intents}: the seller's page records what the buyer is about to
 * pay when they click the support/buy button, and gets the reference to show them and a status
 * token to poll with. Order of checks: site, origin, rate limits (so that even malformed spam
 * counts; see {@link PublicLimits}), then the body.
 */
final class IntentRoutes {
    private static final JsonLog LOG = JsonLog.get(IntentRoutes.class);
    private final SiteRepository sites;
    private final IntentRepository intents;
    private final PublicLimits limits;
    private final Clock clock;

    IntentRoutes(SiteRepository sites, IntentRepository intents, PublicLimits limits, Clock clock) {
        this.sites = sites;
        this.intents = intents;
        this.limits = limits;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse preflight(HttpRequest request) {
        SiteSettings settings = settings(request);
        return HttpResponses.respond(204, null, Cors.preflight(Cors.headers(settings, request.header("origin")),
                "POST, OPTIONS", "content-type"));
    }

    APIGatewayV2HTTPResponse create(HttpRequest request) {
        String clientId = request.pathParameter("clientId");
        SiteSettings settings = settings(request);
        String origin = request.header("origin");
        Map<String, String> cors = Cors.headers(settings, origin);
        try {
            if (origin != null && !settings.allowsOrigin(origin)) {
                throw ApiError.forbidden("this origin may not create intents for the site (site setting allowedOrigins)");
            }
            Instant now = clock.instant();
            FixedWindowLimiter.Decision admitted = limits.intent(clientId, settings, request.sourceIp(), now);
            if (!admitted.allowed()) {
                return Cors.with(cors, PublicLimits.tooMany("intents", clientId, admitted));
            }
            IntentRepository.Draft draft = IntentRequest.parse(request);
            String token = "st_" + Ids.random(32); // 160 random bits
            Intent intent = intents.create(clientId, draft, Signatures.sha256Hex(token), now,
                    Duration.ofHours(settings.intentTtlHours()));
            LOG.info("intent created", "clientId", clientId, "intentId", intent.intentId(), "provider", intent.provider(),
                    "test", intent.test());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("intentId", intent.intentId());
            out.put("reference", intent.reference());
            out.put("statusToken", token);
            out.put("statusPath", "/orders/" + intent.intentId() + "/status");
            out.put("expiresAt", Instant.ofEpochSecond(intent.expiresAt()).toString());
            out.put("test", intent.test());
            return Cors.with(cors, HttpResponses.json(201, out));
        } catch (ApiError e) {
            return Cors.with(cors, HttpResponses.error(e));
        }
    }

    /** The site's settings; 404 for a malformed, unknown or inactive client id. */
    private SiteSettings settings(HttpRequest request) {
        String clientId = request.pathParameter("clientId");
        if (!SiteIds.wellFormed(clientId)) {
            throw ApiError.notFound();
        }
        return sites.findSettings(clientId).orElseThrow(ApiError::notFound);
    }

}
