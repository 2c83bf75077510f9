package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.provider.Providers;
import dev.orderhub.provider.SubscriptionView;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.site.SiteRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GET /admin/sites/{clientId}/subscriptions?limit=&offset=&buyer=: the site's subscriptions in
 * the paging style of Xsolla's buyer-side subscription list (see {@code XsollaSync}): {@code {"items":[…],"has_more":bool}},
 * {@code limit} (default 15) and {@code offset} (0-based). Newest first, one item per
 * subscription record whatever the provider.
 */
final class SubscriptionRoutes {
    static final int MAX_OFFSET = 10_000;
    private static final int PAGE = 100;
    private final SiteRepository sites;
    private final RecordRepository records;

    SubscriptionRoutes(SiteRepository sites, RecordRepository records) {
        this.sites = sites;
        this.records = records;
    }

    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, Set.of("limit", "offset", "buyer"));
        int limit = AdminQuery.integer(request, "limit", 1, 100, 15);
        int offset = AdminQuery.integer(request, "offset", 0, MAX_OFFSET, 0);
        String buyer = AdminQuery.text(request, "buyer", 200);
        // Reads (offset + limit + 1) matches at most: the one past the page says whether there is more.
        List<NormalizedRecord> matches = new ArrayList<>();
        String cursor = null;
        do {
            RecordRepository.Page page = records.page(clientId, "subscription", CreatedRange.ALL, PAGE, cursor);
            for (NormalizedRecord r : page.records()) {
                if (buyer == null || buyer.equals(buyerOf(r))) {
                    matches.add(r);
                }
            }
            cursor = page.next();
        } while (cursor != null && matches.size() <= offset + limit);
        List<Map<String, Object>> items = matches.stream().skip(offset).limit(limit).map(SubscriptionRoutes::view).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("has_more", matches.size() > offset + limit);
        return HttpResponses.json(200, out);
    }

    /** The provider's buyer id (Xsolla's user id, Stripe's customer id), as its {@link SubscriptionView} reads it. */
    static String buyerOf(NormalizedRecord r) {
        return Providers.REGISTRY.subscriptionView(r.provider()).map(v -> v.buyer(r.data())).orElse(null);
    }

    /** The same fields for every provider, each read by the record's provider ({@link SubscriptionView}). */
    static Map<String, Object> view(NormalizedRecord r) {
        JsonNode d = r.data();
        Optional<SubscriptionView> view = Providers.REGISTRY.subscriptionView(r.provider());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("provider", r.provider());
        out.put("status", SubscriptionView.text(d, "status"));
        out.put("plan", view.map(v -> v.plan(d)).orElse(null));
        out.put("date_next_charge", view.map(v -> v.nextCharge(d)).orElse(null));
        out.put("buyer", buyerOf(r));
        out.put("date_create", r.createdAt());
        out.put("test", r.test());
        return out;
    }
}
