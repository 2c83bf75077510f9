package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The dead-letter queues are shared by every site. A viewer of one site listing its dead letters
 * must not receive the other sites' messages (each receive hides a message from everyone for a
 * while and counts against it): the site's list is read from the dead letters recorded for that
 * site, and only the deployment's operator scans the queues.
 */
class DeadLetterListingIsolationIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static JsonNode deadLetters(String clientId, String key) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/dead-letters", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("deadLetters");
    }

    /** A payment event the payment-events function cannot read: it fails five times and waits in the dead-letter queue. */
    private static String poison(String clientId) {
        String eventId = "bad-" + UUID.randomUUID();
        String body = "{\"clientId\":\"" + clientId + "\",\"provider\":\"kofi\",\"eventId\":\"" + eventId + "\",\"kind\":\"NO_SUCH_KIND\"}";
        LocalHub hub = TestHub.get();
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(body));
        return eventId;
    }

    /** How often the message was received so far, read by receiving it once more (and leaving it visible). */
    private static int receiveCount(String messageId) {
        LocalHub hub = TestHub.get();
        String dlq = hub.queueUrl("PaymentEventsDeadLetterQueue");
        for (int tries = 0; tries < 100; tries++) { // SQS moves it on the receive after its last failure
            if (tries > 0) {
                sleep();
            }
            for (Message m : hub.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
                if (m.messageId().equals(messageId)) {
                    return Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                }
            }
        }
        throw new AssertionError("message " + messageId + " is not in the dead-letter queue");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViewerOfOneSiteListingItsDeadLettersNeverReceivesAnotherSitesMessages() {
        JsonNode a = TestHub.newSite("DLQ viewer A");
        JsonNode b = TestHub.newSite("DLQ victim B");
        String siteA = a.get("clientId").asText();
        String siteB = b.get("clientId").asText();
        String viewerA = TestHub.send("POST", "/admin/sites/" + siteA + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + a.get("adminKey").asText()))
                .json().get("key").asText();

        String eventOfA = poison(siteA);
        String eventOfB = poison(siteB);
        JsonNode listedB = await(() -> deadLetters(siteB, b.get("adminKey").asText()), l -> l.size() == 1, WAIT);
        assertThat(listedB.get(0).get("eventId").asText()).isEqualTo(eventOfB);
        String messageOfB = listedB.get(0).get("messageId").asText();
        JsonNode listedA = await(() -> deadLetters(siteA, viewerA), l -> l.size() == 1, WAIT);
        assertThat(listedA.get(0).get("eventId").asText()).as("the viewer sees its own site's dead letter").isEqualTo(eventOfA);
        assertThat(listedA.get(0).get("attempts").asInt()).isEqualTo(5);
        assertThat(listedA.get(0).get("error").asText()).contains("PaymentEvent");

        int before = receiveCount(messageOfB);
        for (int i = 0; i < 3; i++) {
            assertThat(deadLetters(siteA, viewerA).toString()).doesNotContain(messageOfB).doesNotContain(eventOfB);
        }
        assertThat(receiveCount(messageOfB)).as("site A's listings did not receive site B's message")
                .isEqualTo(before + 1);
    }
}
