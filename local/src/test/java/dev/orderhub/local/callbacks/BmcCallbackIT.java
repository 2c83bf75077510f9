package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sign.BmcSigner;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buy Me a Coffee over the real local stack: gateway → BmcCallbackFunction → ElasticMQ → order
 * payment-events function → dynalite, reply through the SES stand-in. Payloads: samples/bmc/donation.created.json
 * and donation.refunded.json, <b>third-party copies</b> of BMC's test deliveries (BMC publishes
 * none; see samples/SOURCES.md).
 */
class BmcCallbackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final BmcSigner signer = new BmcSigner();
    private String clientId;
    private String adminKey;
    private String secret;
    private String buyer;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("BMC test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = "bmc-" + UUID.randomUUID();
        buyer = "supporter-" + UUID.randomUUID() + "@example.com";
        TestHub.Response r = TestHub.putProvider(clientId, "bmc", adminKey, Map.of(
                "signingSecret", secret,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com",
                        "subject", "Thanks {{buyerName}}", "body", "You sent {{amount}} {{currency}}.")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(secret);
    }

    private String sample(String file) {
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/" + file));
        ((ObjectNode) json.get("data")).put("supporter_email", buyer);
        return json.toString();
    }

    private TestHub.Response deliver(String payload, String signingSecret) {
        CallbackSigner.Signed s = signer.sign(payload, Map.of("signingSecret", signingSecret), Instant.now());
        return TestHub.send("POST", "/callbacks/bmc/" + clientId, s.contentType(), s.body(), s.headers());
    }

    private List<JsonNode> orders() {
        return TestHub.orders(clientId, adminKey);
    }

    private JsonNode detail(JsonNode order) {
        return TestHub.orderDetail(clientId, adminKey, order);
    }

    @Test
    void aDonationIsAPaidTestOrderWithAThankYouAndItsRefundMakesItRefunded() {
        TestHub.Response r = deliver(sample("donation.created.json"), secret);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("accepted");

        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("orderRef").asText()).isEqualTo("pi_3Mc51bJEtINljGAa0zVykgUE");
        assertThat(order.get("amount").get("minor").asLong()).isEqualTo(500);
        assertThat(order.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(order.get("test").asBoolean()).as("live_mode false").isTrue();
        assertThat(order.get("buyer").get("name").asText()).isEqualTo("John");
        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("You sent 5.00 USD.");

        assertThat(deliver(sample("donation.refunded.json"), secret).status()).isEqualTo(200);
        JsonNode refunded = await(() -> orders().get(0), o -> "refunded".equals(o.get("status").asText()), WAIT);
        assertThat(refunded.get("status").asText()).isEqualTo("refunded");
        assertThat(refunded.get("amount").get("minor").asLong()).isEqualTo(500);
        assertThat(orders()).hasSize(1);
        assertThat(detail(refunded).get("history")).extracting(h -> h.get("eventId").asText()).containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void theSameDeliveryTwiceChangesNothing() throws Exception {
        String payload = sample("donation.created.json");
        assertThat(deliver(payload, secret).status()).isEqualTo(200);
        assertThat(deliver(payload, secret).status()).isEqualTo(200);
        await(this::orders, o -> !o.isEmpty(), WAIT);
        await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        // Before counting: the second delivery processed, and no workflow run left to send a second e-mail.
        TestHub.awaitQuiet(WAIT);

        List<JsonNode> orders = orders();
        assertThat(orders).hasSize(1);
        JsonNode detail = detail(orders.get(0));
        assertThat(detail.get("history")).hasSize(1);
        assertThat(detail.get("version").asLong()).as("one write: the event with its match decision (the thank-you is the workflow's)").isEqualTo(1);
        assertThat(TestHub.mailTo(buyer)).hasSize(1);
    }

    @Test
    void refusedCallbacksAreAnsweredAndNeverQueued() {
        LocalHub hub = TestHub.get();
        TestHub.pauseConsumersWhenDrained();
        try {
            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
            String payload = sample("donation.created.json");

            TestHub.Response wrong = deliver(payload, "not-the-site-secret");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("error").get("code").asText()).isEqualTo("INVALID_SIGNATURE");

            CallbackSigner.Signed s = signer.sign(payload, Map.of("signingSecret", secret), Instant.now());
            String tampered = payload.replace("\"amount\":5", "\"amount\":500");
            assertThat(tampered).isNotEqualTo(payload);
            assertThat(send(tampered, s.headers(), "application/json").status()).isEqualTo(401);
            assertThat(send(payload, Map.of(), "application/json").status()).isEqualTo(401);
            assertThat(send(payload, Map.of("x-signature-sha256", "zz-not-hex"), "application/json").status()).isEqualTo(401);

            String truncated = payload.substring(0, payload.length() / 2);
            assertThat(send(truncated, signer.sign(truncated, Map.of("signingSecret", secret), Instant.now()).headers(),
                    "application/json").status()).isEqualTo(400);
            assertThat(send(payload, s.headers(), "text/plain").status()).isEqualTo(415);
            String big = payload.replace("\"message\":", "\"pad\":\"" + "x".repeat(200 * 1024) + "\",\"message\":");
            assertThat(send(big, signer.sign(big, Map.of("signingSecret", secret), Instant.now()).headers(),
                    "application/json").status()).isEqualTo(413);
            assertThat(TestHub.send("POST", "/callbacks/bmc/site_doesnotexist", "application/json", payload, s.headers())
                    .status()).isEqualTo(404);

            JsonNode other = TestHub.newSite("another BMC site");
            String otherSecret = "bmc-other-" + UUID.randomUUID();
            TestHub.putProvider(other.get("clientId").asText(), "bmc", other.get("adminKey").asText(),
                    Map.of("signingSecret", otherSecret));
            assertThat(deliver(payload, otherSecret).status()).as("another site's secret").isEqualTo(401);

            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
        } finally {
            hub.pauseConsumers(false);
        }
        assertThat(orders()).isEmpty();
    }

    private TestHub.Response send(String body, Map<String, String> headers, String contentType) {
        return TestHub.send("POST", "/callbacks/bmc/" + clientId, contentType, body, new HashMap<>(headers));
    }
}
