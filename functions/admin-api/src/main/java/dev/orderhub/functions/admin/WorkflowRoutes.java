package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.customer.Customers;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.provider.Providers;
import dev.orderhub.risk.InvalidRiskRules;
import dev.orderhub.risk.RiskRules;
import dev.orderhub.risk.RiskRulesStore;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.ActionCredentials;
import dev.orderhub.workflow.ActionType;
import dev.orderhub.workflow.InvalidWorkflow;
import dev.orderhub.workflow.RunStore;
import dev.orderhub.workflow.WebhookSecrets;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowDryRun;
import dev.orderhub.workflow.WorkflowIds;
import dev.orderhub.workflow.WorkflowMailRules;
import dev.orderhub.workflow.WorkflowParser;
import dev.orderhub.workflow.WorkflowRepository;
import dev.orderhub.workflow.WorkflowTemplates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workflows: CRUD (each save a new version), dry run against an order, template install, runs;
 * and the site's risk rules and webhook secret. Owners and operators change them; viewers read.
 */
final class WorkflowRoutes {
    private static final Pattern ORDER_ID = Pattern.compile("[a-z0-9]{2,20}_[a-z0-9]{20}");
    /** Where a saved webhook may point: public addresses only, whatever local mode allows its own calls. */
    private static final OutboundAddresses WEBHOOK_ADDRESSES = OutboundAddresses.publicOnly(HostResolver.SYSTEM);
    private final SiteRepository sites;
    private final WorkflowRepository workflows;
    private final RunStore runs;
    private final OrderRepository orders;
    private final Customers customers;
    private final RiskRulesStore riskRules;
    private final WebhookSecrets webhookSecrets;
    private final SiteSenders senders;
    private final Clock clock;

    WorkflowRoutes(SiteRepository sites, WorkflowRepository workflows, RunStore runs, OrderRepository orders,
            Customers customers, RiskRulesStore riskRules, WebhookSecrets webhookSecrets, SiteSenders senders, Clock clock) {
        this.sites = sites;
        this.workflows = workflows;
        this.runs = runs;
        this.orders = orders;
        this.customers = customers;
        this.riskRules = riskRules;
        this.webhookSecrets = webhookSecrets;
        this.senders = senders;
        this.clock = clock;
    }

