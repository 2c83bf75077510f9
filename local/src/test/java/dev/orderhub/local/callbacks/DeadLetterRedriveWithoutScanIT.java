package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The dead-letter queues are shared by every site. A site owner's re-drive and discard work from
 * the failures recorded for the site (which keep each message's body and queue), so they never
 * receive another site's message: receiving would hide it from everyone and count against it.
 * The operator's scan, the only code that receives from the queues, deletes the copies whose
 * entry was re-driven or discarded.
 */
class DeadLetterRedriveWithoutScanIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    /** A message whose five receives failed, as SQS leaves it: in the dead-letter queue, its failures recorded. */
    private static String deadLettered(String body) {
        LocalHub hub = TestHub.get();
        String messageId = hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsDeadLetterQueue")).messageBody(body))
                .messageId();
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "5"));
        TestHub.stack().failureLog().record(DeadLetters.PAYMENT_EVENTS, m, new IllegalStateException("outage"));
        return messageId;
    }

    private static String paymentOf(String clientId, String txn) {
        return Json.write(new PaymentEvent(1, "msg-" + UUID.randomUUID(), "kofi", clientId, txn, EventKind.PAYMENT_SUCCEEDED,
                Money.ofMinor(700, "EUR"), new PaymentEvent.Buyer("Dee", null), null, List.of(), "Donation", false,
                Instant.now().toString(), Instant.now().toString(), Map.of(), "application/json", "{}", List.of()));
    }

    private static String poisonOf(String clientId) {
        return "{\"clientId\":\"" + clientId + "\",\"provider\":\"kofi\",\"eventId\":\"bad-" + UUID.randomUUID()
                + "\",\"kind\":\"NO_SUCH_KIND\"}";
    }

    /**
     * The messages now in the payment events' dead-letter queue, each with how often it was
     * received so far, read by receiving every one once more and leaving it visible. A message
     * another receive hid is missing from the answer.
     */
    private static Map<String, Integer> waitingInTheQueue() {
        LocalHub hub = TestHub.get();
        String dlq = hub.queueUrl("PaymentEventsDeadLetterQueue");
        Map<String, Integer> out = new java.util.HashMap<>();
        List<Message> received = new java.util.ArrayList<>();
        for (int empty = 0; empty < 3; ) { // hidden while we read on, all made visible again below
            List<Message> batch = hub.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(30)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            boolean anyNew = false;
            for (Message m : batch) {
                if (out.putIfAbsent(m.messageId(),
                        Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))) == null) {
                    anyNew = true;
                }
            }
            empty = anyNew ? 0 : empty + 1;
            received.addAll(batch);
        }
        for (Message m : received) {
            hub.sqs().changeMessageVisibility(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
        return out;
    }

    private static TestHub.Response post(String path, String body, String key) {
        return TestHub.send("POST", path, "application/json", body, Map.of("authorization", "Bearer " + key));
    }

    @Test
    void anOwnersRedriveAndDiscardNeverReceiveAnotherSitesDeadLetter() {
        JsonNode a = TestHub.newSite("DLQ owner A");
        JsonNode b = TestHub.newSite("DLQ bystander B");
        String siteA = a.get("clientId").asText();
        String ownerA = a.get("adminKey").asText();
        String txn = "txn-" + UUID.randomUUID();
        String paymentOfA = deadLettered(paymentOf(siteA, txn));
        String poisonOfA = deadLettered(poisonOf(siteA));
        String messageOfB = deadLettered(poisonOf(b.get("clientId").asText()));

        Map<String, Integer> before = waitingInTheQueue();
        assertThat(before).containsKeys(paymentOfA, poisonOfA, messageOfB);

        TestHub.Response redrive = post("/admin/sites/" + siteA + "/dead-letters/redrive",
                Json.write(Map.of("messageIds", List.of(paymentOfA))), ownerA);
        assertThat(redrive.status()).as(redrive.body()).isEqualTo(200);
        assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);
        String discardPath = "/admin/sites/" + siteA + "/dead-letters/" + poisonOfA + "/discard";
        TestHub.Response discard = post(discardPath, "{\"reason\":\"test data\"}", ownerA);
        assertThat(discard.status()).as("discarded at once, without waiting for the queue: " + discard.body()).isEqualTo(200);

        Map<String, Integer> after = waitingInTheQueue();
        assertThat(after).as("site B's message is still visible to everyone").containsKey(messageOfB);
        assertThat(after.get(messageOfB)).as("site A's re-drive and discard did not receive site B's message")
                .isEqualTo(before.get(messageOfB) + 1);

        JsonNode orders = await(() -> TestHub.get("/admin/sites/" + siteA + "/orders", ownerA).json().get("orders"),
                o -> o.size() == 1, WAIT);
        assertThat(orders.get(0).get("orderRef").asText()).as("the re-driven event was processed").isEqualTo(txn);
        assertThat(TestHub.get("/admin/sites/" + siteA + "/dead-letters", ownerA).json().get("deadLetters")).isEmpty();
        assertThat(post(discardPath, "{\"reason\":\"again\"}", ownerA).status()).isEqualTo(404);
        assertThat(post("/admin/sites/" + siteA + "/dead-letters/redrive", "{}", ownerA).json().get("redriven").asInt())
                .as("a re-driven message is not sent again").isZero();

        Map<String, AttributeValue> entry = TestHub.stack().dynamoDb().getItem(g -> g.tableName(TestHub.get().tableName("HubTable"))
                .key(Map.of("pk", AttributeValue.fromS("SITE#" + siteA + "#DEADLETTERS"), "sk", AttributeValue.fromS(poisonOfA))))
                .item();
        assertThat(entry.get("state").s()).isEqualTo("discarded");
        assertThat(entry.get("discardReason").s()).as("who discarded it, when and why").isEqualTo("test data");
        assertThat(entry.get("discardedBy").s()).isNotBlank();
        assertThat(entry.get("discardedAt").s()).isNotBlank();

        // The operator's scan meets the settled copies and deletes them; site B's stays.
        JsonNode all = TestHub.get("/admin/dead-letters", TestHub.get().operatorKey()).json().get("deadLetters");
        Set<String> listed = new HashSet<>();
        all.forEach(d -> listed.add(d.get("messageId").asText()));
        assertThat(listed).contains(messageOfB).doesNotContain(paymentOfA, poisonOfA);
        assertThat(waitingInTheQueue()).containsKey(messageOfB).doesNotContainKeys(paymentOfA, poisonOfA);
    }

    /** Two re-drives of the same dead letter at once (two admins, a double click) send it once. */
    @Test
    void twoConcurrentRedrivesSendTheMessageOnce() throws Exception {
        JsonNode a = TestHub.newSite("DLQ double re-drive");
        String siteA = a.get("clientId").asText();
        String messageId = deadLettered(poisonOf(siteA));
        dev.orderhub.deadletter.SiteDeadLetters entries = TestHub.stack().siteDeadLetters();
        java.util.concurrent.CountDownLatch firstSending = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<dev.orderhub.deadletter.SiteDeadLetters.Redrive> first = pool.submit(() ->
                    entries.redrive(siteA, Set.of(messageId), (queue, body) -> {
                        sends.incrementAndGet();
                        firstSending.countDown();
                        try {
                            secondDone.await(); // still sending while the second re-drive runs
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return true;
                    }, "key-1"));
            assertThat(firstSending.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            dev.orderhub.deadletter.SiteDeadLetters.Redrive second = entries.redrive(siteA, Set.of(messageId), (queue, body) -> {
                sends.incrementAndGet();
                return true;
            }, "key-2");
            secondDone.countDown();
            assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS).redriven()).isEqualTo(1);
            assertThat(second.redriven()).isZero();
            assertThat(sends.get()).as("sent once").isEqualTo(1);
            assertThat(entries.list(siteA)).isEmpty();
        } finally {
            secondDone.countDown();
            pool.shutdownNow();
        }
    }
}
