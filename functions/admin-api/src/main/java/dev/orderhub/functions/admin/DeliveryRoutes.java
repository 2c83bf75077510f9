package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.delivery.Delivery;
import dev.orderhub.delivery.DeliveryHistory;
import dev.orderhub.delivery.DeliveryReasons;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.provider.Providers;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * GET /admin/sites/{clientId}/deliveries: every callback the site received, accepted or refused,
 * newest first, with what it was answered and why in words ({@link DeliveryReasons}). Any key
 * that sees the site may read it, a viewer's too.
 */
final class DeliveryRoutes {
    /** Reads one list request may make while looking for matches: bounds its cost and time. */
    static final int MAX_READS = 10;
    private static final Set<String> PARAMS = Set.of("limit", "cursor", "provider", "outcome", "from", "to");
    private static final Set<String> OUTCOMES = Set.of("queued", "ignored", "refused");

    private final SiteRepository sites;
    private final DeliveryHistory history;
    private final Clock clock;

    DeliveryRoutes(SiteRepository sites, DeliveryHistory history, Clock clock) {
        this.sites = sites;
        this.history = history;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, PARAMS);
        int limit = AdminQuery.integer(request, "limit", 1, 200, 50);
        String provider = AdminQuery.text(request, "provider", 40);
        if (provider != null && Providers.REGISTRY.find(provider).isEmpty()) {
            throw ApiError.invalid("provider", "provider must be one of " + Providers.REGISTRY.ids());
        }
        String outcome = AdminQuery.choice(request, "outcome", OUTCOMES, null);
        CreatedRange range = OrderRoutes.range(request);
        String cursor = AdminQuery.text(request, "cursor", 2048);
        DeliveryHistory.Page page;
        try {
            page = history.page(clientId, new DeliveryHistory.Filter(provider,
                    outcome == null ? null : Delivery.Outcome.ofWire(outcome), range.from(), range.to()),
                    limit, cursor, MAX_READS, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidCursor();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deliveries", page.deliveries().stream().map(DeliveryRoutes::view).toList());
        out.put("refusedWithoutDetail", page.refusedWithoutDetail().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minute", c.minute().toString());
            m.put("provider", c.provider());
            m.put("count", c.count());
            return m;
        }).toList());
        out.put("next", page.next());
        return HttpResponses.json(200, out);
    }

    static Map<String, Object> view(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receivedAt", d.receivedAt().toString());
        m.put("provider", d.provider());
        String providerName = Providers.REGISTRY.displayName(d.provider());
        m.put("providerName", providerName);
        m.put("outcome", d.outcome().wire());
        m.put("status", d.status());
        m.put("reason", d.reason());
        m.put("explanation", DeliveryReasons.explain(d, providerName));
        m.put("size", d.size());
        m.put("eventId", d.eventId());
        m.put("orderId", d.orderId());
        m.put("events", d.events());
        return m;
    }
}
