package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton over the real local stack: HTTP gateway → Ko-fi callback function →
 * ElasticMQ → payment-events function → dynalite, and the reply through the SES stand-in.
 * The payload is Ko-fi's documented donation sample (samples/SOURCES.md).
 */
class KofiCallbackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private String clientId;
    private String adminKey;
    private String token;
    private String buyer;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Ko-fi test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        token = UUID.randomUUID().toString();
        buyer = "buyer-" + UUID.randomUUID() + "@example.com";
        TestHub.Response r = TestHub.putProvider(clientId, "kofi", adminKey, Map.of(
                "verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com",
                        "subject", "Thanks {{buyerName}}", "body", "You sent {{amount}} {{currency}}.")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(token);
    }

    private String donation(String messageId, String transactionId) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", messageId);
        data.put("kofi_transaction_id", transactionId);
        data.put("email", buyer);
        return Requests.form("data", data.toString());
    }

    private TestHub.Response deliver(String body) {
        return TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", body, Map.of());
    }

    private List<JsonNode> orders() {
        return TestHub.orders(clientId, adminKey);
    }

    @Test
    void aDonationBecomesOnePaidOrderAndOneThankYouEmail() {
        TestHub.Response r = deliver(donation("msg-1", "txn-1"));
        assertThat(r.status()).isEqualTo(200);

        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("amount").get("minor").asLong()).isEqualTo(300);
        assertThat(order.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(order.get("orderRef").asText()).isEqualTo("txn-1");
        assertThat(order.get("buyer").get("name").asText()).isEqualTo("Ko-fi Team");

        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Thanks Ko-fi Team");
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("You sent 3.00 USD.");
        assertThat(mail.get(0).get("from").asText()).isEqualTo("no-reply@example.com");

        JsonNode detail = await(() -> TestHub.get("/admin/sites/" + clientId + "/orders/" + order.get("orderId").asText(), adminKey).json(),
                d -> "sent".equals(d.get("autoReply").get("state").asText()), WAIT);
        assertThat(detail.get("history")).hasSize(1);
        assertThat(detail.get("history").get(0).get("eventId").asText()).isEqualTo("msg-1");
        assertThat(detail.get("history").get(0).get("raw").asText()).doesNotContain(token);
    }

    @Test
    void threeDeliveriesOfOneCallbackAreStillOneOrderAndOneEmail() throws Exception {
        String body = donation("msg-dup", "txn-dup");
        for (int i = 0; i < 3; i++) {
            assertThat(deliver(body).status()).isEqualTo(200);
        }
        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        // Before counting: the other two deliveries processed, and no workflow run left to send a second e-mail.
        TestHub.awaitQuiet(WAIT);

        orders = orders();
        assertThat(orders).hasSize(1);
        JsonNode detail = TestHub.get("/admin/sites/" + clientId + "/orders/" + orders.get(0).get("orderId").asText(), adminKey).json();
        assertThat(detail.get("history")).hasSize(1);
        assertThat(detail.get("version").asLong())
                .as("one write: the event with its match decision (the thank-you workflow writes nothing on the order)").isEqualTo(1);
        assertThat(TestHub.mailTo(buyer)).hasSize(1);
    }

    @Test
    void refusedCallbacksAreAnsweredAndNeverQueued() {
        LocalHub hub = TestHub.get();
        TestHub.pauseConsumersWhenDrained();
        try {
            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();

            String wrongToken = donation("m", "t").replace(token, UUID.randomUUID().toString());
            TestHub.Response bad = deliver(wrongToken);
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.json().get("error").get("code").asText()).isEqualTo("INVALID_TOKEN");

            assertThat(deliver("data=%7Bnot-json").status()).isEqualTo(400);
            assertThat(deliver("").status()).isEqualTo(400);
            assertThat(TestHub.send("POST", "/callbacks/kofi/site_doesnotexist", "application/x-www-form-urlencoded",
                    donation("m", "t"), Map.of()).status()).isEqualTo(404);
            assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/json",
                    "{\"data\":1}", Map.of()).status()).isEqualTo(415);
            assertThat(deliver(donation("m", "t") + "&pad=" + "x".repeat(200 * 1024)).status()).isEqualTo(413);

            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
        } finally {
            hub.pauseConsumers(false);
        }
        assertThat(orders()).isEmpty();
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() {
        LocalHub hub = TestHub.get();
        String poison = "{\"not\":\"a payment event\",\"marker\":\"" + UUID.randomUUID() + "\"}";
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(poison));

        String dlq = hub.queueUrl("PaymentEventsDeadLetterQueue");
        List<String> found = await(() -> hub.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages().stream().map(m -> m.body()).filter(poison::equals).toList(), l -> !l.isEmpty(), Duration.ofSeconds(40));
        assertThat(found).containsExactly(poison);
    }
}
