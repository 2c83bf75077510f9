package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.orders.IntentsIT;
import dev.orderhub.local.sign.BmcSigner;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over the local stack: signed test-mode deliveries (Buy Me a Coffee {@code live_mode:false},
 * Stripe {@code livemode:false}; no money moved) carrying a live intent's reference, then the
 * buyer's status through the public route. A test payment only ever pays an intent created in
 * test mode.
 */
class TestModePaymentAttackIT extends SiteWithIntents {
    private String bmcSecret;
    private String stripeSecret;

    @BeforeEach
    void providers() {
        bmcSecret = "bmc-" + UUID.randomUUID();
        stripeSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(TestHub.putProvider(clientId, "bmc", adminKey, Map.of("signingSecret", bmcSecret)).status()).isEqualTo(200);
        assertThat(TestHub.putProvider(clientId, "stripe", adminKey, Map.of("webhookSecret", stripeSecret)).status()).isEqualTo(200);
    }

    private JsonNode intent(String provider, String amount, boolean test) {
        Map<String, Object> body = IntentsIT.intentBody(buyer, amount);
        body.put("provider", provider);
        if (test) {
            body.put("test", true);
        }
        return createIntent(body);
    }

    /** A BMC donation.created of 5 USD whose support note is {@code note}; returns the order once decided. */
    private JsonNode bmcDonation(String note, boolean liveMode) {
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/donation.created.json"));
        String txn = "pi_" + UUID.randomUUID().toString().replace("-", "");
        json.put("live_mode", liveMode);
        json.put("event_id", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        ObjectNode data = (ObjectNode) json.get("data");
        data.put("transaction_id", txn);
        data.put("support_note", note);
        data.put("supporter_email", buyer);
        CallbackSigner.Signed s = new BmcSigner().sign(json.toString(), Map.of("signingSecret", bmcSecret), Instant.now());
        TestHub.Response r = TestHub.send("POST", "/callbacks/bmc/" + clientId, s.contentType(), s.body(), s.headers());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return decided(txn);
    }

    /** Stripe's payment_intent.succeeded sample (20.00 USD, livemode false) with {@code description}. */
    private JsonNode stripeTestPayment(String description) {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/payment_intent.succeeded.json"));
        String pi = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        event.put("livemode", false);
        ObjectNode object = (ObjectNode) event.get("data").get("object");
        object.put("id", pi);
        object.put("description", description);
        String body = event.toString();
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), stripeSecret, Instant.now().getEpochSecond());
        TestHub.Response r = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json; charset=utf-8", body,
                Map.of("Stripe-Signature", header));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return decided(pi);
    }

    private JsonNode decided(String orderRef) {
        JsonNode order = TestHub.await(() -> TestHub.orders(clientId, adminKey).stream()
                .filter(o -> o.get("orderRef").asText().equals(orderRef)).findFirst().orElse(null),
                o -> o != null && o.path("match").has("reason"), WAIT);
        assertThat(order).as("order " + orderRef + " with a match decision").isNotNull();
        return order;
    }

    @Test
    void theTestFlagOfAnIntentIsABoolean() {
        Map<String, Object> body = IntentsIT.intentBody(buyer, "5.00");
        body.put("test", "yes");
        TestHub.Response r = IntentsIT.createIntent(clientId, body, Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("test");
        assertThat(intent("bmc", "5.00", false).get("test").asBoolean()).isFalse();
    }

    @Test
    void aBmcTestDeliveryWithALiveIntentsReferenceLeavesItPending() {
        JsonNode live = intent("bmc", "5.00", false);
        JsonNode order = bmcDonation("here: " + live.get("reference").asText(), false);

        assertThat(order.get("test").asBoolean()).isTrue();
        assertThat(buyerStatus(live).get("status").asText()).isEqualTo("pending");
        assertThat(order.get("match").get("review").asText()).isEqualTo("needed");
        assertThat(order.get("match").get("reason").asText()).contains("in test mode");
    }

    @Test
    void aStripeTestModeEventWithALiveIntentsReferenceLeavesItPending() {
        JsonNode live = intent("stripe", "20.00", false);
        JsonNode order = stripeTestPayment("order " + live.get("reference").asText());

        assertThat(order.get("test").asBoolean()).isTrue();
        assertThat(buyerStatus(live).get("status").asText()).isEqualTo("pending");
        assertThat(order.get("match").get("reason").asText()).contains("in test mode");
    }

    @Test
    void anIntentCreatedInTestModeIsPaidByATestDeliveryAndSaysSo() {
        JsonNode test = intent("bmc", "5.00", true);
        assertThat(buyerStatus(test).get("test").asBoolean()).isTrue();

        JsonNode order = bmcDonation(test.get("reference").asText(), false);

        assertThat(order.get("match").get("intentId").asText()).isEqualTo(test.get("intentId").asText());
        JsonNode status = buyerStatus(test);
        assertThat(status.get("status").asText()).isEqualTo("paid");
        assertThat(status.get("test").asBoolean()).isTrue();
        assertThat(status.get("paid").get("decimal").asText()).isEqualTo("5.00");
    }

    @Test
    void aLiveDeliveryDoesNotPayAnIntentCreatedInTestMode() {
        JsonNode test = intent("bmc", "5.00", true);
        JsonNode order = bmcDonation(test.get("reference").asText(), true);

        assertThat(order.get("test").asBoolean()).isFalse();
        assertThat(buyerStatus(test).get("status").asText()).isEqualTo("pending");
        assertThat(order.get("match").get("reason").asText()).endsWith("intent expects 5.00 USD via bmc in test mode");
    }
}
