package dev.orderhub.local.workflows;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.order.OrderIds;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow routes of the admin API as a seller uses them: every id the list returns can be
 * read, edited, dry-run, listed for runs and deleted (the default {@code thank-you} too), other
 * id shapes are not found; a save made from a stale copy is refused (If-Match, 412); a template
 * whose payment action needs a credential the site lacks is refused, naming the credential.
 */
class WorkflowAdminRoutesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private String clientId;
    private String adminKey;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Workflow routes site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
    }

    private TestHub.Response admin(String method, String path, Object body, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("authorization", "Bearer " + adminKey);
        return TestHub.send(method, "/admin/sites/" + clientId + path, body == null ? null : "application/json",
                body == null ? null : Json.write(body), h);
    }

    private TestHub.Response admin(String method, String path, Object body) {
        return admin(method, path, body, Map.of());
    }

    private static String header(TestHub.Response r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void everyRouteReachesTheDefaultWorkflowByTheIdTheListReturns() {
        JsonNode listed = admin("GET", "/workflows", null).json().get("workflows");
        assertThat(listed).extracting(w -> w.get("workflowId").asText()).contains(ThankYouWorkflow.ID);
        String path = "/workflows/" + ThankYouWorkflow.ID;

        TestHub.Response got = admin("GET", path, null);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        assertThat(got.json().get("workflowId").asText()).isEqualTo(ThankYouWorkflow.ID);

        TestHub.Response runs = admin("GET", path + "/runs", null);
        assertThat(runs.status()).as(runs.body()).isEqualTo(200);

        String orderId = paidKofiOrder();
        TestHub.Response dry = admin("POST", path + "/dry-run", Map.of("orderId", orderId));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("branch").asText()).isEqualTo("then");

        JsonNode off = got.json().get("definition").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) off).put("enabled", false);
        TestHub.Response switchedOff = admin("PUT", path, off);
        assertThat(switchedOff.status()).as(switchedOff.body()).isEqualTo(200);
        assertThat(switchedOff.json().get("definition").get("enabled").asBoolean()).isFalse();

        assertThat(admin("DELETE", path, null).status()).isEqualTo(204);
        assertThat(admin("GET", path, null).status()).isEqualTo(404);
    }

    @Test
    void idsOfAnyOtherShapeAreNotFoundAndCannotReachAnotherSite() {
        JsonNode other = TestHub.newSite("Another site");
        for (String id : List.of("thank-you-2", "THANK-YOU", "wf_short", "thank-you%23x", "wf_0123456789abcdef%23WF%23x",
                "..%2F" + other.get("clientId").asText() + "%2Fworkflows%2Fthank-you")) {
            for (String suffix : List.of("", "/runs")) {
                TestHub.Response r = admin("GET", "/workflows/" + id + suffix, null);
                assertThat(r.status()).as(id + suffix + ": " + r.body()).isIn(400, 404);
            }
        }
    }

    @Test
    void aSaveFromAStaleCopyIsRefusedWith412AndChangesNothing() {
        TestHub.Response created = admin("POST", "/workflows", tagging("first"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/workflows/" + created.json().get("workflowId").asText();
        assertThat(header(created, "ETag")).isEqualTo("\"1\"");

        TestHub.Response read = admin("GET", path, null);
        String etag = header(read, "ETag");
        assertThat(etag).isEqualTo("\"1\"");
        // Two admins read version 1; the first saves, the second's copy is now stale.
        TestHub.Response first = admin("PUT", path, tagging("from-alice"), Map.of("If-Match", etag));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(header(first, "ETag")).isEqualTo("\"2\"");
        TestHub.Response second = admin("PUT", path, tagging("from-bob"), Map.of("If-Match", etag));
        assertThat(second.status()).as(second.body()).isEqualTo(412);
        assertThat(second.json().get("error").get("code").asText()).isEqualTo("PRECONDITION_FAILED");
        JsonNode now = admin("GET", path, null).json();
        assertThat(now.get("version").asLong()).isEqualTo(2);
        assertThat(now.get("definition").get("actions").get(0).get("tag").asText()).isEqualTo("from-alice");

        TestHub.Response malformed = admin("PUT", path, tagging("x"), Map.of("If-Match", "2"));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("field").asText()).isEqualTo("If-Match");
        // Without If-Match a save is made from the version the server reads (the admin page's today).
        TestHub.Response unchecked = admin("PUT", path, tagging("no-check"));
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(200);
        assertThat(unchecked.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aTemplateThatCancelsPaymentsIsRefusedOnASiteWithoutTheProviderCredential() {
        String staff = "staff-" + UUID.randomUUID() + "@example.com";
        assertThat(admin("PUT", "/mail", Map.of("staff", List.of(staff))).status()).isEqualTo(200);
        assertThat(TestHub.putProvider(clientId, "stripe", adminKey, Map.of("webhookSecret", "whsec_" + UUID.randomUUID()))
                .status()).isEqualTo(200);
        Map<String, Object> params = Map.of("from", "no-reply@example.com", "staff", List.of(staff), "enabled", true);

        for (String template : List.of("cancel-high-risk", "capture-unless-high-risk")) {
            TestHub.Response refused = admin("POST", "/workflows/templates/" + template + "/install", params);
            assertThat(refused.status()).as(template + ": " + refused.body()).isEqualTo(409);
            assertThat(refused.json().get("error").get("code").asText()).isEqualTo("MISSING_CREDENTIAL");
            assertThat(refused.json().get("error").get("field").asText()).isEqualTo("stripe.apiKey");
        }
        assertThat(admin("GET", "/workflows", null).json().get("workflows")).as("nothing installed").hasSize(1);

        assertThat(TestHub.putProvider(clientId, "stripe", adminKey, Map.of("apiKey", "sk_test_routes")).status()).isEqualTo(200);
        TestHub.Response installed = admin("POST", "/workflows/templates/cancel-high-risk/install", params);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static Map<String, Object> tagging(String tag) {
        return Map.of("name", "Tag paid orders", "trigger", "order.paid",
                "actions", List.of(Map.of("type", "add_order_tag", "tag", tag)));
    }

    /** A Ko-fi donation paid to this site (demo provider secrets), shaped as samples/kofi/donation.json. */
    private String paidKofiOrder() {
        DemoSite.configureProviders(TestHub.stack().sites(), clientId);
        String ref = "routes-" + UUID.randomUUID().toString().substring(0, 8);
        String payload = "{\"message_id\":\"" + ref + "-msg\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                + "\"from_name\":\"Routes\",\"message\":\"hi\",\"amount\":\"3.00\",\"email\":\"routes@example.com\","
                + "\"currency\":\"USD\",\"kofi_transaction_id\":\"" + ref + "\",\"is_public\":true}";
        CallbackSigner.Signed s = Signers.find("kofi").orElseThrow()
                .sign(payload, DemoSite.SECRETS.get("kofi"), Instant.now(), Map.of());
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, s.contentType(), s.body(), s.headers()).status())
                .isEqualTo(200);
        String orderId = OrderIds.of(clientId, "kofi", ref);
        await(() -> TestHub.stack().orders().find(clientId, orderId), o -> o.isPresent(), WAIT);
        return orderId;
    }
}
