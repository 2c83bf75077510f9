package dev.orderhub.local.workflows;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SiteWrites;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a paid order's thank-you run costs in DynamoDB writes (COSTS.md), counted on the wire by
 * {@link SiteWrites}: the runner function, on the local stack, running the thank-you for a paid
 * Ko-fi order and e-mailing the buyer, then the same message delivered again (SQS delivers at
 * least once). The counts come with what the writes are for: the run listed on the order and
 * under its workflow, its action's result, and the e-mail listed on the order under SES's
 * message id.
 */
class ThankYouRunWritesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aThankYouRunWritesAtMostThreeItemsAndItsRepeatedDeliveryOneMore() {
        JsonNode site = TestHub.newSite("Thank-you writes");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "writes-" + UUID.randomUUID() + "@example.com";
        // Paid while the auto-reply is off (no run queued), so that the run is delivered here, once, by hand.
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", donation(token, buyer)), Map.of()).status()).isEqualTo(200);
        JsonNode order = await(() -> TestHub.orders(clientId, key), o -> o.size() == 1, WAIT).get(0);
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token, "autoReply",
                Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Got {{amount}}."))).status())
                .isEqualTo(200);
        RunRequest request = new RunRequest(clientId, ThankYouWorkflow.ID, 1, "order.paid", "evt-writes",
                order.get("orderId").asText(), null);

        try (SiteWrites.Recording writes = SiteWrites.record(clientId)) {
            deliver(request);
            List<String> run = writes.by(RUNNER);
            assertThat(TestHub.mailTo(buyer)).as("the thank-you").hasSize(1);
            assertThat(run).as("the thank-you run's writes: " + run).hasSizeLessThanOrEqualTo(3);

            deliver(request);
            List<String> again = writes.by(RUNNER);
            assertThat(again.subList(run.size(), again.size())).as("the repeated delivery's writes: " + again)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(TestHub.mailTo(buyer)).as("still one e-mail").hasSize(1);
        }

        JsonNode detail = TestHub.orderDetail(clientId, key, order);
        JsonNode runs = detail.get("runs").get("items");
        assertThat(runs).as("the run, on the order: " + detail.get("runs")).hasSize(1);
        assertThat(runs.get(0).get("runId").asText()).isEqualTo(request.runId());
        assertThat(runs.get(0).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(runs.get(0).get("actions").get(0).get("status").asText()).as("its action's result").isEqualTo("ok");
        String messageId = TestHub.mailTo(buyer).get(0).get("messageId").asText();
        assertThat(detail.get("emails").get("items")).as("the e-mail, on the order: " + detail.get("emails"))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("messageId").asText()).isEqualTo(messageId);
                    assertThat(e.get("kind").asText()).isEqualTo("auto-reply");
                    assertThat(e.get("runId").asText()).isEqualTo(request.runId());
                });
        JsonNode listed = TestHub.get("/admin/sites/" + clientId + "/workflows/" + ThankYouWorkflow.ID + "/runs", key).json();
        assertThat(listed.findValuesAsText("runId")).as("the run, under its workflow: " + listed).containsExactly(request.runId());
    }

    private static final String RUNNER = "WorkflowRunnerFunction";

    /** The run's message, delivered to the runner function as SQS would. */
    private static void deliver(RunRequest r) {
        TestHub.get().functions().invoke(RUNNER, TestHub.sqsEvent("m-" + UUID.randomUUID(), r));
    }

    /** A Ko-fi donation shaped as samples/kofi/donation.json, with the site's verification token. */
    private static String donation(String token, String email) {
        return "{\"verification_token\":\"" + token + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Lee\","
                + "\"message\":\"hi\",\"amount\":\"4.00\",\"email\":\"" + email + "\",\"currency\":\"USD\","
                + "\"kofi_transaction_id\":\"txn-" + UUID.randomUUID() + "\",\"is_public\":true}";
    }
}
