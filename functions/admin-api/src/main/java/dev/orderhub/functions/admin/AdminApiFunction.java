package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminAuth;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.admin.AuthorizerContext;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.ApiGateway;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.order.ManualReply;
import dev.orderhub.order.ManualReview;
import dev.orderhub.workflow.AutoReplyState;
import dev.orderhub.workflow.DefaultWorkflowMigration;
import dev.orderhub.order.ManualStatusChange;
import dev.orderhub.runtime.Stack;
import dev.orderhub.site.SecretsMigration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin HTTP API: one function behind every {@code /admin/...} route. Routes are dispatched
 * on API Gateway's route key, so the template is the one list of what exists.
 */
public final class AdminApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final JsonLog LOG = JsonLog.get(AdminApiFunction.class);
    private final AdminAuth auth;
    private final Map<String, Route> routes;
    private final AdminUi ui = new AdminUi();
    private final ApiDescription description = new ApiDescription();

    /** One admin route: who is calling (already authenticated) and what they sent. */
    interface Route {
        APIGatewayV2HTTPResponse handle(AdminPrincipal who, HttpRequest request);
    }

    /**
     * The routes that take query parameters and check them themselves; every other route
     * refuses any, so that a misspelt parameter is an error rather than silently ignored.
     */
    private static final Set<String> QUERY_ROUTES = Set.of("GET /admin/sites", "POST /admin/secrets/seal",
            "POST /admin/migrations/default-workflow", "DELETE /admin/sites/{clientId}",
            "GET /admin/sites/{clientId}/orders", "GET /admin/sites/{clientId}/review",
            "GET /admin/sites/{clientId}/subscriptions", "GET /admin/sites/{clientId}/insights",
            "GET /admin/sites/{clientId}/workflows/{workflowId}/runs",
            "GET /admin/sites/{clientId}/export", "GET /admin/sites/{clientId}/deliveries");

    /** Lambda's constructor: once per container, from the function's environment. */
    public AdminApiFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. The routes' wiring. */
    public AdminApiFunction(Stack stack) {
        this.auth = new AdminAuth(stack.config().operatorKeyHashes(), stack.adminKeys());
        SiteSenders senders = stack.siteSenders();
        SiteRoutes sites = new SiteRoutes(stack.sites(), stack.adminKeys(), stack.thankYouWorkflow(), senders, stack.clock());
        MailRoutes mail = new MailRoutes(stack.sites(), stack.siteMail(), senders);
        OrderRoutes orders = new OrderRoutes(stack.sites(), stack.orders(), stack.audit(), stack.mailMessages(),
                stack.workflowRuns(), new AutoReplyState(stack.workflowRuns()), stack.adminKeys());
        ReviewRoutes review = new ReviewRoutes(stack.sites(), stack.orders(), stack.intents(), stack.intentMatcher(), stack.audit(),
                stack.statusChanges(), new ManualReview(stack.orderCommit(), stack.clock()), stack.clock());
        DeadLetterRoutes deadLetters = new DeadLetterRoutes(stack.sites(),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(stack.deadLetters()), stack.workflowRunDeadLetters().stream()).toList(),
                stack.failureLog(), stack.siteDeadLetters(), stack.orders());
        AutoReplyPreviewRoutes autoReplyPreview = new AutoReplyPreviewRoutes(stack.sites());
        OrderActionRoutes actions = new OrderActionRoutes(stack.sites(), stack.orders(),
                stack.manualStatusChange(),
                new ManualReply(stack.sites(), stack.mailer(), senders, stack.mailMessages(), stack.audit(), stack.clock()));
        KeyRoutes keys = new KeyRoutes(stack.sites(), stack.adminKeys());
        SiteLifecycleRoutes lifecycle = new SiteLifecycleRoutes(stack.sites(), stack.clock());
        SubscriptionRoutes subscriptions = new SubscriptionRoutes(stack.sites(), stack.records());
        InsightRoutes insights = new InsightRoutes(stack.sites(), stack.orders());
        ExportRoutes export = new ExportRoutes(stack.sites(), stack.orders(), stack.records());
        WorkflowRoutes workflows = new WorkflowRoutes(stack.sites(), stack.workflows(), stack.workflowRuns(), stack.orders(),
                stack.customers(), stack.riskRules(), stack.webhookSecrets(), senders, stack.clock());
        SyncRoutes sync = new SyncRoutes(stack.syncSources(), stack.sites(), stack.syncJobs(), stack.syncStarter(), stack.syncSchedules(),
                stack.clock());
        DeliveryRoutes deliveries = new DeliveryRoutes(stack.sites(), stack.deliveryHistory(), stack.clock());
        OperatorMigrationRoutes migrations = new OperatorMigrationRoutes(
                new SecretsMigration(stack.sites(), stack.webhookSecrets(), stack.providers(), stack.clock()),
                new DefaultWorkflowMigration(stack.sites(), stack.thankYouWorkflow()));
        this.routes = Map.ofEntries(
                Map.entry("POST /admin/secrets/seal", migrations::seal),
                Map.entry("POST /admin/migrations/default-workflow", migrations::installDefaultWorkflow),
                Map.entry("POST /admin/sites/{clientId}/sync/{provider}", sync::start),
                Map.entry("GET /admin/sites/{clientId}/sync/{provider}", sync::get),
                Map.entry("PUT /admin/sites/{clientId}/sync/{provider}/schedule", sync::putSchedule),
                Map.entry("GET /admin/sites/{clientId}/sync/{provider}/schedule", sync::getSchedule),
                Map.entry("POST /admin/sites", sites::create),
                Map.entry("GET /admin/sites", lifecycle::list),
                Map.entry("GET /admin/sites/{clientId}", lifecycle::get),
                Map.entry("PATCH /admin/sites/{clientId}", lifecycle::patch),
                Map.entry("DELETE /admin/sites/{clientId}", lifecycle::delete),
                Map.entry("POST /admin/sites/{clientId}/keys", keys::issue),
                Map.entry("GET /admin/sites/{clientId}/keys", keys::list),
                Map.entry("DELETE /admin/sites/{clientId}/keys/{keyId}", keys::revoke),
                Map.entry("GET /admin/sites/{clientId}/subscriptions", subscriptions::list),
                Map.entry("GET /admin/sites/{clientId}/insights", insights::get),
                Map.entry("GET /admin/sites/{clientId}/export", export::export),
                Map.entry("PUT /admin/sites/{clientId}/providers/{provider}", sites::putProvider),
                Map.entry("GET /admin/sites/{clientId}/providers/{provider}", sites::getProvider),
                Map.entry("GET /admin/sites/{clientId}/orders", orders::list),
                Map.entry("GET /admin/sites/{clientId}/orders/{orderId}", orders::get),
                Map.entry("PUT /admin/sites/{clientId}/settings", sites::putSettings),
                Map.entry("GET /admin/sites/{clientId}/settings", sites::getSettings),
                Map.entry("POST /admin/sites/{clientId}/settings/auto-reply/preview", autoReplyPreview::preview),
                Map.entry("PUT /admin/sites/{clientId}/mail", mail::put),
                Map.entry("GET /admin/sites/{clientId}/mail", mail::get),
                Map.entry("GET /admin/sites/{clientId}/review", review::list),
                Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/match", review::match),
                Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/review/confirm", review::confirm),
                Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/review/dismiss", review::dismiss),
                Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/status", actions::status),
                Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/reply", actions::reply),
                Map.entry("GET /admin/sites/{clientId}/dead-letters", deadLetters::list),
                Map.entry("GET /admin/sites/{clientId}/dead-letters/{messageId}", deadLetters::get),
                Map.entry("POST /admin/sites/{clientId}/dead-letters/redrive", deadLetters::redrive),
                Map.entry("POST /admin/sites/{clientId}/dead-letters/{messageId}/discard", deadLetters::discard),
                Map.entry("GET /admin/dead-letters", deadLetters::listAll),
                Map.entry("GET /admin/sites/{clientId}/deliveries", deliveries::list),
                Map.entry("GET /admin/sites/{clientId}/workflows", workflows::list),
                Map.entry("POST /admin/sites/{clientId}/workflows", workflows::create),
                Map.entry("GET /admin/sites/{clientId}/workflows/{workflowId}", workflows::get),
                Map.entry("PUT /admin/sites/{clientId}/workflows/{workflowId}", workflows::put),
                Map.entry("DELETE /admin/sites/{clientId}/workflows/{workflowId}", workflows::delete),
                Map.entry("POST /admin/sites/{clientId}/workflows/{workflowId}/dry-run", workflows::dryRun),
                Map.entry("GET /admin/sites/{clientId}/workflows/{workflowId}/runs", workflows::runs),
                Map.entry("POST /admin/sites/{clientId}/workflows/templates/{name}/install", workflows::install),
                Map.entry("POST /admin/sites/{clientId}/workflows/webhook-secret", workflows::rotateWebhookSecret),
                Map.entry("GET /admin/sites/{clientId}/risk-rules", workflows::getRiskRules),
                Map.entry("PUT /admin/sites/{clientId}/risk-rules", workflows::putRiskRules));
    }

    /** The route keys this function serves; a test checks template.yaml declares exactly these. */
    public Set<String> routeKeys() {
        Set<String> keys = new java.util.HashSet<>(routes.keySet());
        keys.addAll(AdminUi.ROUTE_KEYS);
        keys.add(ApiDescription.ROUTE_KEY);
        return keys;
    }

    /**
     * Behind API Gateway the admin key authorizer has already resolved the key (its context is
     * the caller); invoked directly, with no authorizer in front (`./orderhub invoke`), the
     * function checks the key itself.
     */
    private Optional<AdminPrincipal> caller(APIGatewayV2HTTPEvent event, HttpRequest request) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        Map<String, Object> context = rc == null || rc.getAuthorizer() == null ? null : rc.getAuthorizer().getLambda();
        return context != null ? AuthorizerContext.principal(context) : auth.authenticate(request.header("authorization"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private APIGatewayV2HTTPResponse invocation(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = ApiGateway.request(event);
        String route = event.getRouteKey();
        if (route != null && AdminUi.ROUTE_KEYS.contains(route)) {
            return ui.serve(request); // the page's static files need no key
        }
        if (ApiDescription.ROUTE_KEY.equals(route)) {
            return description.serve(request); // the API's description holds no data either
        }
        try {
            AdminPrincipal who = caller(event, request).orElseThrow(ApiError::unauthorized);
            Route handler = route == null ? null : routes.get(route);
            if (handler == null) {
                throw ApiError.notFound();
            }
            if (!QUERY_ROUTES.contains(route)) {
                AdminQuery.only(request, Set.of());
            }
            APIGatewayV2HTTPResponse response = handler.handle(who, request);
            LOG.info("admin request", "route", route, "keyId", who.keyId(), "status", response.getStatusCode());
            return response;
        } catch (ApiError e) {
            LOG.info("admin request refused", "route", route, "status", e.status());
            return HttpResponses.error(e);
        }
    }
}
