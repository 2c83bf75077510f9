package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An old payment delivered now (a backfill, or Stripe's own example objects, whose times are from
 * 2009): the order is listed, filtered and exported on the provider's date, and also says when the
 * hub received it. The objects are Stripe's (samples/stripe-openapi), the authorized-then-captured
 * charge and its whole refund.
 */
class OrderTimesIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROVIDER_TIME = "2009-02-13T23:31:30Z";

    private static String event(String id, String type, String objectType) {
        ObjectNode e = Json.object();
        e.put("id", id);
        e.put("object", "event");
        e.put("api_version", "2024-06-20");
        e.put("created", Instant.parse(PROVIDER_TIME).getEpochSecond());
        e.put("livemode", false);
        e.put("type", type);
        e.putObject("data").set("object", Json.parse(Samples.read("stripe-openapi/" + objectType + ".json")));
        return e.toString();
    }

    @Test
    void anOldPaymentKeepsItsProvidersDateAndSaysWhenItWasReceived() {
        JsonNode site = TestHub.newSite("Order times");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(TestHub.putProvider(clientId, "stripe", key, Map.of("webhookSecret", secret)).status()).isEqualTo(200);

        Instant before = Instant.now().minusSeconds(1);
        for (String body : List.of(event("evt_times_auth", "charge.succeeded", "charge"),
                event("evt_times_capture", "charge.captured", "charge"), event("evt_times_refund", "refund.created", "refund"))) {
            String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), secret, Instant.now().getEpochSecond());
            assertThat(TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", body,
                    Map.of("Stripe-Signature", header)).status()).isEqualTo(200);
        }
        JsonNode order = await("the refunded order", () -> TestHub.orders(clientId, key),
                o -> o.size() == 1 && o.get(0).get("status").asText().equals("refunded"), WAIT).get(0);
        Instant after = Instant.now().plusSeconds(1);

        assertThat(order.get("amount").get("decimal").asText()).isEqualTo("1.00");
        assertThat(order.get("refundedMinor").asLong()).isEqualTo(100);
        assertThat(order.get("createdAt").asText()).isEqualTo(PROVIDER_TIME);
        Instant received = Instant.parse(order.get("receivedAt").asText());
        assertThat(received).isBetween(before, after);

        String orders = "/admin/sites/" + clientId + "/orders";
        assertThat(TestHub.get(orders + "?from=2009-02-13&to=2009-02-14", key).json().get("orders")).hasSize(1);
        assertThat(TestHub.get(orders + "?from=" + before.toString().substring(0, 10), key).json().get("orders")).isEmpty();

        JsonNode row = Json.parse(TestHub.get("/admin/sites/" + clientId + "/export?type=orders&from=2009-02-13", key)
                .body().split("\n")[0]);
        assertThat(row.get("createdAt").asText()).isEqualTo(PROVIDER_TIME);
        assertThat(row.get("receivedAt").asText()).isEqualTo(order.get("receivedAt").asText());
    }
}
