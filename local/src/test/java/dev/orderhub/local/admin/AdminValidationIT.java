package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every admin route in template.yaml, given malformed input, answers 400 in the one error shape
 * naming the field: broken JSON, a body that is not an object, unknown fields, wrong types,
 * over-long strings, bad enums, and unknown query parameters.
 */
class AdminValidationIT {
    private static final String LONG = "x".repeat(1001);

    /** A valid workflow action, so that a bad workflow body has exactly the fault its case names. */
    private static final Map<String, String> TAG = Map.of("type", "add_order_tag", "tag", "checked");

    /** Route-specific bad bodies and the field each must name; a body route missing here fails the test. */
    private static final Map<String, List<Case>> BODY_CASES = Map.ofEntries(
            Map.entry("POST /admin/sites/{clientId}/sync/{provider}", List.of(new Case(Map.of("mode", "full"), "mode"),
                    new Case(Map.of(), "mode"), new Case(Map.of("mode", "backfill"), "since"),
                    new Case(Map.of("mode", "backfill", "since", "last year"), "since"),
                    new Case(Map.of("mode", "backfill", "since", "2999-01-01"), "since"),
                    new Case(Map.of("mode", "incremental", "since", "2024-01-01"), "since"))),
            Map.entry("PUT /admin/sites/{clientId}/sync/{provider}/schedule", List.of(new Case(Map.of("enabled", "yes"), "enabled"),
                    new Case(Map.of(), "enabled"), new Case(Map.of("enabled", true, "intervalMinutes", 5), "intervalMinutes"),
                    new Case(Map.of("enabled", true, "intervalMinutes", "60"), "intervalMinutes"))),
            Map.entry("POST /admin/sites", List.of(new Case(Map.of("name", 5), "name"), new Case(Map.of("name", LONG), "name"),
                    new Case(Map.of(), "name"))),
            Map.entry("PUT /admin/sites/{clientId}/providers/{provider}", List.of(new Case(Map.of("verificationToken", 5), "verificationToken"),
                    new Case(Map.of("verificationToken", LONG), "verificationToken"),
                    new Case(Map.of("autoReply", Map.of("enabled", "yes")), "autoReply.enabled"))),
            Map.entry("PUT /admin/sites/{clientId}/settings", List.of(new Case(Map.of("autoMatch", "yes"), "autoMatch"),
                    new Case(Map.of("intentTtlHours", 0), "intentTtlHours"), new Case(Map.of("intentTtlHours", "5"), "intentTtlHours"),
                    new Case(Map.of("allowedOrigins", List.of("javascript:alert(1)")), "allowedOrigins"),
                    new Case(Map.of("replyFrom", "shop@example.com, other@example.com"), "replyFrom"),
                    new Case(Map.of("replyFrom", "not-verified@example.com"), "replyFrom"),
                    new Case(Map.of("intents", "none"), "intents"), new Case(Map.of("intents", false), "intents"))),
            Map.entry("PUT /admin/sites/{clientId}/mail", List.of(new Case(Map.of("senderName", "Shop\nBcc: x@example.com"), "senderName"),
                    new Case(Map.of("senderName", 5), "senderName"), new Case(Map.of("staff", "ann@example.com"), "staff"),
                    new Case(Map.of("staff", List.of("ann@example.com", "Bob <bob@example.com>")), "staff[1]"),
                    new Case(Map.of("verifiedSenders", List.of("a@example.com;b@example.com")), "verifiedSenders[0]"))),
            Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/match", List.of(new Case(Map.of("intentId", 5), "intentId"),
                    new Case(Map.of("intentId", LONG), "intentId"))),
            Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/review/confirm", List.of(new Case(Map.of("note", 5), "note"),
                    new Case(Map.of("note", LONG), "note"), new Case(Map.of("intentId", "in_aaaaaaaaaaaaaaaaaaaa"), "intentId"))),
            Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/review/dismiss", List.of(new Case(Map.of(), "reason"),
                    new Case(Map.of("reason", LONG), "reason"), new Case(Map.of("reason", 5), "reason"))),
            Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/status", List.of(new Case(Map.of("status", "lost", "reason", "r"), "status"),
                    new Case(Map.of("status", "done", "reason", LONG), "reason"), new Case(Map.of("status", true, "reason", "r"), "status"))),
            Map.entry("POST /admin/sites/{clientId}/orders/{orderId}/reply", List.of(new Case(Map.of("subject", 5, "body", "b"), "subject"),
                    new Case(Map.of("subject", "s", "body", "x".repeat(20_001)), "body"))),
            Map.entry("POST /admin/sites/{clientId}/settings/auto-reply/preview", List.of(new Case(Map.of("subject", 5), "subject"),
                    new Case(Map.of("body", "{{> /etc/passwd}}"), "body"), new Case(Map.of("subject", LONG), "subject"))),
            Map.entry("POST /admin/sites/{clientId}/dead-letters/redrive", List.of(new Case(Map.of("messageIds", "m1"), "messageIds"),
                    new Case(Map.of("messageIds", List.of(5)), "messageIds"))),
            Map.entry("POST /admin/sites/{clientId}/dead-letters/{messageId}/discard", List.of(new Case(Map.of("reason", ""), "reason"),
                    new Case(Map.of("reason", LONG), "reason"))),
            Map.entry("POST /admin/sites/{clientId}/keys", List.of(new Case(Map.of("role", "admin"), "role"),
                    new Case(Map.of("role", 1), "role"), new Case(Map.of("role", "viewer", "sites", "x"), "sites"))),
            Map.entry("PATCH /admin/sites/{clientId}", List.of(new Case(Map.of("status", "deleted"), "status"),
                    new Case(Map.of("name", LONG), "name"), new Case(Map.of("name", List.of()), "name"))),
            // A workflow definition names the first problem by its path in the definition.
            Map.entry("POST /admin/sites/{clientId}/workflows", List.of(
                    new Case(Map.of("name", 5, "trigger", "order.paid", "actions", List.of(TAG)), "name"),
                    new Case(Map.of("name", "w", "trigger", "order.shipped", "actions", List.of(TAG)), "trigger"),
                    new Case(Map.of("name", "w", "trigger", "order.paid", "condition", Map.of("all", List.of(
                            Map.of("field", "currency", "op", "eq", "value", "USD"),
                            Map.of("field", "risk.level", "op", "contains", "value", "high"))),
                            "actions", List.of(TAG)), "condition.all[1].op"),
                    new Case(Map.of("name", "w", "trigger", "order.paid", "actions", List.of(Map.of("type", "webhook",
                            "url", "http://localhost:8080/hook"))), "actions[0].url"),
                    new Case(Map.of("name", "w", "trigger", "order.paid"), "actions"))),
            Map.entry("PUT /admin/sites/{clientId}/workflows/{workflowId}", List.of(
                    new Case(Map.of("name", LONG, "trigger", "order.paid", "actions", List.of(TAG)), "name"),
                    new Case(Map.of("name", "w", "trigger", "order.paid", "actions", "capture_payment"), "actions"),
                    new Case(Map.of("name", "w", "trigger", "order.paid", "actions", List.of(Map.of("type", "add_order_tag",
                            "tag", "a,b"))), "actions[0].tag"),
                    new Case(Map.of("name", "w", "trigger", "order.paid", "actions", List.of(TAG), "enabled", "yes"), "enabled"))),
            Map.entry("POST /admin/sites/{clientId}/workflows/{workflowId}/dry-run", List.of(new Case(Map.of(), "orderId"),
                    new Case(Map.of("orderId", 5), "orderId"), new Case(Map.of("orderId", "../orders"), "orderId"))),
            Map.entry("POST /admin/sites/{clientId}/workflows/templates/{name}/install", List.of(
                    new Case(Map.of(), "from"), // the template mails staff: it needs a sender and recipients
                    new Case(Map.of("from", "shop@example.com"), "staff"),
                    new Case(Map.of("from", "shop"), "from"),
                    new Case(Map.of("from", "shop@example.com", "staff", "ann@example.com"), "staff"),
                    new Case(Map.of("from", "shop@example.com", "staff", List.of(5)), "staff"),
                    new Case(Map.of("from", "shop@example.com", "staff", List.of("ann@example.com"), "enabled", "yes"), "enabled"))),
            Map.entry("POST /admin/secrets/seal", List.of(new Case(Map.of("limit", 5), "limit"))),
            Map.entry("POST /admin/migrations/default-workflow", List.of(new Case(Map.of("limit", 5), "limit"))),
            Map.entry("POST /admin/sites/{clientId}/workflows/webhook-secret", List.of(
                    new Case(Map.of("webhookSecret", "whsec_chosen_by_the_client"), "webhookSecret"))),
            Map.entry("PUT /admin/sites/{clientId}/risk-rules", List.of(
                    new Case(Map.of("amountThresholds", Map.of("KRW", "12.5")), "amountThresholds.KRW"),
                    new Case(Map.of("firstOrderThresholds", Map.of("USD", "-1.00")), "firstOrderThresholds.USD"),
                    new Case(Map.of("amountThresholds", "500.00"), "amountThresholds"),
                    new Case(Map.of("velocityCount", 1), "velocityCount"),
                    new Case(Map.of("velocityWindowHours", "24"), "velocityWindowHours"),
                    new Case(Map.of("countryMismatch", "yes"), "countryMismatch"))));

    record Case(Object body, String field) {}

    @Test
    void everyAdminRouteRefusesMalformedInputWith400NamingTheField() {
        JsonNode site = TestHub.newSite("Validation");
        String clientId = site.get("clientId").asText();
        Order order = SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 300, "USD", 0, "Ann", "ann@example.com",
                null, false, "2025-03-01T00:00:00Z", Map.of());
        String operator = TestHub.get().operatorKey();
        TestHub.Response workflow = TestHub.send("POST", "/admin/sites/" + clientId + "/workflows", "application/json",
                Json.write(Map.of("name", "Tag paid orders", "trigger", "order.paid", "actions", List.of(TAG))),
                Map.of("authorization", "Bearer " + operator));
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
        Map<String, String> params = Map.of("{clientId}", clientId, "{orderId}", order.orderId(), "{provider}", "kofi",
                "{messageId}", "m1", "{keyId}", site.get("adminKeyId").asText(),
                "{workflowId}", workflow.json().get("workflowId").asText(), "{name}", "cancel-high-risk");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (SamTemplate.Route route : TestHub.get().template().routes()) {
            if (!route.functionId().equals("AdminApiFunction") || route.path().startsWith("/admin/ui")
                    || route.path().equals("/openapi.yaml")) {
                continue; // the admin page's static files and the API description take no input
            }
            String routeKey = route.method() + " " + route.path();
            String template = route.path();
            for (var p : params.entrySet()) {
                template = template.replace(p.getKey(), p.getValue());
            }
            String path = template;
            List<Object[]> cases = new ArrayList<>();
            cases.add(new Object[] {path + "?bogus=1", null, "bogus"});
            if (Set.of("POST", "PUT", "PATCH").contains(route.method())) {
                cases.add(new Object[] {path, "{\"name\":", "body"});
                cases.add(new Object[] {path, "[1,2]", "body"});
                cases.add(new Object[] {path, "{\"bogus\":1}", "bogus"});
                List<Case> specific = BODY_CASES.get(routeKey);
                assertThat(specific).as("bad bodies for " + routeKey).isNotNull();
                specific.forEach(c -> cases.add(new Object[] {path, Json.write(c.body()), c.field()}));
            }
            for (Object[] c : cases) {
                TestHub.Response r = TestHub.send(route.method(), (String) c[0], c[1] == null ? null : "application/json",
                        (String) c[1], Map.of("authorization", "Bearer " + operator));
                JsonNode error = r.status() == 400 ? r.json().path("error") : null;
                if (error == null || !c[2].equals(error.path("field").asText()) || !error.path("code").isTextual()
                        || !error.path("message").isTextual()) {
                    failures.add(routeKey + " " + c[0] + " " + c[1] + " → " + r.status() + " " + r.body());
                }
                checked++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void theSealingPageRefusesACursorIntoAnotherPartition() {
        String operator = TestHub.get().operatorKey();
        String foreign = dev.orderhub.db.Cursors.encode(Map.of(
                "gsi1pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SITE#site_other#ORDERS"),
                "gsi1sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("2025"),
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORDER#site_other#o1"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORDER")));
        TestHub.Response r = TestHub.send("POST", "/admin/secrets/seal?cursor=" + foreign, "application/json", "{}",
                Map.of("authorization", "Bearer " + operator));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("cursor");
    }
}
