package dev.orderhub.provider;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.http.ApiGateway;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.log.LogContext;
import dev.orderhub.runtime.Stack;

/**
 * The Lambda entry point shared by every provider's callback function: each function module
 * only names its provider's id in the registry. Everything is wired once per container, in the
 * constructor: on Lambda from the function's environment, in local mode and tests from the
 * {@link Stack} they give it.
 */
public abstract class CallbackFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CallbackHandler handler;

    /** The function of the registry's provider {@code providerId} ({@link Providers}), built from {@code stack}. */
    protected CallbackFunction(String providerId, Stack stack) {
        this(Providers.REGISTRY.find(providerId).orElseThrow(() -> new IllegalStateException("no provider " + providerId)), stack);
    }

    protected CallbackFunction(Provider provider, Stack stack) {
        this.handler = new CallbackHandler(provider, stack.cachedSites(), stack.eventQueue(),
                stack.config().maxCallbackBytes(), stack.clock(), stack.deliveryLog());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private APIGatewayV2HTTPResponse invocation(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGateway.response(handler.handle(ApiGateway.request(event)));
    }
}
