package dev.orderhub.local;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.runtime.Hub;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a paid order's thank-you costs in DynamoDB writes (COSTS.md), counted on the wire by
 * {@link SiteWrites} while a Ko-fi payment goes through the whole local stack: the matcher's
 * writes for the event and the workflow runner's for the thank-you run that e-mails the buyer,
 * and the same again when the provider delivers the payment a second time. The counts come with
 * what the writes are for: the run listed on the order and under the workflow, its action's
 * result, and the e-mail listed on the order under SES's message id.
 */
class ThankYouRunWritesIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aThankYouRunWritesAtMostThreeItemsAndARepeatOfThePaymentOneMore() {
        JsonNode site = TestHub.newSite("Thank-you writes");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        DemoSite.configureProviders(Hub.get().sites(), clientId);
        String buyer = "writes-" + UUID.randomUUID() + "@example.com";
        String payment = donation(buyer, "tyw-" + UUID.randomUUID());

        try (SiteWrites.Recording writes = SiteWrites.record(clientId)) {
            assertThat(send(clientId, payment)).isEqualTo(200);
            await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
            TestHub.awaitQuiet(WAIT);

            List<String> runner = writes.by("WorkflowRunnerFunction");
            assertThat(runner).as("the thank-you run's writes: " + runner).hasSizeLessThanOrEqualTo(3);
            assertThat(writes.by("OrderMatcherFunction")).as("the matcher's writes for the payment: " + writes.all())
                    .hasSizeLessThanOrEqualTo(3);

            JsonNode order = TestHub.orders(clientId, key).get(0);
            JsonNode detail = TestHub.orderDetail(clientId, key, order);
            JsonNode run = detail.get("runs").get("items");
            assertThat(run).as("the run, on the order: " + detail.get("runs")).hasSize(1);
            assertThat(run.get(0).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(run.get(0).get("actions").get(0).get("status").asText()).isEqualTo("ok");
            String messageId = TestHub.mailTo(buyer).get(0).get("messageId").asText();
            assertThat(detail.get("emails").get("items")).as("the e-mail, on the order: " + detail.get("emails"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.get("messageId").asText()).isEqualTo(messageId);
                        assertThat(e.get("kind").asText()).isEqualTo("auto-reply");
                        assertThat(e.get("runId").asText()).isEqualTo(run.get(0).get("runId").asText());
                    });
            JsonNode listed = TestHub.get("/admin/sites/" + clientId + "/workflows/" + ThankYouWorkflow.ID + "/runs", key).json();
            assertThat(listed.findValuesAsText("runId")).as("the run, under its workflow: " + listed)
                    .containsExactly(run.get(0).get("runId").asText());

            int before = runner.size();
            int matcherBefore = writes.by("OrderMatcherFunction").size();
            assertThat(send(clientId, payment)).as("the provider delivers the payment again").isEqualTo(200);
            TestHub.awaitQuiet(WAIT);

            List<String> again = writes.by("WorkflowRunnerFunction");
            assertThat(again.subList(before, again.size())).as("the repeat's run: " + again).hasSizeLessThanOrEqualTo(1);
            List<String> matcher = writes.by("OrderMatcherFunction");
            assertThat(matcher.subList(matcherBefore, matcher.size())).as("the repeat in the matcher: " + matcher)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(TestHub.mailTo(buyer)).as("still one e-mail").hasSize(1);
        }
    }

    private static int send(String clientId, String payload) {
        CallbackSigner.Signed s = Signers.find("kofi").orElseThrow()
                .sign(payload, DemoSite.SECRETS.get("kofi"), Instant.now(), Map.of());
        return TestHub.send("POST", "/callbacks/kofi/" + clientId, s.contentType(), s.body(), s.headers()).status();
    }

    /** A Ko-fi donation shaped as samples/kofi/donation.json. */
    private static String donation(String email, String transactionId) {
        return "{\"message_id\":\"" + transactionId + "-msg\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                + "\"from_name\":\"Thanks\",\"message\":\"hi\",\"amount\":\"3.00\",\"email\":\"" + email + "\","
                + "\"currency\":\"USD\",\"kofi_transaction_id\":\"" + transactionId + "\",\"is_public\":true}";
    }
}
