package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Timestamps;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.intent.Intent;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.matching.IntentMatcher;
import dev.orderhub.order.AuditTrail;
import dev.orderhub.order.ManualReview;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.ReviewChanges;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "payment confirmation" page's API: orders waiting for review, with their candidate intents;
 * manual matching; and taking an order out of review without an intent (confirm or dismiss).
 */
final class ReviewRoutes {
    private static final Pattern INTENT_ID = Pattern.compile("in_[a-z0-9]{20}");
    private final SiteRepository sites;
    private final OrderRepository orders;
    private final IntentRepository intents;
    private final IntentMatcher matcher;
    private final AuditTrail audit;
    private final Clock clock;

    private final StatusChanges statusChanges;
    private final ManualReview manualReview;

    ReviewRoutes(SiteRepository sites, OrderRepository orders, IntentRepository intents, IntentMatcher matcher,
            AuditTrail audit, StatusChanges statusChanges, ManualReview manualReview, Clock clock) {
        this.statusChanges = statusChanges;
        this.manualReview = manualReview;
        this.sites = sites;
        this.orders = orders;
        this.intents = intents;
        this.matcher = matcher;
        this.audit = audit;
        this.clock = clock;
    }

    /** GET /admin/sites/{clientId}/review: orders needing review, newest first, each with its candidates. */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, Set.of("limit", "cursor"));
        OrderRepository.Page page;
        try {
            page = orders.listForReview(clientId, OrderRoutes.limit(request), request.query("cursor"));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidCursor();
        }
        Instant now = clock.instant();
        List<Map<String, Object>> out = page.orders().stream().map(o -> {
            Map<String, Object> v = OrderRoutes.view(o);
            // The rules' pick, when they found exactly one they may not take alone: one click on the page.
            v.put("suggestedIntentId", o.match().suggested());
            v.put("candidates", o.match().candidates().stream().map(id -> intents.find(clientId, id, now)
                    .map(ReviewRoutes::intentView)
                    .orElseGet(() -> Map.of("intentId", id, "state", "expired"))).toList());
            return v;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orders", out);
        body.put("next", page.next());
        return HttpResponses.json(200, body);
    }

    /** POST /admin/sites/{clientId}/orders/{orderId}/match {intentId}. */
    APIGatewayV2HTTPResponse match(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        if (!who.canOperate(clientId)) {
            throw ApiError.forbidden("a viewer key cannot match orders");
        }
        Order order = OrderRoutes.order(orders, clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("intentId"));
        String intentId = AdminBodies.requiredString(body, "intentId", 40);
        if (!INTENT_ID.matcher(intentId).matches()) {
            throw ApiError.invalid("intentId", "intentId must look like in_ followed by 20 letters and digits");
        }
        switch (matcher.matchManually(order, intentId, who.keyId())) {
            case ORDER_ALREADY_MATCHED -> throw new ApiError(409, "ALREADY_MATCHED",
                    "the order is already matched to an intent", null);
            case INTENT_UNAVAILABLE -> throw new ApiError(409, "INTENT_UNAVAILABLE",
                    "intent " + intentId + " is unknown, expired or already matched to another order", "intentId");
            case MATCHED -> { } // audited and announced to the buyer watching the intent by the order commit
        }
        Order after = orders.find(clientId, order.orderId()).orElseThrow(ApiError::notFound);
        return HttpResponses.json(200, OrderRoutes.view(after));
    }

    /** POST /admin/sites/{clientId}/orders/{orderId}/review/confirm {note?}: the payment is confirmed without an intent. */
    APIGatewayV2HTTPResponse confirm(AdminPrincipal who, HttpRequest request) {
        String clientId = operableSite(who, request, "confirm payments");
        Order order = OrderRoutes.order(orders, clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("note"));
        String note = AdminBodies.string(body, "note", 500);
        return taken(() -> manualReview.confirm(clientId, order.orderId(), note, who.keyId()));
    }

    /** POST /admin/sites/{clientId}/orders/{orderId}/review/dismiss {reason}: the order needs no confirmation. */
    APIGatewayV2HTTPResponse dismiss(AdminPrincipal who, HttpRequest request) {
        String clientId = operableSite(who, request, "dismiss reviews");
        Order order = OrderRoutes.order(orders, clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("reason"));
        String reason = AdminBodies.requiredString(body, "reason", 500);
        return taken(() -> manualReview.dismiss(clientId, order.orderId(), reason, who.keyId()));
    }

    private static APIGatewayV2HTTPResponse taken(java.util.function.Supplier<java.util.Optional<Order>> change) {
        try {
            return HttpResponses.json(200, OrderRoutes.view(change.get().orElseThrow(ApiError::notFound)));
        } catch (ReviewChanges.NotInReview e) {
            throw new ApiError(409, "NOT_IN_REVIEW", e.getMessage(), null);
        }
    }

    private String operableSite(AdminPrincipal who, HttpRequest request, String what) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        if (!who.canOperate(clientId)) {
            throw ApiError.forbidden("a viewer key cannot " + what);
        }
        return clientId;
    }

    static Map<String, Object> intentView(Intent i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("intentId", i.intentId());
        v.put("reference", i.reference());
        v.put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
        v.put("buyerName", i.buyerName());
        v.put("buyerEmail", i.buyerEmail());
        v.put("amount", Map.of("minor", i.amount().minor(), "currency", i.amount().currency(),
                "decimal", i.amount().toDecimalString()));
        v.put("provider", i.provider());
        v.put("item", i.item());
        v.put("note", i.note());
        v.put("createdAt", i.createdAt());
        v.put("expiresAt", i.expiresAt() == 0 ? null : Instant.ofEpochSecond(i.expiresAt()).toString());
        v.put("orderId", i.orderId());
        return v;
    }
}
