package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.customer.Customers;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.risk.RiskRulesStore;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.ActionType;
import dev.orderhub.workflow.InvalidWorkflow;
import dev.orderhub.workflow.RunStore;
import dev.orderhub.workflow.WebhookSecrets;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowDryRun;
import dev.orderhub.workflow.WorkflowParser;
import dev.orderhub.workflow.WorkflowRepository;
import dev.orderhub.workflow.WorkflowTemplates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workflows: CRUD (each save a new version), dry run against an order, template install, runs;
 * and the site's risk rules and webhook secret. Owners and operators change them; viewers read.
 */
final class WorkflowRoutes {
    private static final Pattern WORKFLOW_ID = Pattern.compile("wf_[a-z0-9]{16}");
    private static final Pattern ORDER_ID = Pattern.compile("[a-z0-9]{2,20}_[a-z0-9]{20}");
    private final SiteRepository sites;
    private final WorkflowRepository workflows;
    private final RunStore runs;
    private final OrderRepository orders;
    private final Customers customers;
    private final RiskRulesStore riskRules;
    private final WebhookSecrets webhookSecrets;
    private final Clock clock;

    WorkflowRoutes(SiteRepository sites, WorkflowRepository workflows, RunStore runs, OrderRepository orders,
            Customers customers, RiskRulesStore riskRules, WebhookSecrets webhookSecrets, Clock clock) {
        this.sites = sites;
        this.workflows = workflows;
        this.runs = runs;
        this.orders = orders;
        this.customers = customers;
        this.riskRules = riskRules;
        this.webhookSecrets = webhookSecrets;
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
        return saved(201, clientId, AdminBodies.object(request), WorkflowRepository.newId(), 0, who);
    }

    /** GET /admin/sites/{clientId}/workflows/{workflowId}. */
    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        return HttpResponses.json(200, view(workflow(clientId, request)));
    }

    /** PUT /admin/sites/{clientId}/workflows/{workflowId}: the whole definition again; a new version. */
    APIGatewayV2HTTPResponse put(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        Workflow current = workflow(clientId, request);
        return saved(200, clientId, AdminBodies.object(request), current.id(), current.version(), who);
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
        Order order = orders.find(clientId, orderId).orElseThrow(() -> new ApiError(404, "NOT_FOUND", "no such order", "orderId"));
        boolean first = order.buyerEmail() != null && customers.isFirstOrder(clientId, order.buyerEmail(), orderId);
        String siteName = sites.find(clientId).map(Site::name).orElse("");
        return HttpResponses.json(200, WorkflowDryRun.of(w, order, first, siteName));
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
        List<String> staff = new ArrayList<>();
        JsonNode s = body.get("staff");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                throw ApiError.invalid("staff", "staff must be a list of e-mail addresses");
            }
            s.forEach(x -> staff.add(x.asText()));
        }
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw ApiError.invalid("enabled", "enabled must be true or false");
        }
        // Off unless asked: like Shopify Flow, an installed template is looked at before it is turned on.
        JsonNode definition = WorkflowTemplates.definition(name, new WorkflowTemplates.Params(
                AdminBodies.string(body, "from", 254), staff, enabled != null && enabled.booleanValue()));
        return saved(201, clientId, definition, WorkflowRepository.newId(), 0, who);
    }

    /** GET /admin/sites/{clientId}/workflows/{workflowId}/runs?limit=. */
    APIGatewayV2HTTPResponse runs(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        String id = request.pathParameter("workflowId");
        if (id == null || !WORKFLOW_ID.matcher(id).matches()) {
            throw ApiError.notFound();
        }
        int limit = 50;
        String l = request.query("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw ApiError.invalid("limit", "limit must be 1 to 100");
            }
        }
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
        try {
            var rules = RiskRulesStore.parse(AdminBodies.object(request));
            riskRules.put(clientId, rules);
            return HttpResponses.json(200, RiskRulesStore.toJson(rules));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    /** POST /admin/sites/{clientId}/workflows/webhook-secret: a new signing secret, shown this once. */
    APIGatewayV2HTTPResponse rotateWebhookSecret(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(who, request);
        return HttpResponses.json(200, Map.of("webhookSecret", webhookSecrets.rotate(clientId)));
    }

    /** Validates and stores a new version; 400 listing every problem with its path when the definition is wrong. */
    private APIGatewayV2HTTPResponse saved(int status, String clientId, JsonNode body, String id, long readVersion,
            AdminPrincipal who) {
        Workflow w;
        try {
            w = WorkflowParser.parse(body, id, readVersion + 1, clock.instant().toString());
        } catch (InvalidWorkflow e) {
            return HttpResponses.json(400, Map.of(
                    "error", Map.of("code", "INVALID_WORKFLOW", "message", e.getMessage(), "field", e.problems().get(0).path()),
                    "problems", e.problems()));
        }
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
        return HttpResponses.json(status, out);
    }

    private Workflow workflow(String clientId, HttpRequest request) {
        String id = request.pathParameter("workflowId");
        if (id == null || !WORKFLOW_ID.matcher(id).matches()) {
            throw ApiError.notFound();
        }
        return workflows.find(clientId, id).orElseThrow(ApiError::notFound);
    }

    private String configurableSite(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        if (!who.canConfigure(clientId)) {
            throw ApiError.forbidden("this key cannot change workflows or risk rules");
        }
        return clientId;
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
