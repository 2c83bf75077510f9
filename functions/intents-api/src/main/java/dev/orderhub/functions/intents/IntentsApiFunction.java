package dev.orderhub.functions.intents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.ApiGateway;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The hub's public, unauthenticated endpoints, called from the buyer's browser: creating a
 * payment intent and (with the intent's status token) reading its order's status. Dispatched on
 * API Gateway's route key, like the admin API.
 */
public final class IntentsApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final JsonLog LOG = JsonLog.get(IntentsApiFunction.class);
    private final Map<String, Function<HttpRequest, APIGatewayV2HTTPResponse>> routes;

    /** Lambda's constructor: once per container, from the function's environment. */
    public IntentsApiFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public IntentsApiFunction(Stack stack) {
        PublicLimits limits = new PublicLimits(stack.rateLimiter());
        IntentRoutes intents = new IntentRoutes(stack.sites(), stack.intents(), limits, stack.clock());
        StatusRoutes status = new StatusRoutes(stack.buyerStatus(), limits, stack.clock());
        this.routes = Map.of(
                "POST /sites/{clientId}/intents", intents::create,
                "OPTIONS /sites/{clientId}/intents", intents::preflight,
                "GET /orders/{publicOrderId}/status", status::status,
                "OPTIONS /orders/{publicOrderId}/status", status::preflight);
    }

    /** The route keys this function serves; a test checks template.yaml declares exactly these. */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private APIGatewayV2HTTPResponse invocation(APIGatewayV2HTTPEvent event, Context context) {
        String route = event.getRouteKey();
        try {
            Function<HttpRequest, APIGatewayV2HTTPResponse> handler = route == null ? null : routes.get(route);
            if (handler == null) {
                throw ApiError.notFound();
            }
            return handler.apply(ApiGateway.request(event));
        } catch (ApiError e) {
            LOG.info("public request refused", "route", route, "status", e.status());
            return HttpResponses.error(e);
        }
    }
}
