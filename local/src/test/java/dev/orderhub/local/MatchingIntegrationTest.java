package dev.orderhub.local;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.intent.Intent;
import dev.orderhub.json.Json;
import dev.orderhub.runtime.Hub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intent → Ko-fi callback → automatic match, over the local stack. Callbacks are Ko-fi's
 * documented donation sample (samples/kofi/donation.json) with this test's token, ids, buyer,
 * message and a current timestamp.
 */
class MatchingIntegrationTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    String clientId;
    String adminKey;
    String token;
    String buyer;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Matching site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        token = UUID.randomUUID().toString();
        buyer = "buyer-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token)).status()).isEqualTo(200);
    }

    JsonNode createIntent(String email, String amount) {
        TestHub.Response r = IntentsIntegrationTest.createIntent(clientId, IntentsIntegrationTest.intentBody(email, amount), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Sends a Ko-fi donation and waits until its order exists; returns the order id. */
    String donate(String message, String amount) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        String txn = "txn-" + UUID.randomUUID();
        data.put("verification_token", token);
        data.put("message_id", "msg-" + UUID.randomUUID());
        data.put("kofi_transaction_id", txn);
        data.put("email", buyer);
        data.put("message", message);
        data.put("amount", amount);
        data.put("timestamp", Instant.now().toString());
        TestHub.Response r = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of());
        assertThat(r.status()).isEqualTo(200);
        JsonNode order = await(() -> orderByRef(txn), o -> o != null && o.path("match").has("reason"), WAIT);
        assertThat(order).as("order for " + txn + " with a match decision").isNotNull();
        return order.get("orderId").asText();
    }

    private JsonNode orderByRef(String txn) {
        for (JsonNode o : TestHub.get("/admin/sites/" + clientId + "/orders?limit=200", adminKey).json().get("orders")) {
            if (o.get("orderRef").asText().equals(txn)) {
                return o;
            }
        }
        return null;
    }

    JsonNode order(String orderId) {
        return TestHub.get("/admin/sites/" + clientId + "/orders/" + orderId, adminKey).json();
    }

    Intent intent(String intentId) {
        return Hub.get().intents().find(clientId, intentId, Instant.now()).orElseThrow();
    }

    @Test
    void theReferenceInTheKofiMessageMatchesOrderAndIntent() {
        JsonNode intent = createIntent("someone-else@example.com", "5.00");
        String typed = intent.get("reference").asText().toLowerCase().replace("-", " ");
        String orderId = donate("Love the show! " + typed, "3.00");

        JsonNode match = order(orderId).get("match");
        assertThat(match.get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(match.get("reason").asText()).isEqualTo("reference " + intent.get("reference").asText() + " in message");
        assertThat(match.get("review").asText()).isEqualTo("none");

        Intent stored = intent(intent.get("intentId").asText());
        assertThat(stored.state()).isEqualTo(Intent.State.MATCHED);
        assertThat(stored.orderId()).isEqualTo(orderId);
    }

    @Test
    void oneIntentWithTheBuyersEmailAndAmountMatchesWithoutAReference() {
        JsonNode intent = createIntent(buyer.toUpperCase(), "3.00");
        createIntent(buyer, "4.00"); // another amount: not a candidate
        String orderId = donate("no reference", "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(match.get("reason").asText()).isEqualTo("email+amount+currency, 1 candidate");
    }

    @Test
    void twoOrdersCannotTakeOneIntent() {
        JsonNode intent = createIntent(buyer, "3.00");
        String first = donate("first " + intent.get("reference").asText(), "3.00");
        String second = donate("second " + intent.get("reference").asText(), "3.00");
        assertThat(order(first).get("match").get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        JsonNode other = order(second).get("match");
        assertThat(other.has("intentId")).isFalse();
        assertThat(other.get("review").asText()).isEqualTo("needed");
        assertThat(other.get("reason").asText()).contains("unknown, expired or taken").endsWith("no candidate by email+amount+currency");
    }

    @Test
    void twoCandidatesGoToReview() {
        JsonNode a = createIntent(buyer, "3.00");
        JsonNode b = createIntent(buyer, "3.00");
        String orderId = donate("thanks", "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText()).isEqualTo("2 candidates by email+amount+currency");
        assertThat(List.of(match.get("candidates").get(0).asText(), match.get("candidates").get(1).asText()))
                .containsExactlyInAnyOrder(a.get("intentId").asText(), b.get("intentId").asText());
        assertThat(intent(a.get("intentId").asText()).state()).isEqualTo(Intent.State.OPEN);
    }

    @Test
    void withAutoMatchOffEveryOrderGoesToReview() {
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json", "{\"autoMatch\":false}",
                Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        JsonNode intent = createIntent(buyer, "3.00");
        String orderId = donate(intent.get("reference").asText(), "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText()).startsWith("auto-match is off");
        assertThat(match.get("candidates").get(0).asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(intent(intent.get("intentId").asText()).state()).isEqualTo(Intent.State.OPEN);
    }
}
