package dev.orderhub.local.workflows;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.functions.workflow.WorkflowRunnerFunction;
import dev.orderhub.local.TestHub;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.RunStore;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A workflow run whose claim finds the lease held by another runner ({@link RunStore.Claim.Busy}):
 * the message is not consumed but failed and postponed until the lease ends; the next delivery
 * waits for SES's Send event of an e-mail the holder may have sent (none comes), and the one
 * after finishes the run; the buyer gets exactly one e-mail.
 */
class WorkflowRunLeaseIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void aRunHeldByAnotherRunnerIsPostponedUntilItsLeaseEndsAndThenFinished() throws Exception {
        JsonNode site = TestHub.newSite("Run lease");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "lease-" + UUID.randomUUID() + "@example.com";
        // Auto-reply off while the order is paid, so that no run is queued: the run below is driven by hand
        // (from the deployment's own sender address, the one a site may use without the operator).
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        String donation = "{\"verification_token\":\"" + token + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Lee\","
                + "\"message\":\"hi\",\"amount\":\"4.00\",\"email\":\"" + buyer + "\",\"currency\":\"USD\","
                + "\"kofi_transaction_id\":\"txn-" + UUID.randomUUID() + "\",\"is_public\":true}";
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                dev.orderhub.testing.Requests.form("data", donation), Map.of()).status()).isEqualTo(200);
        String orderId = await(() -> TestHub.orders(clientId, key), o -> o.size() == 1, WAIT).get(0).get("orderId").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token, "autoReply",
                Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Got {{amount}}."))).status())
                .isEqualTo(200);
        RunRequest run = new RunRequest(clientId, ThankYouWorkflow.ID, 1, "order.paid", "evt-lease-run", orderId, null);

        // Another runner claimed it a moment before the lease's end (the tests' lease is 10 s) and has not finished.
        Duration lease = TestHub.stack().config().workflowRunLease();
        Instant claimedAt = Instant.now().minus(lease).plusMillis(1500);
        assertThat(TestHub.stack().workflowRuns().claim(run, claimedAt, "then")).isInstanceOf(RunStore.Claim.Fresh.class);

        Map<String, Duration> postponed = new LinkedHashMap<>();
        // The wait for SES's Send event, shortened (the stack is configured when it is built).
        WorkflowRunnerFunction runner = new WorkflowRunnerFunction(
                TestHub.get().stack(Map.of("MAIL_SEND_EVENT_WAIT_SECONDS", "3")).workflowRunner(),
                (m, after) -> postponed.put(m.getMessageId(), after));
        SQSBatchResponse busy = runner.handleRequest(TestHub.sqsEvent("m-lease", run), null);

        assertThat(busy.getBatchItemFailures()).as("not consumed: it comes back")
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-lease");
        assertThat(postponed).containsOnlyKeys("m-lease");
        assertThat(postponed.get("m-lease")).as("until the holder's lease ends, not the queue's visibility timeout")
                .isBetween(Duration.ofMillis(500), Duration.ofMillis(2600));
        assertThat(TestHub.mailTo(buyer)).as("the busy delivery sent nothing").isEmpty();

        Thread.sleep(postponed.get("m-lease").toMillis()); // SQS hides the message this long
        // The holder's lease ran out without a word from it: it may have sent the e-mail and died before
        // recording it, so nothing is sent before SES's Send event for it could have come.
        postponed.clear();
        SQSBatchResponse abandoned = runner.handleRequest(TestHub.sqsEvent("m-lease", run), null);
        assertThat(abandoned.getBatchItemFailures()).hasSize(1);
        assertThat(postponed.get("m-lease")).as("the wait for SES's Send event").isEqualTo(Duration.ofSeconds(3));
        assertThat(TestHub.mailTo(buyer)).isEmpty();

        Thread.sleep(postponed.get("m-lease").toMillis());
        SQSBatchResponse resumed = runner.handleRequest(TestHub.sqsEvent("m-lease", run), null);
        assertThat(resumed.getBatchItemFailures()).isEmpty();
        List<JsonNode> mail = TestHub.mailTo(buyer);
        assertThat(mail).as("the run finished once the lease was over: nothing lost").hasSize(1);
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("Got 4.00.");
        assertThat(TestHub.stack().workflowRuns().find(clientId, run.runId()).state()).isEqualTo(RunStore.State.SUCCEEDED);
    }

}
