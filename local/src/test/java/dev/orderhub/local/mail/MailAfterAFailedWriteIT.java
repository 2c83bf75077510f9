package dev.orderhub.local.mail;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.aws.AwsClients;
import dev.orderhub.config.HubConfig;
import dev.orderhub.functions.workflow.WorkflowRunnerFunction;
import dev.orderhub.local.LateSes;
import dev.orderhub.local.TestHub;
import dev.orderhub.mail.SesMailer;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.RunStore;
import dev.orderhub.workflow.ThankYouWorkflow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The thank-you e-mail when SES took it and a write of the same attempt failed afterwards (the
 * store stalled or timed out): the retry must not send it again. The runner's store fails one
 * chosen write; its e-mails carry no configuration set, so no Send event comes unless the test
 * delivers one (SES's event late, or lost with the stalled store). The wait for SES's Send event
 * is 6 s here, the run lease the tests' 10 s.
 */
class MailAfterAFailedWriteIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String WAIT_SETTING = "MAIL_SEND_EVENT_WAIT_SECONDS";
    private final Map<String, Duration> postponed = new LinkedHashMap<>();

    @Test
    void anEMailWhoseRecordFailedAfterSesTookItIsNotSentAgain() throws Exception {
        Paid paid = paidOrder("record-failed");
        WorkflowRunnerFunction runner = runner(failingOnce(u -> u.key().get("pk").s().startsWith("MAILMSG#")));

        List<String> deliveries = deliverUntilDone(runner, paid.run());

        List<JsonNode> mail = TestHub.mailTo(paid.buyer());
        assertThat(mail).as("sent once, though its record failed: " + deliveries).hasSize(1);
        assertThat(TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).state()).isEqualTo(RunStore.State.SUCCEEDED);
        assertThat(TestHub.orderDetail(paid.clientId(), paid.key(), paid.order()).get("emails").findValuesAsText("messageId"))
                .as("recorded by the retry").containsExactly(mail.get(0).get("messageId").asText());
    }

    @Test
    void anEMailOfAnAttemptThatEndedWithoutRecordingItIsNotSentBeforeSesSendEventCould() throws Exception {
        Paid paid = paidOrder("finish-failed");
        // The run's end (its result and state in one write) fails after SES took the e-mail.
        WorkflowRunnerFunction runner = runner(failingOnce(u -> u.key().get("pk").s().startsWith("WFRUN#")
                && u.updateExpression().contains("finishedAt")));

        SQSBatchResponse first = runner.handleRequest(TestHub.sqsEvent("m-first", paid.run()), null);
        assertThat(first.getBatchItemFailures()).as("the attempt failed: the message comes back").hasSize(1);
        assertThat(TestHub.mailTo(paid.buyer())).as("SES took it").hasSize(1);

        // Delivered again: held by the failed attempt's lease, then resumed once the lease is over.
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 4 && !unknown(paid); i++) {
            postponed.clear();
            SQSBatchResponse r = runner.handleRequest(TestHub.sqsEvent("m-again-" + i, paid.run()), null);
            if (r.getBatchItemFailures().isEmpty()) {
                deliveries.add("done");
                break;
            }
            Duration after = postponed.getOrDefault("m-again-" + i, Duration.ofSeconds(1));
            deliveries.add("back after " + after.toMillis() + " ms");
            if (!unknown(paid)) {
                Thread.sleep(Math.min(after.toMillis(), 20_000));
            }
        }
        assertThat(TestHub.mailTo(paid.buyer())).as("nothing sent again while SES's Send event may come: " + deliveries)
                .hasSize(1);
        assertThat(unknown(paid)).as("the e-mail waits as one whose outcome is unknown: " + deliveries).isTrue();

        // SES's Send event for the first e-mail, late (its delivery met the same stalled store).
        String messageId = TestHub.mailTo(paid.buyer()).get(0).get("messageId").asText();
        sendEvent(paid, messageId);

        deliveries.addAll(deliverUntilDone(runner, paid.run()));

        assertThat(TestHub.mailTo(paid.buyer())).as("sent once: " + deliveries).hasSize(1);
        assertThat(TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).state()).isEqualTo(RunStore.State.SUCCEEDED);
        assertThat(TestHub.orderDetail(paid.clientId(), paid.key(), paid.order()).get("emails").findValuesAsText("messageId"))
                .containsExactly(messageId);
    }

    @Test
    void anEMailWhoseUnknownOutcomeCouldNotBeRecordedIsNotSentBeforeSesSendEventCould() throws Exception {
        Paid paid = paidOrder("unknown-not-recorded");
        // SES takes the e-mail and answers after the caller's 1 s; then recording the unknown outcome fails.
        try (LateSes ses = new LateSes(URI.create(TestHub.stack().config().setting("AWS_ENDPOINT_URL_SES")), Duration.ofSeconds(3))) {
            ses.next(LateSes.Next.ACCEPT_THEN_HOLD_ANSWER);
            Map<String, String> overrides = Map.of("AWS_ENDPOINT_URL_SES", ses.endpoint().toString(), "AWS_API_CALL_TIMEOUT_MS", "1000");
            WorkflowRunnerFunction runner = runner(new SesMailer(new AwsClients(HubConfig.from(
                    n -> overrides.containsKey(n) ? overrides.get(n) : TestHub.stack().config().setting(n))).ses(), null),
                    failingOnce(u -> u.key().get("pk").s().startsWith("WFRUN#") && u.expressionAttributeValues().containsKey(":r")
                            && u.expressionAttributeValues().get(":r").s().contains("\"" + RunStore.UNKNOWN + "\"")));

            SQSBatchResponse first = runner.handleRequest(TestHub.sqsEvent("m-first", paid.run()), null);
            assertThat(first.getBatchItemFailures()).as("comes back").hasSize(1);
            await(() -> TestHub.mailTo(paid.buyer()), m -> m.size() == 1, WAIT); // SES took it, late
            // SQS delivers it again after the queue's visibility timeout (1 s in the tests), not after the runner's postponement.
            Thread.sleep(1000);
            List<String> deliveries = new ArrayList<>();
            SQSBatchResponse again = runner.handleRequest(TestHub.sqsEvent("m-again", paid.run()), null);
            deliveries.add(again.getBatchItemFailures().isEmpty() ? "done" : "back after " + postponed.get("m-again"));
            assertThat(TestHub.mailTo(paid.buyer())).as("nothing sent again while SES's Send event may come: " + deliveries)
                    .hasSize(1);

            sendEvent(paid, TestHub.mailTo(paid.buyer()).get(0).get("messageId").asText()); // late, as the store was stalled
            deliveries.addAll(deliverUntilDone(runner, paid.run()));

            assertThat(TestHub.mailTo(paid.buyer())).as("sent once: " + deliveries).hasSize(1);
            assertThat(TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).state())
                    .isEqualTo(RunStore.State.SUCCEEDED);
        }
    }

    /** SES's Send event for the run's e-mail as its configuration set publishes it (the documented record). */
    private static void sendEvent(Paid paid, String messageId) {
        TestHub.get().functions().invoke("MailEventsFunction", TestHub.snsEvent(dev.orderhub.testing.Samples.read("ses/send.json")
                .replace("\"ConfigSet\"", "\"" + TestHub.stack().workflowConfig().mailConfigurationSet() + "\"")
                .replace("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000", messageId)
                .replace("site_example", paid.clientId()).replace("run_examplerunidexample2", paid.run().runId())));
    }

    private static boolean unknown(Paid paid) {
        JsonNode action = TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).result(0);
        return action != null && RunStore.UNKNOWN.equals(action.path("status").asText());
    }

    /** The runner over a store that fails the first UpdateItem {@code fails} picks, as a stalled store's timeout. */
    private WorkflowRunnerFunction runner(DynamoDbClient db) {
        // No configuration set: SES publishes no Send event for these e-mails.
        return runner(new SesMailer(new AwsClients(TestHub.stack().config()).ses(), null), db);
    }

    private WorkflowRunnerFunction runner(SesMailer mailer, DynamoDbClient db) {
        // The stack is configured when it is built: this runner's has the shorter wait.
        return new WorkflowRunnerFunction(TestHub.get().stack(Map.of(WAIT_SETTING, "6")).workflowRunner(mailer, db),
                (m, after) -> postponed.put(m.getMessageId(), after));
    }

    private static DynamoDbClient failingOnce(Predicate<UpdateItemRequest> fails) {
        DynamoDbClient real = TestHub.stack().dynamoDb();
        AtomicInteger failed = new AtomicInteger();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateItem") && args != null && args[0] instanceof UpdateItemRequest u
                            && fails.test(u) && failed.getAndIncrement() == 0) {
                        throw SdkClientException.create("the store did not answer in time");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private record Paid(String clientId, String key, JsonNode order, String buyer, RunRequest run) {}

    /** A paid Ko-fi order whose thank-you run is driven by hand (auto-reply switched on only after it was paid). */
    private static Paid paidOrder(String label) {
        JsonNode site = TestHub.newSite("Failed write " + label);
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = label + "-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        String donation = "{\"verification_token\":\"" + token + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Lee\","
                + "\"message\":\"hi\",\"amount\":\"4.00\",\"email\":\"" + buyer + "\",\"currency\":\"USD\","
                + "\"kofi_transaction_id\":\"txn-" + UUID.randomUUID() + "\",\"is_public\":true}";
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                dev.orderhub.testing.Requests.form("data", donation), Map.of()).status()).isEqualTo(200);
        JsonNode order = await(() -> TestHub.orders(clientId, key), o -> o.size() == 1, WAIT).get(0);
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token, "autoReply",
                Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Got {{amount}}."))).status())
                .isEqualTo(200);
        RunRequest run = new RunRequest(clientId, ThankYouWorkflow.ID, 1, "order.paid", "evt-" + label,
                order.get("orderId").asText(), null);
        return new Paid(clientId, key, order, buyer, run);
    }

    /** Delivers the run's message as SQS would until the runner consumes it: what each delivery answered. */
    private List<String> deliverUntilDone(WorkflowRunnerFunction runner, RunRequest run) throws InterruptedException {
        return RunDeliveries.untilDone(runner, postponed, run);
    }

}
