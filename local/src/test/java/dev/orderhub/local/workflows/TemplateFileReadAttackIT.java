package dev.orderhub.local.workflows;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowParser;
import dev.orderhub.workflow.WorkflowIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site owner puts file-reading tags into e-mail templates through the admin API: workflow
 * e-mails and the auto-reply are refused at save with a 400 naming the tag, a workflow stored
 * before saving checked templates is refused by the dry run (which viewer keys may call), and an
 * auto-reply stored before then sends its old text literally. A legitimate template still dry-runs.
 */
class TemplateFileReadAttackIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private String clientId;
    private String adminKey;
    private String secret;
    private String fileUrl;

    @BeforeEach
    void siteAndSecret() throws IOException {
        JsonNode site = TestHub.newSite("Template attack site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = "SECRET-" + UUID.randomUUID();
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        fileUrl = file.toUri().toString();
    }

    private TestHub.Response admin(String method, String path, Object body) {
        return TestHub.send(method, "/admin/sites/" + clientId + path, body == null ? null : "application/json",
                body == null ? null : Json.write(body), Map.of("authorization", "Bearer " + adminKey));
    }

    private static Map<String, Object> workflow(String subject, String text) {
        return Map.of("name", "Thanks", "trigger", "order.paid", "actions", List.of(Map.of("type", "email_buyer",
                "from", "no-reply@example.com", "locale", "ko",
                "templates", Map.of("en", Map.of("subject", subject, "text", text),
                        "ko", Map.of("subject", subject, "text", text)))));
    }

    @Test
    void savingAWorkflowWhoseTemplateReadsAFileIsRefusedNamingTheTag() {
        String tag = "{{> " + fileUrl + "}}";
        TestHub.Response r = admin("POST", "/workflows", workflow("Hi " + tag, "Thanks"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("INVALID_WORKFLOW");
        assertThat(r.json().get("error").get("field").asText()).matches("actions\\[0]\\.templates\\.(en|ko)\\.subject");
        assertThat(r.json().get("error").get("message").asText()).contains(tag);
        assertThat(r.body()).doesNotContain(secret);

        TestHub.Response methods = admin("POST", "/workflows", workflow("Hi {{buyerName}}", "{{items.size}} {{buyerName.bytes}}"));
        assertThat(methods.status()).as(methods.body()).isEqualTo(400);
        assertThat(methods.json().get("error").get("field").asText()).matches("actions\\[0]\\.templates\\.(en|ko)\\.text");
        assertThat(methods.json().get("error").get("message").asText()).contains("{{items.size}}");
        assertThat(admin("GET", "/workflows", null).json().get("workflows")).as("nothing saved besides the site's thank-you")
                .extracting(w -> w.get("workflowId").asText()).containsExactly("thank-you");
    }

    @Test
    void savingAnAutoReplyWhoseTemplateReadsAFileIsRefusedNamingTheTag() {
        String tag = "{{>" + fileUrl + "}}";
        TestHub.Response r = TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "t",
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Hi " + tag)));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("autoReply.body");
        assertThat(r.json().get("error").get("message").asText()).contains(tag);

        TestHub.Response delimiters = TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "t",
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "{{=<% %>=}}<%buyerName%>", "body", "Hi")));
        assertThat(delimiters.status()).as(delimiters.body()).isEqualTo(400);
        assertThat(delimiters.json().get("error").get("field").asText()).isEqualTo("autoReply.subject");
        assertThat(delimiters.json().get("error").get("message").asText()).contains("{{=<% %>=}}");
        assertThat(TestHub.stack().sites().findConfig(clientId, "kofi")).as("nothing saved").isEmpty();
    }

    @Test
    void aLegitimateTemplateDryRunsWithKoreanNamesAndAmounts() {
        TestHub.Response saved = admin("POST", "/workflows", workflow("{{buyerName}}님, {{amount}} 결제 완료", "{{siteName}}"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        Order order = SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 15000, "KRW", 0, "김민수", "kim@example.com",
                null, false, "2025-03-01T00:00:00Z", Map.of());
        TestHub.Response dry = admin("POST", "/workflows/" + saved.json().get("workflowId").asText() + "/dry-run",
                Map.of("orderId", order.orderId()));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("actions").get(0).get("wouldDo").asText()).isEqualTo("e-mail 1 recipient(s) in ko: 김민수님, ₩15,000 결제 완료");
    }

    @Test
    void aWorkflowStoredBeforeTheCheckIsRefusedByTheDryRunNamingTheTag() {
        Workflow legit = WorkflowParser.parse(Json.MAPPER.valueToTree(workflow("Hi {{buyerName}}", "Thanks")),
                WorkflowIds.newId(), 1, Instant.now().toString(), OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        String tag = "{{> " + fileUrl + "}}";
        ObjectNode definition = legit.definition().deepCopy();
        ((ObjectNode) definition.get("actions").get(0).get("templates").get("ko")).put("subject", "Hi " + tag);
        TestHub.stack().workflows().save(clientId, new Workflow(legit.id(), legit.name(), legit.enabled(), legit.trigger(),
                legit.condition(), legit.actions(), legit.otherwise(), 1, legit.updatedAt(), definition), 0, "key_before");
        Order order = SeededOrders.save(clientId, 2, "kofi", OrderStatus.PAID, 15000, "KRW", 0, "김민수", "kim@example.com",
                null, false, "2025-03-01T00:00:00Z", Map.of());

        TestHub.Response dry = admin("POST", "/workflows/" + legit.id() + "/dry-run", Map.of("orderId", order.orderId()));
        assertThat(dry.status()).as(dry.body()).isEqualTo(400);
        assertThat(dry.json().get("error").get("code").asText()).isEqualTo("INVALID_WORKFLOW");
        assertThat(dry.json().get("error").get("field").asText()).isEqualTo("actions[0].templates.ko.subject");
        assertThat(dry.json().get("error").get("message").asText()).contains(tag);
        assertThat(dry.body()).doesNotContain(secret);
    }

    @Test
    void anAutoReplyStoredBeforeTheCheckSendsItsOldTextAndNoFile() {
        String token = UUID.randomUUID().toString();
        String buyer = "buyer-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token)).status()).isEqualTo(200);
        ProviderConfig c = TestHub.stack().sites().findConfig(clientId, "kofi").orElseThrow();
        // As the old auto-reply dialect stored it: only {{name}} placeholders were filled, the rest was text.
        TestHub.stack().sites().putConfig(clientId, new ProviderConfig(c.provider(), c.secrets(), c.settings(),
                new AutoReply(true, "no-reply@example.com", "Thanks {{ buyerName }}", "Got {{amount}} {{currency}}. {{> " + fileUrl + "}}")));

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", "msg-" + UUID.randomUUID());
        data.put("kofi_transaction_id", "txn-" + UUID.randomUUID());
        data.put("email", buyer);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Thanks Ko-fi Team");
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("Got 3.00 USD. {{> " + fileUrl + "}}");
    }
}
