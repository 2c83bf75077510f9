package dev.orderhub.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.orderhub.admin.AdminAuth;
import dev.orderhub.admin.AuthorizerContext;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import java.util.Map;

/**
 * The HTTP API's Lambda authorizer for the admin routes (payload format 2.0, simple responses):
 * resolves the {@code Authorization} header to an admin key and hands API Gateway the caller as
 * {@link AuthorizerContext}. Results are never cached, so a revoked key is refused at once.
 *
 * <p>A missing or bad key is also "authorized", with {@code authenticated: "false"} in the
 * context: API Gateway's own refusal would answer {@code 403 {"message":"Forbidden"}}, not the
 * hub's {@code 401 {"error":{"code":"UNAUTHORIZED",...}}}, so the admin function gives that answer.
 */
public final class AdminAuthorizerFunction implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final AdminAuth auth;

    /** Lambda's constructor: once per container, from the function's environment. */
    public AdminAuthorizerFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public AdminAuthorizerFunction(Stack stack) {
        this.auth = new AdminAuth(stack.config().operatorKeyHashes(), stack.adminKeys());
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private Map<String, Object> invocation(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String header = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
        return Map.of("isAuthorized", true, "context", AuthorizerContext.of(auth.authenticate(header)));
    }
}
