package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.money.Money;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Dead letters are listed with why they failed, re-driven to the payment-events function, or discarded with a reason. */
public class DeadLetterIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static JsonNode deadLetters(String clientId, String key) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/dead-letters", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("deadLetters");
    }

    /**
     * A message as it is after an outage outlasted its five receives: in the dead-letter queue,
     * with each failure recorded by its consumer (the last one is what the site's list shows).
     */
    public static void deadLettered(String queue, String deadLetterQueueId, String body) {
        LocalHub hub = TestHub.get();
        String messageId = hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl(deadLetterQueueId)).messageBody(body)).messageId();
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "5"));
        TestHub.stack().failureLog().record(queue, m, new IllegalStateException("outage"));
    }

    @Test
    void aValidEventDeadLetteredDuringAnOutageIsReDrivenIntoItsOrder() {
        JsonNode site = TestHub.newSite("DLQ redrive");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String txn = "txn-" + UUID.randomUUID();
        PaymentEvent e = new PaymentEvent(1, "msg-" + UUID.randomUUID(), "kofi", clientId, txn, EventKind.PAYMENT_SUCCEEDED,
                Money.ofMinor(500, "EUR"), new PaymentEvent.Buyer("Dee", null), null, List.of(), "Donation", false,
                Instant.now().toString(), Instant.now().toString(), Map.of(), "application/json", "{}", List.of());
        deadLettered(DeadLetters.PAYMENT_EVENTS, "PaymentEventsDeadLetterQueue", Json.write(e));

        JsonNode listed = await(() -> deadLetters(clientId, key), l -> l.size() == 1, WAIT);
        assertThat(listed.get(0).get("eventId").asText()).isEqualTo(e.eventId());
        assertThat(listed.get(0).get("provider").asText()).isEqualTo("kofi");
        assertThat(listed.get(0).get("queue").asText()).isEqualTo("payment-events");

        TestHub.Response redrive = TestHub.send("POST", "/admin/sites/" + clientId + "/dead-letters/redrive",
                "application/json", "{}", Map.of("authorization", "Bearer " + key));
        assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);

        JsonNode orders = await(() -> TestHub.get("/admin/sites/" + clientId + "/orders", key).json().get("orders"),
                o -> o.size() == 1, WAIT);
        assertThat(orders.get(0).get("orderRef").asText()).isEqualTo(txn);
        assertThat(orders.get(0).get("amount").get("minor").asLong()).isEqualTo(500);
        assertThat(deadLetters(clientId, key)).isEmpty();
    }

    /**
     * A thank-you run that kept failing (an outage longer than its five receives) waits in the
     * workflow runs' dead-letter queue: the site's admin sees it next to the events and re-drives
     * it, and the buyer gets the e-mail.
     */
    @Test
    void aThankYouRunDeadLetteredDuringAnOutageIsListedAndReDrivenAndTheBuyerGetsTheEmail() {
        JsonNode site = TestHub.newSite("DLQ workflow run");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "dlq-run-" + UUID.randomUUID() + "@example.com";
        // Auto-reply off while the order is paid, so that no run is queued: the dead letter below stands for it.
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        String donation = "{\"verification_token\":\"" + token + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Dee\","
                + "\"message\":\"hi\",\"amount\":\"4.00\",\"email\":\"" + buyer + "\",\"currency\":\"USD\","
                + "\"kofi_transaction_id\":\"txn-" + UUID.randomUUID() + "\",\"is_public\":true}";
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                dev.orderhub.testing.Requests.form("data", donation), Map.of()).status()).isEqualTo(200);
        JsonNode orders = await(() -> TestHub.get("/admin/sites/" + clientId + "/orders", key).json().get("orders"),
                o -> o.size() == 1, WAIT);
        String orderId = orders.get(0).get("orderId").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token, "autoReply",
                Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Got {{amount}}."))).status())
                .isEqualTo(200);
        RunRequest run = new RunRequest(clientId, ThankYouWorkflow.ID, 1, "order.paid", "evt-dlq-run", orderId, null);
        deadLettered(DeadLetters.WORKFLOW_RUNS, "WorkflowRunsDeadLetterQueue", Json.write(run));

        JsonNode listed = await(() -> deadLetters(clientId, key), l -> l.size() == 1, WAIT);
        assertThat(listed.get(0).get("queue").asText()).isEqualTo("workflow-runs");
        assertThat(listed.get(0).get("workflowId").asText()).isEqualTo(ThankYouWorkflow.ID);
        assertThat(listed.get(0).get("orderId").asText()).isEqualTo(orderId);
        assertThat(listed.get(0).get("eventId").asText()).isEqualTo("evt-dlq-run");

        TestHub.Response redrive = TestHub.send("POST", "/admin/sites/" + clientId + "/dead-letters/redrive",
                "application/json", "{}", Map.of("authorization", "Bearer " + key));
        assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);

        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("Got 4.00.");
        assertThat(deadLetters(clientId, key)).isEmpty();
    }

    @Test
    void aPoisonEventIsListedWithItsErrorAndCanBeDiscardedWithAReason() {
        JsonNode site = TestHub.newSite("DLQ poison");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        JsonNode other = TestHub.newSite("Someone else");
        String poison = "{\"clientId\":\"" + clientId + "\",\"provider\":\"kofi\",\"eventId\":\"bad-1\",\"kind\":\"NO_SUCH_KIND\"}";
        LocalHub hub = TestHub.get();
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(poison));

        JsonNode listed = await(() -> deadLetters(clientId, key), l -> l.size() == 1, WAIT);
        JsonNode d = listed.get(0);
        assertThat(d.get("eventId").asText()).isEqualTo("bad-1");
        assertThat(d.get("error").asText()).contains("PaymentEvent");
        assertThat(d.get("attempts").asInt()).isEqualTo(5);
        assertThat(deadLetters(other.get("clientId").asText(), other.get("adminKey").asText()))
                .as("another site sees none of it").isEmpty();
        assertThat(TestHub.get("/admin/sites/" + clientId + "/dead-letters", other.get("adminKey").asText()).status())
                .isEqualTo(404);

        String messageId = d.get("messageId").asText();
        String path = "/admin/sites/" + clientId + "/dead-letters/" + messageId + "/discard";
        TestHub.Response noReason = TestHub.send("POST", path, "application/json", "{}", Map.of("authorization", "Bearer " + key));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("error").get("field").asText()).isEqualTo("reason");
        // Listed once its last attempt failed, and discarded from its entry at once, whether or not SQS moved it yet.
        TestHub.Response discarded = TestHub.send("POST", path, "application/json", "{\"reason\":\"test data\"}",
                Map.of("authorization", "Bearer " + key));
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(deadLetters(clientId, key)).isEmpty();
        assertThat(TestHub.send("POST", path, "application/json", "{\"reason\":\"again\"}",
                Map.of("authorization", "Bearer " + key)).status()).isEqualTo(404);
    }

    @Test
    void theOperatorSeesEveryDeadLetterAndASiteKeyDoesNot() {
        JsonNode site = TestHub.newSite("DLQ operator");
        assertThat(TestHub.get("/admin/dead-letters", site.get("adminKey").asText()).status()).isEqualTo(403);
        TestHub.Response all = TestHub.get("/admin/dead-letters", TestHub.get().operatorKey());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().has("countBySite")).isTrue();
    }
}
