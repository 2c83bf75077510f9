package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminAuth;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.log.JsonLog;
import dev.orderhub.runtime.Hub;

/**
 * The admin HTTP API: one function behind every {@code /admin/...} route. Routes are dispatched
 * on API Gateway's route key, so the template is the one list of what exists.
 */
public final class AdminApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final JsonLog LOG = JsonLog.get(AdminApiFunction.class);
    private final AdminAuth auth;
    private final SiteRoutes siteRoutes;
    private final OrderRoutes orderRoutes;

    public AdminApiFunction() {
        Hub hub = Hub.get();
        this.auth = new AdminAuth(hub.config().operatorKeyHash(), hub.adminKeys());
        this.siteRoutes = new SiteRoutes(hub.sites(), hub.adminKeys(), hub.clock());
        this.orderRoutes = new OrderRoutes(hub.sites(), hub.orders());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = HttpRequest.from(event);
        String route = event.getRouteKey();
        try {
            AdminPrincipal who = auth.authenticate(request.header("authorization")).orElseThrow(ApiError::unauthorized);
            APIGatewayV2HTTPResponse response = switch (route == null ? "" : route) {
                case "POST /admin/sites" -> siteRoutes.create(who, request);
                case "PUT /admin/sites/{clientId}/providers/{provider}" -> siteRoutes.putProvider(who, request);
                case "GET /admin/sites/{clientId}/providers/{provider}" -> siteRoutes.getProvider(who, request);
                case "GET /admin/sites/{clientId}/orders" -> orderRoutes.list(who, request);
                case "GET /admin/sites/{clientId}/orders/{orderId}" -> orderRoutes.get(who, request);
                default -> throw ApiError.notFound();
            };
            LOG.info("admin request", "route", route, "keyId", who.keyId(), "status", response.getStatusCode());
            return response;
        } catch (ApiError e) {
            LOG.info("admin request refused", "route", route, "status", e.status());
            return e.toResponse();
        }
    }
}
