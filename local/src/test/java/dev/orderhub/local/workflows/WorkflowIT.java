package dev.orderhub.local.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.orderhub.customer.DynamoCustomers;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sign.ShopifySigner;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.testing.Samples;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.action.DynamoStockCounts;
import dev.orderhub.workflow.action.StockCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The two shipped risk workflows modelled on Shopify Flow's templates (capture unless high risk, cancel high
 * risk) over the whole local stack: callback → payment-events function (risk
 * analysis, order.risk_analyzed) → WorkflowRunsQueue → workflow runner → Stripe / Shopify (WireMock)
 * and SES (stand-in). Stripe payloads: events/stripe-payment_intent.amount_capturable_updated.json
 * (Stripe CLI sample, manual capture, Radar risk "normal") and its copy
 * events/…-highest-risk.json (risk_level "highest", score 91, a billing e-mail). Shopify: the
 * orders/paid and orders/risk_assessment_changed samples (samples/shopify, SOURCES.md).
 */
class WorkflowIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private String clientId;
    private String adminKey;
    private String secret;
    private String staff;
    private final WireMockServer apis = TestHub.providerApis();

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Workflow test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        staff = "staff-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "stripe", adminKey, Map.of("webhookSecret", secret, "apiKey", "sk_test_workflows"))
                .status()).isEqualTo(200);
        assertThat(admin("PUT", "/mail", Map.of("staff", List.of(staff))).status()).isEqualTo(200);
        install("capture-unless-high-risk");
        install("cancel-high-risk");
    }

    private JsonNode install(String template) {
        TestHub.Response r = admin("POST", "/workflows/templates/" + template + "/install",
                Map.of("from", "no-reply@example.com", "staff", List.of(staff), "enabled", true));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private TestHub.Response admin(String method, String path, Object body) {
        return TestHub.send(method, "/admin/sites/" + clientId + path, body == null ? null : "application/json",
                body == null ? null : Json.write(body), Map.of("authorization", "Bearer " + adminKey));
    }

    /** The sample's Stripe event for a fresh payment intent, so that tests never share one. */
    private static String stripeEvent(String sampleFile, String intent) throws IOException {
        JsonNode sample = Json.parse(Files.readString(LocalHub.findRoot().resolve("events/" + sampleFile)));
        String body = sample.get("body").asText();
        String original = Json.parse(body).get("data").get("object").get("id").asText();
        return body.replace(original, intent).replace("\"evt_0000000000000000000000", "\"evt_" + intent.substring(3, 25));
    }

    private void deliverStripe(String body) {
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), secret, Instant.now().getEpochSecond());
        TestHub.Response r = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", body,
                Map.of("Stripe-Signature", header));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void stubStripe(String intent, String verb, String status) {
        apis.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/" + verb))
                .willReturn(aResponse().withStatus(200).withHeader("content-type", "application/json")
                        .withBody("{\"id\":\"" + intent + "\",\"object\":\"payment_intent\",\"status\":\"" + status + "\"}")));
    }

    private int calls(String path) {
        return apis.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private JsonNode onlyOrder() {
        List<JsonNode> orders = await(() -> {
            List<JsonNode> out = new ArrayList<>();
            TestHub.get("/admin/sites/" + clientId + "/orders", adminKey).json().get("orders").forEach(out::add);
            return out;
        }, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }

    private JsonNode order(String orderId) {
        return TestHub.get("/admin/sites/" + clientId + "/orders/" + orderId, adminKey).json();
    }

    private List<JsonNode> workflows() {
        List<JsonNode> out = new ArrayList<>();
        admin("GET", "/workflows", null).json().get("workflows").forEach(out::add);
        return out;
    }

    private JsonNode workflowNamed(String name) {
        return workflows().stream().filter(w -> w.get("definition").get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private List<JsonNode> runs(JsonNode workflow) {
        List<JsonNode> out = new ArrayList<>();
        admin("GET", "/workflows/" + workflow.get("workflowId").asText() + "/runs", null).json().get("runs").forEach(out::add);
        return out;
    }

    private List<JsonNode> finishedRuns(JsonNode workflow, int n) {
        return await(() -> runs(workflow), r -> r.size() >= n && r.stream().allMatch(x ->
                List.of("SUCCEEDED", "FAILED", "SKIPPED").contains(x.get("state").asText())), WAIT);
    }

    @Test
    void aHighestRiskStripeAuthorizationIsCanceledTaggedAndStaffIsMailed() throws Exception {
        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        stubStripe(intent, "cancel", "canceled");
        stubStripe(intent, "capture", "succeeded");
        deliverStripe(stripeEvent("stripe-payment_intent.amount_capturable_updated-highest-risk.json", intent));

        await(() -> calls("/v1/payment_intents/" + intent + "/cancel"), n -> n > 0, WAIT);
        apis.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/" + intent + "/cancel"))
                .withHeader("authorization", equalTo("Bearer sk_test_workflows"))
                .withRequestBody(equalTo("cancellation_reason=fraudulent")));
        List<JsonNode> cancelRuns = finishedRuns(workflowNamed("Cancel and restock high-risk orders"), 1);
        assertThat(cancelRuns).hasSize(1);
        JsonNode run = cancelRuns.get(0);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("branch").asText()).isEqualTo("then");
        assertThat(run.get("conditions").get(0).get("actual").asText()).isEqualTo("high");
        assertThat(run.get("actions")).hasSize(4).allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("ok"));

        JsonNode captureRun = finishedRuns(workflowNamed("Capture payment unless risk is high"), 1).get(0);
        assertThat(captureRun.get("branch").asText()).as("risk is high: no capture").isEqualTo("otherwise");
        assertThat(calls("/v1/payment_intents/" + intent + "/capture")).isZero();

        JsonNode order = order(onlyOrder().get("orderId").asText());
        assertThat(order.get("risk").get("level").asText()).isEqualTo("high");
        assertThat(order.get("risk").get("score").asInt()).isGreaterThanOrEqualTo(91);
        assertThat(order.get("risk").get("reasons").toString()).contains("Stripe Radar: highest (score 91)");
        assertThat(order.get("attributes").fieldNames()).toIterable().noneMatch(a -> a.startsWith("hub."));
        List<String> tags = new java.util.ArrayList<>();
        order.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).contains("high-risk", "payment-not-captured");
        // The triggers a write fired stay in the order's outbox (a field of its own, not an attribute) until
        // its next write, which queues them again first (see OrderCommit): the cancel workflow's tag
        // writes came after the risk analysis, so its trigger was queued and is no longer noted.
        assertThat(order.get("attributes").has("hub.workflow.pending")).isFalse();
        assertThat(TestHub.stack().orders().find(clientId, order.get("orderId").asText()).orElseThrow().outbox())
                .extracting(dev.orderhub.workflow.Triggers.Fired::trigger).doesNotContain(dev.orderhub.workflow.Trigger.ORDER_RISK_ANALYZED);
        LocalHub hub = TestHub.get();
        assertThat(new DynamoCustomers(hub.dynamoDb(), hub.tableName("HubTable")).tags(clientId, "risky.buyer@example.com"))
                .containsExactly("high-risk");
        List<JsonNode> mails = await(() -> TestHub.mailTo(staff), m -> m.size() >= 2, WAIT);
        assertThat(mails.stream().map(m -> m.get("subject").asText()))
                .anySatisfy(s -> assertThat(s).isEqualTo("High-risk order " + intent + ": cancel requested"));
    }

    /**
     * Stripe refuses the cancel for good (400): the run records it as failed and still does the
     * actions that do not depend on it (order tag, customer tag, staff e-mail), each with its result.
     */
    @Test
    void aRefusedCancelStillTagsTheOrderAndTheCustomerAndMailsStaff() throws Exception {
        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        apis.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/cancel")).willReturn(aResponse().withStatus(400)
                .withHeader("content-type", "application/json").withBody("{\"error\":{\"code\":\"payment_intent_unexpected_state\"}}")));
        deliverStripe(stripeEvent("stripe-payment_intent.amount_capturable_updated-highest-risk.json", intent));

        JsonNode run = finishedRuns(workflowNamed("Cancel and restock high-risk orders"), 1).get(0);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.get("actions")).as(run.toString()).hasSize(4);
        assertThat(run.get("actions").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(run.get("actions").get(0).get("error").asText()).contains("HTTP 400");
        for (int i = 1; i < 4; i++) {
            assertThat(run.get("actions").get(i).get("status").asText()).as(run.toString()).isEqualTo("ok");
        }
        List<String> tags = new ArrayList<>();
        order(onlyOrder().get("orderId").asText()).get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).as("the cancel failed: no tag says it happened").contains("high-risk").doesNotContain("high-risk-canceled");
        LocalHub hub = TestHub.get();
        assertThat(new DynamoCustomers(hub.dynamoDb(), hub.tableName("HubTable")).tags(clientId, "risky.buyer@example.com"))
                .contains("high-risk");
        List<JsonNode> mails = await(() -> TestHub.mailTo(staff), m -> m.size() >= 2, WAIT);
        JsonNode staffMail = mails.stream().filter(m -> m.get("subject").asText().startsWith("High-risk order " + intent))
                .findFirst().orElseThrow();
        assertThat(staffMail.toString()).as("the cancel failed: the staff e-mail does not say it happened")
                .doesNotContain("was canceled").doesNotContain("and canceled").doesNotContain("취소되었습니다");
    }

    @Test
    void aNormalRiskStripeAuthorizationIsCapturedOnceEvenWhenItsTriggerComesTwice() throws Exception {
        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        stubStripe(intent, "capture", "succeeded");
        String event = stripeEvent("stripe-payment_intent.amount_capturable_updated.json", intent);
        deliverStripe(event);

        String capture = "/v1/payment_intents/" + intent + "/capture";
        await(() -> calls(capture), n -> n > 0, WAIT);
        JsonNode captureWorkflow = workflowNamed("Capture payment unless risk is high");
        JsonNode run = finishedRuns(captureWorkflow, 1).get(0);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("branch").asText()).isEqualTo("then");
        assertThat(run.get("actions").get(0).get("result").asText()).contains(intent).contains("succeeded");
        JsonNode cancelRun = finishedRuns(workflowNamed("Cancel and restock high-risk orders"), 1).get(0);
        assertThat(cancelRun.get("branch").asText()).isEqualTo("otherwise");
        assertThat(calls("/v1/payment_intents/" + intent + "/cancel")).isZero();
        String key = apis.findAll(postRequestedFor(urlEqualTo(capture))).get(0).getHeader("idempotency-key");
        assertThat(key).startsWith(run.get("runId").asText());

        // Stripe retries the webhook, and the same run message is delivered again (SQS is at least once).
        deliverStripe(event);
        JsonNode order = onlyOrder();
        String riskId = order(order.get("orderId").asText()).get("risk").get("eventId").asText();
        RunRequest again = new RunRequest(clientId, captureWorkflow.get("workflowId").asText(), 1, "order.risk_analyzed",
                riskId, order.get("orderId").asText(), null);
        LocalHub hub = TestHub.get();
        for (int i = 0; i < 2; i++) {
            hub.sqs().sendMessage(SendMessageRequest.builder().queueUrl(hub.queueUrl("WorkflowRunsQueue"))
                    .messageBody(Json.write(again)).build());
        }
        await(() -> TestHub.queueDepth("WorkflowRunsQueue") + TestHub.queueDepth("PaymentEventsQueue"), d -> d == 0, WAIT);
        Thread.sleep(1500);
        assertThat(calls(capture)).as("one trigger, one capture").isEqualTo(1);
        assertThat(runs(captureWorkflow)).hasSize(1);
        String runsPath = "/workflows/" + captureWorkflow.get("workflowId").asText() + "/runs";
        assertThat(admin("GET", runsPath + "?limit=1", null).json().get("runs")).as("limit is a documented parameter").hasSize(1);
        assertThat(admin("GET", runsPath + "?limit=101", null).status()).isEqualTo(400);
    }

    @Test
    void aHighRiskShopifyOrderIsCanceledAtTheShopAndItsItemsRestocked() {
        String shopifySecret = "shpss_" + UUID.randomUUID();
        assertThat(TestHub.putProvider(clientId, "shopify", adminKey,
                Map.of("clientSecret", shopifySecret, "adminApiToken", "shpat_workflows")).status()).isEqualTo(200);
        // A fresh Shopify order id per run: the provider stand-in is shared by the whole test JVM.
        String shopifyId = Long.toString(9_000_000_000L + (System.nanoTime() % 1_000_000_000L));
        String cancel = "/admin/api/2025-01/orders/" + shopifyId + "/cancel.json";
        apis.stubFor(post(urlEqualTo(cancel)).willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "application/json").withBody("{\"order\":{\"id\":" + shopifyId + "}}")));
        ObjectNode paid = (ObjectNode) Json.parse(Samples.read("shopify/orders_paid.json"));
        paid.put("financial_status", "paid");
        paid.put("id", Long.parseLong(shopifyId));
        ObjectNode risk = (ObjectNode) Json.parse(Samples.read("shopify/orders_risk_assessment_changed.json"));
        risk.put("order_id", Long.parseLong(shopifyId));
        risk.put("risk_level", "HIGH");
        risk.put("created_at", Instant.now().toString());
        ShopifySigner signer = new ShopifySigner();
        for (var delivery : List.of(Map.entry("orders/paid", paid.toString()), Map.entry("orders/risk_assessment_changed", risk.toString()))) {
            var s = signer.sign(delivery.getValue(), Map.of("clientSecret", shopifySecret), Instant.now(),
                    Map.of("X-Shopify-Topic", delivery.getKey()));
            assertThat(TestHub.send("POST", "/callbacks/shopify/" + clientId, s.contentType(), s.body(), s.headers()).status())
                    .isEqualTo(200);
            await(() -> TestHub.queueDepth("PaymentEventsQueue"), d -> d == 0, WAIT);
            if (delivery.getKey().equals("orders/paid")) {
                // The run reads the order when it runs: let the orders/paid run finish before the
                // re-assessment lands, or it could see "high" too.
                finishedRuns(workflowNamed("Cancel and restock high-risk orders"), 1);
            }
        }

        await(() -> calls(cancel), n -> n > 0, WAIT);
        apis.verify(1, postRequestedFor(urlEqualTo(cancel)).withHeader("x-shopify-access-token", equalTo("shpat_workflows")));
        JsonNode order = order(onlyOrder().get("orderId").asText());
        List<JsonNode> cancelRuns = finishedRuns(workflowNamed("Cancel and restock high-risk orders"), 2);
        assertThat(cancelRuns.stream().map(r -> r.get("branch").asText()))
                .as("low on orders/paid (no Shopify verdict yet), high after the re-assessment")
                .containsExactlyInAnyOrder("otherwise", "then");
        LocalHub hub = TestHub.get();
        StockCounts stock = new DynamoStockCounts(hub.dynamoDb(), hub.tableName("HubTable"));
        for (JsonNode item : order.get("items")) {
            assertThat(stock.count(clientId, item.asText())).as(item.asText()).isGreaterThanOrEqualTo(1);
        }
        assertThat(order.get("items")).isNotEmpty();
    }

    @Test
    void workflowsAreValidatedVersionedDryRunAndDeletedThroughTheAdminApi() throws Exception {
        TestHub.Response bad = admin("POST", "/workflows", Map.of("name", "n", "trigger", "order.created",
                "condition", Map.of("field", "risk.level", "op", "eq", "value", "extreme"),
                "actions", List.of(Map.of("type", "add_order_tag", "tag", "a,b"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("INVALID_WORKFLOW");
        assertThat(bad.json().get("problems")).extracting(p -> p.get("path").asText())
                .containsExactly("condition.value", "actions[0].tag");

        Map<String, Object> definition = Map.of("name", "Tag big orders", "trigger", "order.paid",
                "condition", Map.of("field", "amount", "op", "gte", "value", 10),
                "actions", List.of(Map.of("type", "add_order_tag", "tag", "big")),
                "otherwise", List.of(Map.of("type", "add_order_tag", "tag", "small")));
        TestHub.Response created = admin("POST", "/workflows", definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("workflowId").asText();
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        TestHub.Response updated = admin("PUT", "/workflows/" + id, Map.of("name", "Tag big orders", "enabled", false,
                "trigger", "order.paid", "condition", Map.of("field", "amount", "op", "gte", "value", 30),
                "actions", List.of(Map.of("type", "add_order_tag", "tag", "big"))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("definition").get("enabled").asBoolean()).isFalse();

        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        stubStripe(intent, "capture", "succeeded");
        deliverStripe(stripeEvent("stripe-payment_intent.amount_capturable_updated.json", intent));
        String orderId = onlyOrder().get("orderId").asText();
        TestHub.Response dry = admin("POST", "/workflows/" + id + "/dry-run", Map.of("orderId", orderId));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("version").asLong()).isEqualTo(2);
        assertThat(dry.json().get("conditionHeld").asBoolean()).as("20.00 USD is not >= 30").isFalse();
        assertThat(dry.json().get("conditions").get(0).get("actual").asText()).isEqualTo("20.00");
        assertThat(dry.json().get("branch").asText()).isEqualTo("otherwise");
        assertThat(dry.json().get("actions")).isEmpty();
        JsonNode captureDry = admin("POST", "/workflows/" + workflowNamed("Capture payment unless risk is high")
                .get("workflowId").asText() + "/dry-run", Map.of("orderId", orderId)).json();
        assertThat(captureDry.get("actions").get(0).get("wouldDo").asText()).isEqualTo("capture Stripe payment intent " + intent);
        assertThat(order(orderId).get("tags")).as("a dry run changes nothing").isEmpty();

        assertThat(admin("DELETE", "/workflows/" + id, null).status()).isEqualTo(204);
        assertThat(admin("GET", "/workflows/" + id, null).status()).isEqualTo(404);
        assertThat(admin("POST", "/workflows/templates/no-such-template/install", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void riskRulesAreReadAndValidated() {
        TestHub.Response ok = admin("PUT", "/risk-rules", Map.of("amountThresholds", Map.of("KRW", "500000"),
                "velocityCount", 4, "velocityWindowHours", 12));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(admin("GET", "/risk-rules", null).json().get("amountThresholds").get("KRW").asText()).isEqualTo("500000");
        TestHub.Response bad = admin("PUT", "/risk-rules", Map.of("amountThresholds", Map.of("KRW", "12.5")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("message").asText()).startsWith("amountThresholds.KRW:");
    }
}
