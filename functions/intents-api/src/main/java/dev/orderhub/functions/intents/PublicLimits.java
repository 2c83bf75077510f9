package dev.orderhub.functions.intents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.db.Keys;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.log.JsonLog;
import dev.orderhub.ratelimit.FixedWindowLimiter;
import dev.orderhub.ratelimit.FixedWindowLimiter.Decision;
import dev.orderhub.ratelimit.FixedWindowLimiter.Limit;
import dev.orderhub.site.SiteSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The per-site limits in front of the public routes, in one-minute windows, below API Gateway's
 * per-route throttling of the whole stage (which stays the ceiling: it cannot tell sites apart).
 * Every window is scoped to a site, so one site's flood spends only that site's windows; within a
 * site the client address is counted first, so a flooding address is refused on its own budget
 * and does not spend the site's. The address is stored only as a hash.
 */
final class PublicLimits {
    private static final JsonLog LOG = JsonLog.get(PublicLimits.class);
    static final long WINDOW_SECONDS = 60;
    /** A buyer's page polls every 3 s, 20 times a minute: room for six pages behind one address (a shared NAT). */
    static final int STATUS_POLLS_PER_MINUTE_PER_ADDRESS = 120;

    private final FixedWindowLimiter limiter;

    PublicLimits(FixedWindowLimiter limiter) {
        this.limiter = limiter;
    }

    /** {@code POST /sites/{clientId}/intents}: per address on the site, then per site (settings). */
    Decision intent(String clientId, SiteSettings s, String sourceIp, Instant now) {
        return limiter.acquire(List.of(
                new Limit("from this address", Keys.intentsByAddressScope(clientId, addressKey(sourceIp)),
                        s.effectiveIntentsPerMinutePerIp(), WINDOW_SECONDS),
                new Limit("for this site", Keys.intentsScope(clientId), s.intentsPerMinute(), WINDOW_SECONDS)), now);
    }

    /**
     * {@code GET /orders/{id}/status}, once the token was accepted: per address on the intent's
     * site. The site is the one the stored intent names, never anything the caller sends, so no
     * one can spend another site's budget; a wrong token is refused (404) before anything is counted.
     * One counter write per poll: a site-wide poll budget would cost a second write on every poll,
     * and token holders of one site could use it up for its other buyers.
     */
    Decision statusPoll(String clientId, String sourceIp, Instant now) {
        return limiter.acquire(List.of(new Limit("from this address", Keys.statusByAddressScope(clientId, addressKey(sourceIp)),
                STATUS_POLLS_PER_MINUTE_PER_ADDRESS, WINDOW_SECONDS)), now);
    }

    /** 429 {@code RATE_LIMITED}, naming the limit, with Retry-After (seconds to the next window). */
    static APIGatewayV2HTTPResponse tooMany(String what, String clientId, Decision d) {
        LOG.warn("public request rate limited", "clientId", clientId, "what", what, "limit", d.refusedBy().name(),
                "retryAfter", d.retryAfterSeconds());
        APIGatewayV2HTTPResponse r = HttpResponses.error(429, "RATE_LIMITED", "too many " + what + " "
                + d.refusedBy().name() + "; retry after " + d.retryAfterSeconds() + " s");
        return Cors.with(Map.of("retry-after", String.valueOf(d.retryAfterSeconds()),
                "access-control-expose-headers", "Retry-After"), r);
    }

    private static String addressKey(String sourceIp) {
        return Signatures.sha256Hex(sourceIp == null ? "unknown" : sourceIp).substring(0, 24);
    }
}