    /** GET /admin/sites/{clientId}/workflows. */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        List<Object> out = new ArrayList<>();
        workflows.list(clientId).forEach(w -> out.add(view(w)));
        return HttpResponses.json(200, Map.of("workflows", out));
    }

    /** POST /admin/sites/{clientId}/workflows: a new workflow, version 1. */
    APIGatewayV2HTTPResponse create(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        return saved(201, clientId, AdminBodies.object(request), WorkflowIds.newId(), 0, who);
    }

    /** GET /admin/sites/{clientId}/workflows/{workflowId}, with its version as ETag (for a PUT's If-Match). */
    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        Workflow w = workflow(clientId, request);
        return withEtag(HttpResponses.json(200, view(w)), w.version());
    }

    /**
     * PUT /admin/sites/{clientId}/workflows/{workflowId}: the whole definition again; a new version.
     * With If-Match (the ETag of the copy the editor started from), made from that version or
     * refused with 412; without it, made from the version read now (a save between that read and
     * this write is still a 409).
     */
    APIGatewayV2HTTPResponse put(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        Workflow current = workflow(clientId, request);
        JsonNode body = AdminBodies.object(request);
        OptionalLong expected = WorkflowEtag.ifMatch(request.header("if-match"));
        if (expected.isPresent() && expected.getAsLong() != current.version()) {
            throw stale(current);
        }
        try {
            return saved(200, clientId, body, current.id(), current.version(), who);
        } catch (ApiError e) {
            // The version moved on between the check above and the conditional write.
            throw expected.isPresent() && e.status() == 409 ? stale(current) : e;
        }
    }

    private static ApiError stale(Workflow read) {
        return new ApiError(412, "PRECONDITION_FAILED", "workflow " + read.id()
                + " was saved by someone else since the copy named by If-Match; read it again (GET) and redo the change", "If-Match");
    }

    /** DELETE /admin/sites/{clientId}/workflows/{workflowId}: stops it; its versions and runs stay. */
    APIGatewayV2HTTPResponse delete(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        Workflow current = workflow(clientId, request);
        if (!workflows.delete(clientId, current.id())) {
            throw ApiError.notFound();
        }
        return HttpResponses.empty(204);
    }

    /** POST /admin/sites/{clientId}/workflows/{workflowId}/dry-run {orderId}: what it would do now. */
    APIGatewayV2HTTPResponse dryRun(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        Workflow w = workflow(clientId, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("orderId"));
        String orderId = AdminBodies.requiredString(body, "orderId", 300);
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw ApiError.invalid("orderId", "orderId is not an order id");
        }
        // Its e-mail templates are checked as a save checks them: one saved before a check existed
        // (a partial that loads a file) is refused here, naming the tag, and never rendered.
        try {
            WorkflowParser.checkTemplates(w);
        } catch (InvalidWorkflow e) {
            return invalid(e);
        }
        Order order = orders.find(clientId, orderId).orElseThrow(() -> new ApiError(404, "NOT_FOUND", "no such order", "orderId"));
        boolean first = order.buyerEmail() != null && customers.isFirstOrder(clientId, order.buyerEmail(), orderId);
        String siteName = sites.find(clientId).map(Site::name).orElse("");
        return HttpResponses.json(200, WorkflowDryRun.of(w, order, first, siteName, Providers.REGISTRY));
    }

    /** POST /admin/sites/{clientId}/workflows/templates/{name}/install {from, staff, enabled}. */
    APIGatewayV2HTTPResponse install(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        String name = request.pathParameter("name");
        if (name == null || !WorkflowTemplates.NAMES.contains(name)) {
            throw new ApiError(404, "NOT_FOUND", "no template " + name + "; shipped: "
                    + WorkflowTemplates.NAMES.stream().sorted().toList(), null);
        }
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("from", "staff", "enabled"));
        String from = AdminBodies.email(body, "from");
        List<String> staff = AdminBodies.emails(body, "staff", 10); // an e-mail action takes 1 to 10 recipients
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw ApiError.invalid("enabled", "enabled must be true or false");
        }
        // Off unless asked: like Shopify Flow, an installed template is looked at before it is turned on.
        JsonNode definition = WorkflowTemplates.definition(name, new WorkflowTemplates.Params(
                from, staff, enabled != null && enabled.booleanValue()));
        Workflow w;
        try {
            w = WorkflowParser.parse(definition, WorkflowIds.newId(), 1, clock.instant().toString(), WEBHOOK_ADDRESSES);
        } catch (InvalidWorkflow e) {
            // The definition is made from the install's parameters: a problem in it is one in the parameter that filled it.
            InvalidWorkflow.Problem p = e.problems().get(0);
            String param = installParameter(p.path());
            throw ApiError.invalid(param, "template " + name + ": " + param + " " + p.message());
        }
        List<InvalidWorkflow.Problem> mail = WorkflowMailRules.problems(w, senders.mail(clientId), senders);
        if (!mail.isEmpty()) {
            InvalidWorkflow.Problem p = mail.get(0);
            throw ApiError.invalid(installParameter(p.path()), "template " + name + ": " + p.message());
        }
        // Its payment action could only fail for good without the provider's credential: refused
        // now, naming it, rather than installed to fail on the first high-risk order.
        ActionCredentials.missing(w, sites, clientId, Providers.REGISTRY).ifPresent(m -> {
            throw new ApiError(409, "MISSING_CREDENTIAL", "template " + name + ": " + m.message()
                    + " (PUT /admin/sites/{clientId}/providers/{provider}), then install it", m.credential());
        });
        return stored(201, clientId, w, 0, who);
    }

    /** The install parameter behind a path in a template's definition: the sender, or the staff list ({@code to}). */
    private static String installParameter(String definitionPath) {
        if (definitionPath.endsWith(".from")) {
            return "from";
        }
        return definitionPath.matches(".*\\.to(\\[[0-9]+])?") ? "staff" : "body";
    }

    /** GET /admin/sites/{clientId}/workflows/{workflowId}/runs?limit=. */
    APIGatewayV2HTTPResponse runs(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        String id = request.pathParameter("workflowId");
        if (!WorkflowIds.isId(id)) {
            throw ApiError.notFound();
        }
        AdminQuery.only(request, Set.of("limit"));
        int limit = AdminQuery.integer(request, "limit", 1, 100, 50);
        return HttpResponses.json(200, Map.of("runs", runs.list(clientId, id, limit)));
    }

    /** GET /admin/sites/{clientId}/risk-rules. */
    APIGatewayV2HTTPResponse getRiskRules(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        return HttpResponses.json(200, RiskRulesStore.toJson(riskRules.find(clientId)));
    }

    /** PUT /admin/sites/{clientId}/risk-rules: the whole rule set. */
    APIGatewayV2HTTPResponse putRiskRules(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        JsonNode body = AdminBodies.object(request);
        RiskRules rules;
        try {
            rules = RiskRulesStore.parse(body);
        } catch (InvalidRiskRules e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
        riskRules.put(clientId, rules);
        return HttpResponses.json(200, RiskRulesStore.toJson(rules));
    }

    /** POST /admin/sites/{clientId}/workflows/webhook-secret: a new signing secret, shown this once. */
    APIGatewayV2HTTPResponse rotateWebhookSecret(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        // Takes no fields: the hub makes the secret, a client cannot choose its own.
        AdminBodies.rejectUnknown(AdminBodies.object(request), Set.of());
        return HttpResponses.json(200, Map.of("webhookSecret", webhookSecrets.rotate(clientId)));
    }

    /**
     * Validates and stores a definition as a new version; when it is wrong, a 400 whose field is
     * the path of the first problem (like {@code condition.all[1].op}) and which lists every problem with its path.
     */
    private APIGatewayV2HTTPResponse saved(int status, String clientId, JsonNode body, String id, long readVersion,
            AdminPrincipal who) {
        Workflow w;
        try {
            w = WorkflowParser.parse(body, id, readVersion + 1, clock.instant().toString(), WEBHOOK_ADDRESSES);
        } catch (InvalidWorkflow e) {
            return invalid(e);
        }
        // Who its e-mails may be from and to depends on the site's settings, not on the definition alone.
        List<InvalidWorkflow.Problem> mail = WorkflowMailRules.problems(w, senders.mail(clientId), senders);
        if (!mail.isEmpty()) {
            return invalid(new InvalidWorkflow(mail));
        }
        return stored(status, clientId, w, readVersion, who);
    }

    private static APIGatewayV2HTTPResponse invalid(InvalidWorkflow e) {
        return HttpResponses.json(400, Map.of(
                "error", Map.of("code", "INVALID_WORKFLOW", "message", e.getMessage(), "field", e.problems().get(0).path()),
                "problems", e.problems()));
    }

    /** Stores a checked definition as a new version; 409 when another save came first. */
    private APIGatewayV2HTTPResponse stored(int status, String clientId, Workflow w, long readVersion, AdminPrincipal who) {
        try {
            workflows.save(clientId, w, readVersion, who.keyId());
        } catch (WorkflowRepository.Conflict e) {
            throw new ApiError(409, "CONFLICT", e.getMessage(), null);
        }
        Map<String, Object> out = view(w);
        boolean signs = w.actions().stream().anyMatch(a -> a.type() == ActionType.WEBHOOK)
                || w.otherwise().stream().anyMatch(a -> a.type() == ActionType.WEBHOOK);
        if (signs) {
            webhookSecrets.createIfAbsent(clientId).ifPresent(secret -> out.put("webhookSecret", secret));
        }
        return withEtag(HttpResponses.json(status, out), w.version());
    }

    private static APIGatewayV2HTTPResponse withEtag(APIGatewayV2HTTPResponse r, long version) {
        Map<String, String> headers = new java.util.HashMap<>(r.getHeaders());
        headers.put("etag", WorkflowEtag.of(version));
        r.setHeaders(headers);
        return r;
    }

    private Workflow workflow(String clientId, HttpRequest request) {
        String id = request.pathParameter("workflowId");
        if (!WorkflowIds.isId(id)) {
            throw ApiError.notFound();
        }
        return workflows.find(clientId, id).orElseThrow(ApiError::notFound);
    }

    private String configurableSite(AdminPrincipal who, HttpRequest request) {
        return SiteRoutes.configurableSite(sites, who, request, "this key cannot change workflows or risk rules");
    }

    private static Map<String, Object> view(Workflow w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflowId", w.id());
        out.put("version", w.version());
        out.put("updatedAt", w.updatedAt());
        out.put("definition", w.definition());
        return out;
    }
}
