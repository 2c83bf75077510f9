package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The order detail's e-mails and workflow runs over the whole local stack: a Ko-fi donation
 * (samples/kofi/donation.json, SOURCES.md) on a site with an auto-reply (sent by the site's default
 * thank-you workflow) and a workflow that
 * e-mails the buyer and the staff on order.paid; the callback delivered twice; SES's documented
 * Bounce record (samples/ses/bounce.json) for the staff e-mail delivered by SNS.
 */
class OrderDetailIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAMPLE_MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

    @Test
    void theDetailListsEveryEMailAndWorkflowRunOfTheOrderOnceAndOnlyToItsSite() throws Exception {
        JsonNode site = TestHub.newSite("Order detail test site");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "detail-" + UUID.randomUUID() + "@example.com";
        String staff = "staff-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Thank you.")))
                .status()).isEqualTo(200);
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/mail", "application/json",
                Json.write(Map.of("staff", List.of(staff))), Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        TestHub.Response workflow = TestHub.send("POST", "/admin/sites/" + clientId + "/workflows", "application/json",
                Json.write(Map.of("name", "Mail on paid", "trigger", "order.paid", "actions", List.of(
                        Map.of("type", "email_buyer", "from", "no-reply@example.com", "template", "thank_you", "locale", "ko"),
                        Map.of("type", "email_staff", "from", "no-reply@example.com", "to", List.of(staff))))),
                Map.of("authorization", "Bearer " + adminKey));
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
        String workflowId = workflow.json().get("workflowId").asText();

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        data.put("email", buyer);
        String callback = Requests.form("data", data.toString());
        assertThat(deliver(clientId, callback).status()).isEqualTo(200);

        JsonNode order = await(() -> TestHub.orders(clientId, adminKey), o -> !o.isEmpty(), WAIT).get(0);
        JsonNode detail = await(() -> TestHub.orderDetail(clientId, adminKey, order), d -> d.get("emails").get("items").size() >= 3
                && finished(d.get("runs").get("items")), WAIT);

        long version = detail.get("version").asLong();

        // The same callback again (Ko-fi retries): no new e-mail, no new run, no second entry.
        assertThat(deliver(clientId, callback).status()).isEqualTo(200);
        await(() -> TestHub.queueDepth("PaymentEventsQueue") + TestHub.queueDepth("WorkflowRunsQueue"), d -> d == 0, WAIT);
        Thread.sleep(1500);
        detail = TestHub.orderDetail(clientId, adminKey, order);
        assertThat(detail.get("version").asLong()).as("entries are items of their own: the order is not written for them")
                .isEqualTo(version);
        assertThat(TestHub.mailTo(buyer)).as("auto-reply and the workflow's buyer e-mail").hasSize(2);
        assertThat(TestHub.mailTo(staff)).hasSize(1);

        List<JsonNode> emails = list(detail.get("emails").get("items"));
        assertThat(detail.get("emails").get("more").asBoolean()).isFalse();
        assertThat(emails).extracting(e -> e.get("kind").asText())
                .containsExactlyInAnyOrder("auto-reply", "workflow-buyer", "workflow-staff");
        assertThat(emails).extracting(e -> e.get("sentAt").asText()).isSortedAccordingTo((a, b) -> b.compareTo(a));
        JsonNode autoReply = kind(emails, "auto-reply");
        assertThat(autoReply.get("to").asText()).isEqualTo("d***@example.com");
        assertThat(autoReply.get("messageId").asText()).isEqualTo(TestHub.mailTo(buyer).stream()
                .filter(m -> m.get("subject").asText().equals("Thanks")).findFirst().orElseThrow().get("messageId").asText());
        assertThat(autoReply.get("delivery").asText()).isEqualTo("sent");
        JsonNode toBuyer = kind(emails, "workflow-buyer");
        assertThat(toBuyer.get("template").asText()).isEqualTo("thank_you");
        assertThat(toBuyer.get("locale").asText()).isEqualTo("ko");
        assertThat(toBuyer.get("to").asText()).isEqualTo("d***@example.com");
        JsonNode toStaff = kind(emails, "workflow-staff");
        assertThat(toStaff.get("template").asText()).isEqualTo("staff_notice");
        assertThat(toStaff.get("to").asText()).isEqualTo("s***@example.com");
        assertThat(toStaff.get("messageId").asText()).isEqualTo(TestHub.mailTo(staff).get(0).get("messageId").asText());
        assertThat(detail.get("emails").toString()).as("only masked addresses").doesNotContain(buyer).doesNotContain(staff);

        // Two runs: the site's default thank-you workflow (it sent the auto-reply) and the test's workflow.
        List<JsonNode> runs = list(detail.get("runs").get("items"));
        assertThat(runs).extracting(r -> r.get("workflowId").asText()).containsExactlyInAnyOrder("thank-you", workflowId);
        JsonNode thankYou = runs.stream().filter(r -> r.get("workflowId").asText().equals("thank-you")).findFirst().orElseThrow();
        assertThat(list(thankYou.get("actions"))).extracting(a -> a.get("type").asText() + " " + a.get("status").asText())
                .containsExactly("auto_reply ok");
        assertThat(autoReply.get("runId").asText()).isEqualTo(thankYou.get("runId").asText());
        JsonNode run = runs.stream().filter(r -> r.get("workflowId").asText().equals(workflowId)).findFirst().orElseThrow();
        assertThat(run.get("workflowId").asText()).isEqualTo(workflowId);
        assertThat(run.get("version").asLong()).isEqualTo(1);
        assertThat(run.get("trigger").asText()).isEqualTo("order.paid");
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("branch").asText()).as("no condition: the actions run").isEqualTo("then");
        assertThat(run.get("startedAt").asText()).isNotEmpty();
        assertThat(run.get("finishedAt").asText()).isNotEmpty();
        assertThat(list(run.get("actions"))).extracting(a -> a.get("type").asText() + " " + a.get("status").asText())
                .containsExactly("email_buyer ok", "email_staff ok");
        assertThat(toBuyer.get("runId").asText()).isEqualTo(run.get("runId").asText());
        assertThat(detail.get("runs").get("more").asBoolean()).isFalse();

        // SES reports that the staff e-mail bounced: it shows on that entry only.
        TestHub.get().functions().invoke("MailEventsFunction",
                TestHub.snsEvent(Samples.read("ses/bounce.json").replace(SAMPLE_MESSAGE_ID, toStaff.get("messageId").asText())));
        List<JsonNode> afterBounce = list(TestHub.orderDetail(clientId, adminKey, order).get("emails").get("items"));
        assertThat(kind(afterBounce, "workflow-staff").get("delivery").asText()).isEqualTo("bounced");
        assertThat(kind(afterBounce, "workflow-staff").get("bounce").get("type").asText()).isEqualTo("Permanent");
        assertThat(kind(afterBounce, "workflow-staff").get("bounce").get("at").asText()).isEqualTo("2017-08-05T00:41:02.669Z");
        assertThat(kind(afterBounce, "auto-reply").get("delivery").asText()).isEqualTo("sent");
        assertThat(afterBounce).hasSize(3);

        // Another site's admin key sees nothing of this order, on either site's path.
        JsonNode other = TestHub.newSite("Order detail other site");
        String otherKey = other.get("adminKey").asText();
        String orderId = order.get("orderId").asText();
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders/" + orderId, otherKey).status()).isEqualTo(404);
        TestHub.Response viaOwnSite = TestHub.get("/admin/sites/" + other.get("clientId").asText() + "/orders/" + orderId, otherKey);
        assertThat(viaOwnSite.status()).isEqualTo(404);
        assertThat(viaOwnSite.body()).doesNotContain(buyer).doesNotContain(token);

        TestHub.Response shown = TestHub.get("/admin/sites/" + clientId + "/orders/" + orderId, adminKey);
        assertThat(shown.body()).as("the stored verification token is never shown").doesNotContain(token);
    }

    private static TestHub.Response deliver(String clientId, String body) {
        return TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", body, Map.of());
    }

    private static boolean finished(JsonNode runs) {
        return runs.size() == 2 && list(runs).stream()
                .allMatch(r -> List.of("SUCCEEDED", "FAILED", "SKIPPED").contains(r.get("state").asText()));
    }

    private static JsonNode kind(List<JsonNode> emails, String kind) {
        List<JsonNode> of = emails.stream().filter(e -> e.get("kind").asText().equals(kind)).toList();
        assertThat(of).as(kind).hasSize(1);
        return of.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
