package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.order.ManualReply;
import dev.orderhub.order.ManualStatusChange;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.site.SiteRepository;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** What an owner or operator does to one order by hand: change its status, write to its buyer. */
final class OrderActionRoutes {
    private final SiteRepository sites;
    private final OrderRepository orders;
    private final ManualStatusChange statusChange;
    private final ManualReply reply;

    OrderActionRoutes(SiteRepository sites, OrderRepository orders, ManualStatusChange statusChange, ManualReply reply) {
        this.sites = sites;
        this.orders = orders;
        this.statusChange = statusChange;
        this.reply = reply;
    }

    /** POST /admin/sites/{clientId}/orders/{orderId}/status {status, reason}. */
    APIGatewayV2HTTPResponse status(AdminPrincipal who, HttpRequest request) {
        String clientId = operableSite(who, request, "change order status");
        Order order = OrderRoutes.order(orders, clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("status", "reason"));
        OrderStatus target = status(AdminBodies.requiredString(body, "status", 30));
        String reason = AdminBodies.requiredString(body, "reason", 500);
        try {
            Order after = statusChange.apply(clientId, order.orderId(), target, reason, who.keyId())
                    .orElseThrow(ApiError::notFound);
            return HttpResponses.json(200, OrderRoutes.view(after));
        } catch (ManualStatusChange.IllegalTransition e) {
            throw new ApiError(409, "ILLEGAL_TRANSITION", e.getMessage(), "status");
        }
    }

    /** POST /admin/sites/{clientId}/orders/{orderId}/reply {subject, body}. */
    APIGatewayV2HTTPResponse reply(AdminPrincipal who, HttpRequest request) {
        String clientId = operableSite(who, request, "reply to buyers");
        Order order = OrderRoutes.order(orders, clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("subject", "body"));
        String subject = AdminBodies.requiredString(body, "subject", 200);
        String text = AdminBodies.requiredString(body, "body", 10_000);
        try {
            String messageId = reply.send(order, subject, text, who.keyId());
            return HttpResponses.json(202, Map.of("messageId", messageId));
        } catch (ManualReply.NotSendable e) {
            throw new ApiError(409, "NOT_SENDABLE", e.getMessage(), null);
        }
    }

    private String operableSite(AdminPrincipal who, HttpRequest request, String what) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        if (!who.canOperate(clientId)) {
            throw ApiError.forbidden("a viewer key cannot " + what);
        }
        return clientId;
    }

    private static OrderStatus status(String wire) {
        try {
            return OrderStatus.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("status", "status must be one of "
                    + Arrays.stream(OrderStatus.values()).map(OrderStatus::wire).toList());
        }
    }
}
