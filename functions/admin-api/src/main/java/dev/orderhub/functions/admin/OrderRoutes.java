package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.order.AuditTrail;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.site.SiteRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A site's orders: the list (newest first, cursor-paged) and one order with its history and audit trail. */
final class OrderRoutes {
    private static final Pattern ORDER_ID = Pattern.compile("[a-z0-9]{2,20}_[a-z0-9]{20}");
    private final SiteRepository sites;
    private final OrderRepository orders;
    private final AuditTrail audit;

    OrderRoutes(SiteRepository sites, OrderRepository orders, AuditTrail audit) {
        this.sites = sites;
        this.orders = orders;
        this.audit = audit;
    }

    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        OrderRepository.Page page;
        try {
            page = orders.listBySite(clientId, limit(request), request.query("cursor"));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("cursor", "cursor is not valid");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orders", page.orders().stream().map(OrderRoutes::view).toList());
        out.put("next", page.next());
        return HttpResponses.json(200, out);
    }

    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        Order order = order(orders, clientId, request);
        Map<String, Object> out = view(order);
        out.put("history", orders.history(clientId, order.orderId()).stream().map(OrderRoutes::historyView).toList());
        out.put("audit", audit.list(clientId, order.orderId()));
        return HttpResponses.json(200, out);
    }

    /** The {limit} query parameter: 1 to 200, 50 when absent. */
    static int limit(HttpRequest request) {
        String l = request.query("limit");
        if (l == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(l);
            if (limit >= 1 && limit <= 200) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.invalid("limit", "limit must be a whole number from 1 to 200");
    }

    /** The order in the path, of a site the caller may see; 404 otherwise. */
    static Order order(OrderRepository orders, String clientId, HttpRequest request) {
        String orderId = request.pathParameter("orderId");
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ApiError.notFound();
        }
        return orders.find(clientId, orderId).orElseThrow(ApiError::notFound);
    }

    static Map<String, Object> view(Order o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orderId", o.orderId());
        out.put("clientId", o.clientId());
        out.put("provider", o.provider());
        out.put("orderRef", o.orderRef());
        out.put("status", o.status().wire());
        if (o.amount() != null) {
            out.put("amount", Map.of("minor", o.amount().minor(), "currency", o.amount().currency(),
                    "decimal", o.amount().toDecimalString()));
        }
        out.put("refundedMinor", o.refundedMinor());
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", o.buyerName());
        buyer.put("email", o.buyerEmail());
        out.put("buyer", buyer);
        out.put("message", o.message());
        out.put("items", o.items());
        out.put("category", o.category());
        out.put("test", o.test());
        out.put("createdAt", o.createdAt());
        out.put("updatedAt", o.updatedAt());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("state", o.reply().state().name().toLowerCase(java.util.Locale.ROOT));
        reply.put("sentAt", o.reply().sentAt());
        reply.put("lastError", o.reply().lastError());
        out.put("autoReply", reply);
        out.put("attributes", o.attributes());
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("intentId", o.match().intentId());
        match.put("reason", o.match().reason());
        match.put("review", o.match().review().name().toLowerCase(java.util.Locale.ROOT));
        match.put("candidates", o.match().candidates());
        match.put("decidedAt", o.match().decidedAt());
        out.put("match", match);
        out.put("version", o.version());
        return out;
    }

    private static Map<String, Object> historyView(PaymentEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", e.eventId());
        out.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("occurredAt", e.occurredAt());
        out.put("receivedAt", e.receivedAt());
        if (e.amount() != null) {
            out.put("amount", Map.of("minor", e.amount().minor(), "currency", e.amount().currency()));
        }
        out.put("rawContentType", e.rawContentType());
        out.put("raw", e.raw());
        return out;
    }
}
