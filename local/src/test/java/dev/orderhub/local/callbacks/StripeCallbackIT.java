package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe over the real local stack: HTTP gateway → Stripe callback function → ElasticMQ → order
 * payment-events function → dynalite. Payloads are Stripe's samples (samples/stripe, sources in
 * samples/SOURCES.md), signed here as Stripe signs them.
 */
class StripeCallbackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PI = "pi_000000000000000000000000";
    private String clientId;
    private String adminKey;
    private String secret;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Stripe test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        TestHub.Response r = TestHub.putProvider(clientId, "stripe", adminKey, Map.of("webhookSecret", secret));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(secret);
    }

    private TestHub.Response deliver(String body, String signingSecret, long t) {
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), signingSecret, t);
        return TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json; charset=utf-8", body,
                Map.of("Stripe-Signature", header));
    }

    private TestHub.Response deliver(String body) {
        return deliver(body, secret, Instant.now().getEpochSecond());
    }

    private List<JsonNode> orders() {
        return TestHub.orders(clientId, adminKey);
    }

    private JsonNode detail(JsonNode order) {
        return TestHub.orderDetail(clientId, adminKey, order);
    }

    /** Waits until the payment-events function has taken everything off the queue and finished with it. */
    private static void drained() throws InterruptedException {
        await(() -> TestHub.queueDepth("PaymentEventsQueue"), d -> d == 0, WAIT);
        Thread.sleep(1500);
    }

    /** A charge.succeeded event for the charge inside the payment_intent.succeeded sample. */
    private static String chargeOfTheIntent(String eventId) {
        JsonNode intent = Json.parse(Samples.read("stripe/payment_intent.succeeded.json"));
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        event.put("id", eventId);
        ((ObjectNode) event.get("data")).set("object", intent.get("data").get("object").get("charges").get("data").get(0));
        return event.toString();
    }

    @Test
    void aChargeBecomesAPaidOrderWithItsRiskAndARepeatChangesNothing() throws Exception {
        String body = Samples.read("stripe/charge.succeeded.json");
        TestHub.Response r = deliver(body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Json.parse("{\"received\":true}"));

        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("provider").asText()).isEqualTo("stripe");
        assertThat(order.get("orderRef").asText()).isEqualTo("ch_3MmlLrLkdIwHu7ix0snN0B15");
        assertThat(order.get("amount").get("minor").asLong()).isEqualTo(1099);
        assertThat(order.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(order.get("test").asBoolean()).isTrue();
        assertThat(order.get("attributes").get("stripe.risk_level").asText()).isEqualTo("normal");
        assertThat(order.get("attributes").get("stripe.risk_score").asText()).isEqualTo("32");

        drained();
        long version = detail(order).get("version").asLong();
        assertThat(deliver(body).status()).as("Stripe's retry of the same event").isEqualTo(200);
        drained();
        JsonNode after = detail(order);
        assertThat(after.get("version").asLong()).isEqualTo(version);
        assertThat(after.get("history")).hasSize(1);
        assertThat(orders()).hasSize(1);
    }

    @Test
    void theIntentAndItsChargeAreOneOrderAndAPartialRefundIsCountedOnce() throws Exception {
        assertThat(deliver(Samples.read("stripe/payment_intent.succeeded.json")).status()).isEqualTo(200);
        assertThat(deliver(chargeOfTheIntent("evt_charge_of_the_intent")).status()).isEqualTo(200);
        drained();
        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("orderRef").asText()).isEqualTo(PI);
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("amount").get("minor").asLong()).isEqualTo(2000);
        assertThat(detail(order).get("history")).hasSize(2);

        // charge.refunded for 500 of the 2000, with its refund listed (as in the recorded sample).
        ObjectNode refunded = (ObjectNode) Json.parse(chargeOfTheIntent("evt_partial_refund"));
        refunded.put("type", "charge.refunded");
        ObjectNode charge = (ObjectNode) refunded.get("data").get("object");
        charge.put("amount_refunded", 500);
        ObjectNode refund = (ObjectNode) Json.parse(Samples.read("stripe/charge.refund.updated.json")).get("data").get("object");
        refund.put("id", "re_partial").put("amount", 500).put("payment_intent", PI);
        ObjectNode list = charge.putObject("refunds");
        list.put("object", "list");
        ((ArrayNode) list.putArray("data")).add(refund);
        assertThat(deliver(refunded.toString()).status()).isEqualTo(200);

        JsonNode partial = await(() -> orders().get(0), o -> o.get("status").asText().equals("partially_refunded"), WAIT);
        assertThat(partial.get("refundedMinor").asLong()).isEqualTo(500);

        // The same refund reported again by refund.created dedupes on its re_ id.
        ObjectNode created = (ObjectNode) Json.parse(Samples.read("stripe/refund.created.json"));
        ((ObjectNode) created.get("data")).set("object", refund);
        assertThat(deliver(created.toString()).status()).isEqualTo(200);
        drained();
        JsonNode after = orders().get(0);
        assertThat(after.get("status").asText()).isEqualTo("partially_refunded");
        assertThat(after.get("refundedMinor").asLong()).isEqualTo(500);
        assertThat(after.get("version").asLong()).isEqualTo(partial.get("version").asLong());
        assertThat(orders()).hasSize(1);
    }

    @Test
    void refusedDeliveriesAreBadRequestsAndNeverQueued() {
        JsonNode other = TestHub.newSite("Another Stripe site");
        String otherSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(TestHub.putProvider(other.get("clientId").asText(), "stripe", other.get("adminKey").asText(),
                Map.of("webhookSecret", otherSecret)).status()).isEqualTo(200);
        String body = Samples.read("stripe/charge.succeeded.json");
        long now = Instant.now().getEpochSecond();

        LocalHub hub = TestHub.get();
        TestHub.pauseConsumersWhenDrained();
        try {
            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();

            String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), secret, now);
            TestHub.Response tampered = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json",
                    body.replace("\"amount\": 1099", "\"amount\": 1"), Map.of("Stripe-Signature", header));
            assertThat(tampered.status()).isEqualTo(400);
            assertThat(tampered.json().get("error").get("code").asText()).isEqualTo("INVALID_SIGNATURE");

            TestHub.Response stale = deliver(body, secret, now - 3600);
            assertThat(stale.status()).isEqualTo(400);
            assertThat(stale.json().get("error").get("code").asText()).isEqualTo("STALE_TIMESTAMP");
            assertThat(deliver(body, secret, now + 3600).status()).as("from the future").isEqualTo(400);
            assertThat(deliver(body, otherSecret, now).status()).as("another site's secret").isEqualTo(400);
            assertThat(TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", body, Map.of())
                    .status()).as("no Stripe-Signature").isEqualTo(400);
            assertThat(deliver(body.substring(0, body.length() / 2)).status()).as("truncated JSON").isEqualTo(400);
            assertThat(TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/x-www-form-urlencoded",
                    body, Map.of("Stripe-Signature", header)).status()).isEqualTo(415);
            String huge = body.replace("\"metadata\": {}", "\"metadata\": {\"pad\": \"" + "x".repeat(200 * 1024) + "\"}");
            assertThat(deliver(huge).status()).isEqualTo(413);

            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
        } finally {
            hub.pauseConsumers(false);
        }
        assertThat(orders()).isEmpty();
    }

    @Test
    void toleranceAndRotationAreSetThroughTheAdminApi() {
        TestHub.Response bad = TestHub.putProvider(clientId, "stripe", adminKey, Map.of("toleranceSeconds", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("field").asText()).isEqualTo("toleranceSeconds");

        String body = Samples.read("stripe/customer.created.json");
        long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
        assertThat(deliver(body, secret, tenMinutesAgo).status()).isEqualTo(400);
        TestHub.Response relaxed = TestHub.putProvider(clientId, "stripe", adminKey, Map.of("toleranceSeconds", 900));
        assertThat(relaxed.status()).isEqualTo(200);
        assertThat(relaxed.json().get("settings").get("toleranceSeconds").asText()).isEqualTo("900");
        assertThat(deliver(body, secret, tenMinutesAgo).status()).isEqualTo(200);

        String next = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        TestHub.Response rotated = TestHub.putProvider(clientId, "stripe", adminKey,
                Map.of("webhookSecret", next, "previousWebhookSecret", secret));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain(next).doesNotContain(secret);
        long now = Instant.now().getEpochSecond();
        assertThat(deliver(body, secret, now).status()).as("old secret during rotation").isEqualTo(200);
        assertThat(deliver(body, next, now).status()).as("new secret").isEqualTo(200);
        assertThat(deliver(body, "whsec_neither", now).status()).isEqualTo(400);
    }
}
