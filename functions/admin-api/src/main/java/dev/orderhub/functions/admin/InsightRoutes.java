package dev.orderhub.functions.admin;

import dev.orderhub.admin.Insights;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.order.OrderFilter;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.site.SiteRepository;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GET /admin/sites/{clientId}/insights?from=&to=&groupBy=&test= and the order list's filters (provider, status,
 * amountMin, amountMax, currency, email, q, tag), so that a filtered list's totals are the server's: computed on request from one
 * index Query over the site's orders in the range (cost proportional to those orders, never the
 * table), so the figures always agree with the orders; see docs/admin.md for why no aggregates are
 * maintained.
 */
final class InsightRoutes {
    static final int MAX_RANGE_DAYS = 366;
    private final SiteRepository sites;
    private final OrderRepository orders;

    InsightRoutes(SiteRepository sites, OrderRepository orders) {
        this.sites = sites;
        this.orders = orders;
    }

    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, Set.of("from", "to", "groupBy", "test", "provider", "status", "amountMin", "amountMax",
                "currency", "email", "q", "tag"));
        CreatedRange range = OrderRoutes.boundedRange(request, MAX_RANGE_DAYS);
        Insights.GroupBy groupBy = Insights.GroupBy.valueOf(AdminQuery.choice(request, "groupBy",
                Set.of("day", "provider", "currency", "status"), "day").toUpperCase(Locale.ROOT));
        boolean withTest = Boolean.TRUE.equals(AdminQuery.bool(request, "test"));
        OrderFilter f = OrderRoutes.filter(request);
        // test here means "test orders too", not the list's "test orders only": the filter leaves it to the loop below.
        OrderFilter filter = new OrderFilter(f.provider(), f.status(), f.amountMin(), f.amountMax(), f.currency(), f.email(),
                f.q(), f.tag(), null);
        Insights insights = new Insights(groupBy);
        orders.forEachInRange(clientId, range, filter, o -> {
            if (withTest || !o.test()) {
                insights.add(o);
            }
        });
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("from", range.from().toString());
        out.put("to", range.to().toString());
        out.put("testOrdersIncluded", withTest);
        out.putAll(insights.view());
        return HttpResponses.json(200, out);
    }
}
