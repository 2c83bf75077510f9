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
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The thank-you e-mail when SES's answer does not come: SES took the e-mail and the answer was
 * late (the SendEmail call timed out), or the request never reached SES. The runner sends through
 * {@link LateSes} in front of the stack's SES (the stand-in, with local mode's Send events) with
 * a 1 s call timeout, and its run message is delivered as SQS would: again after a failure,
 * after the postponement the runner asked for. The wait for SES's Send event is 6 s here.
 */
class UnknownMailOutcomeIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String WAIT_SETTING = "MAIL_SEND_EVENT_WAIT_SECONDS";
    private static LateSes ses;
    private static WorkflowRunnerFunction runner;
    private static final Map<String, Duration> postponed = new LinkedHashMap<>();

    @BeforeAll
    static void runnerBehindALateSes() throws Exception {
        TestHub.get();
        ses = new LateSes(URI.create(TestHub.stack().config().setting("AWS_ENDPOINT_URL_SES")), Duration.ofSeconds(3));
        Map<String, String> overrides = Map.of("AWS_ENDPOINT_URL_SES", ses.endpoint().toString(), "AWS_API_CALL_TIMEOUT_MS", "1000");
        HubConfig config = HubConfig.from(n -> overrides.containsKey(n) ? overrides.get(n) : TestHub.stack().config().setting(n));
        SesMailer mailer = new SesMailer(new AwsClients(config).ses(), TestHub.stack().workflowConfig().mailConfigurationSet());
        // The stack is configured when it is built: this runner's has the shorter wait.
        runner = new WorkflowRunnerFunction(TestHub.get().stack(Map.of(WAIT_SETTING, "6")).workflowRunner(mailer),
                (m, after) -> postponed.put(m.getMessageId(), after));
    }

    @AfterAll
    static void close() {
        ses.close();
    }

    @Test
    void anEMailSesTookWhoseAnswerTimedOutIsNotSentAgain() throws Exception {
        Paid paid = paidOrder("late-answer");
        ses.next(LateSes.Next.ACCEPT_THEN_HOLD_ANSWER);

        List<String> deliveries = deliverUntilDone(paid.run());

        assertThat(ses.forwarded()).as("SES took the e-mail").isGreaterThanOrEqualTo(1);
        assertThat(TestHub.mailTo(paid.buyer())).as("sent once, though the first call timed out: " + deliveries).hasSize(1);
        RunStore.Run run = TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId());
        assertThat(run.state()).isEqualTo(RunStore.State.SUCCEEDED);
        assertThat(runItem(paid.clientId(), paid.run().runId())).as("SES's Send event, recorded on the run")
                .containsKey("send:then-0-0");
        // The order lists the e-mail under SES's message id, which only the Send event told.
        JsonNode detail = TestHub.orderDetail(paid.clientId(), paid.key(), paid.order());
        assertThat(detail.get("emails").findValuesAsText("messageId"))
                .containsExactly(TestHub.mailTo(paid.buyer()).get(0).get("messageId").asText());
    }

    @Test
    void anEMailThatNeverReachedSesIsSentExactlyOnceAfterTheWaitAndNotBefore() throws Exception {
        Paid paid = paidOrder("never-reached");
        ses.next(LateSes.Next.SWALLOW);

        SQSBatchResponse first = runner.handleRequest(TestHub.sqsEvent("m-" + paid.run().runId(), paid.run()), null);
        assertThat(first.getBatchItemFailures()).as("not done: it comes back").hasSize(1);
        JsonNode action = TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).results().get("0");
        assertThat(action.get("status").asText()).as("neither ok nor failed").isEqualTo("unknown");
        assertThat(action.get("at").asText()).isNotEmpty();

        // A repeated delivery before the wait is over (SQS delivers at least once) sends nothing.
        postponed.clear();
        SQSBatchResponse early = runner.handleRequest(TestHub.sqsEvent("m-early-" + paid.run().runId(), paid.run()), null);
        assertThat(early.getBatchItemFailures()).hasSize(1);
        assertThat(postponed.values()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(6)));
        assertThat(TestHub.mailTo(paid.buyer())).as("nothing sent while SES's Send event may still come").isEmpty();

        List<String> deliveries = deliverUntilDone(paid.run());

        assertThat(TestHub.mailTo(paid.buyer())).as("sent again once no Send event came: " + deliveries).hasSize(1);
        assertThat(TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId()).state()).isEqualTo(RunStore.State.SUCCEEDED);
    }

    @Test
    void aRefusalBySesIsAFailureAsBefore() throws Exception {
        Paid paid = paidOrder("refused");
        ses.next(LateSes.Next.REFUSE);
        postponed.clear();

        SQSBatchResponse first = runner.handleRequest(TestHub.sqsEvent("m-" + paid.run().runId(), paid.run()), null);

        assertThat(first.getBatchItemFailures()).as("retried with its message").hasSize(1);
        assertThat(postponed).as("no wait for a Send event: SES said no").isEmpty();
        RunStore.Run run = TestHub.stack().workflowRuns().find(paid.clientId(), paid.run().runId());
        assertThat(run.state()).isEqualTo(RunStore.State.RETRY);
        assertThat(run.results().get("0").get("status").asText()).isEqualTo("failed");
        assertThat(TestHub.orderDetail(paid.clientId(), paid.key(), paid.order()).get("mailError").get("reason").asText())
                .endsWith(": MessageRejectedException");

        deliverUntilDone(paid.run());
        assertThat(TestHub.mailTo(paid.buyer())).hasSize(1);
    }

    @Test
    void aSendEventNamingAnotherSitesRunOrAnotherConfigurationSetMarksNothingSent() throws Exception {
        Paid victim = paidOrder("victim");
        Paid attacker = paidOrder("attacker");
        ses.next(LateSes.Next.SWALLOW);
        assertThat(runner.handleRequest(TestHub.sqsEvent("m-" + victim.run().runId(), victim.run()), null).getBatchItemFailures()).hasSize(1);

        String configurationSet = TestHub.stack().workflowConfig().mailConfigurationSet();
        // The attacker's site with the victim's run id: the run key is the site's own partition, where no such run is.
        TestHub.get().functions().invoke("MailEventsFunction",
                TestHub.snsEvent(sendEvent(attacker.clientId(), victim.run().runId(), configurationSet)));
        // The victim's own tags, from a configuration set that is not the stack's.
        TestHub.get().functions().invoke("MailEventsFunction",
                TestHub.snsEvent(sendEvent(victim.clientId(), victim.run().runId(), "someone-elses-set")));
        assertThat(runItem(victim.clientId(), victim.run().runId()).keySet()).noneMatch(a -> a.startsWith("send:"));
        assertThat(runItem(attacker.clientId(), victim.run().runId())).as("no run made in the attacker's partition").isEmpty();

        deliverUntilDone(victim.run());
        assertThat(TestHub.mailTo(victim.buyer())).as("not taken for sent: sent after the wait").hasSize(1);
    }

    /** SES's documented Send event record (samples/ses/send.json) with the tags of one send. */
    private static String sendEvent(String clientId, String runId, String configurationSet) {
        return dev.orderhub.testing.Samples.read("ses/send.json")
                .replace("\"ConfigSet\"", "\"" + configurationSet + "\"")
                .replace("site_example", clientId).replace("run_examplerunidexample2", runId);
    }

    private static Map<String, AttributeValue> runItem(String clientId, String runId) {
        Map<String, AttributeValue> item = TestHub.stack().dynamoDb().getItem(GetItemRequest.builder().tableName(TestHub.stack().config().tableName())
                .key(Map.of("pk", AttributeValue.fromS("WFRUN#" + clientId + "#" + runId), "sk", AttributeValue.fromS("#RUN")))
                .consistentRead(true).build()).item();
        return item == null ? Map.of() : item;
    }

    private record Paid(String clientId, String key, JsonNode order, String buyer, RunRequest run) {}

    /** A paid Ko-fi order whose thank-you run is driven by hand (auto-reply switched on only after it was paid). */
    private static Paid paidOrder(String label) {
        JsonNode site = TestHub.newSite("Unknown outcome " + label);
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
    private static List<String> deliverUntilDone(RunRequest run) throws InterruptedException {
        return RunDeliveries.untilDone(runner, postponed, run);
    }

}
