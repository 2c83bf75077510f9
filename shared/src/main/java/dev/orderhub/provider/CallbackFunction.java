package dev.orderhub.provider;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.http.ApiGateway;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.log.LogContext;
import dev.orderhub.runtime.Hub;

/**
 * The Lambda entry point shared by every provider's callback function: each function module
 * only names its provider's id in the registry. Everything is wired once per container, in the constructor.
 */
public abstract class CallbackFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CallbackHandler handler;

    /** The function of the registry's provider {@code providerId} ({@link Providers}). */
    protected CallbackFunction(String providerId) {
        this(Providers.REGISTRY.find(providerId).orElseThrow(() -> new IllegalStateException("no provider " + providerId)));
    }

    protected CallbackFunction(Provider provider) {
        Hub hub = Hub.get();
        this.handler = new CallbackHandler(provider, hub.cachedSites(), hub.eventQueue(),
                hub.config().maxCallbackBytes(), hub.clock(), hub.deliveryLog());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private APIGatewayV2HTTPResponse invocation(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGateway.response(handler.handle(ApiGateway.request(event)));
    }
}
