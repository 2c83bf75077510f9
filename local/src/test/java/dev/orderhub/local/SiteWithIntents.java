package dev.orderhub.local;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.intent.Intent;
import dev.orderhub.json.Json;
import dev.orderhub.local.orders.IntentsIT;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh site with Ko-fi configured, for tests of intents and matching over the local stack.
 * Callbacks are Ko-fi's documented donation sample (samples/kofi/donation.json) with the test's
 * token, ids, buyer, message and a current timestamp.
 */
public abstract class SiteWithIntents {
    public static final Duration WAIT = Duration.ofSeconds(20);
    public String clientId;
    public String adminKey;
    public String token;
    public String buyer;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Matching site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        token = UUID.randomUUID().toString();
        buyer = "buyer-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token)).status()).isEqualTo(200);
    }

    protected JsonNode createIntent(String email, String amount) {
        TestHub.Response r = IntentsIT.createIntent(clientId, IntentsIT.intentBody(email, amount), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Creates an intent from a full body (see {@link IntentsIT#intentBody}). */
    protected JsonNode createIntent(Map<String, Object> body) {
        TestHub.Response r = IntentsIT.createIntent(clientId, body, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The buyer's view through the public status route, with the intent's own token. */
    protected static JsonNode buyerStatus(JsonNode intent) {
        TestHub.Response r = TestHub.send("GET", "/orders/" + intent.get("intentId").asText() + "/status?token="
                + intent.get("statusToken").asText(), null, null, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Sends a Ko-fi donation and waits until its order exists; returns the order id. */
    protected String donate(String message, String amount) {
        return donate(message, amount, "USD", buyer);
    }

    /** A Ko-fi donation in any currency from any e-mail address. */
    protected String donate(String message, String amount, String currency, String email) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        String txn = "txn-" + UUID.randomUUID();
        data.put("verification_token", token);
        data.put("message_id", "msg-" + UUID.randomUUID());
        data.put("kofi_transaction_id", txn);
        data.put("email", email);
        data.put("message", message);
        data.put("amount", amount);
        data.put("currency", currency);
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

    protected JsonNode order(String orderId) {
        return TestHub.get("/admin/sites/" + clientId + "/orders/" + orderId, adminKey).json();
    }

    protected Intent intent(String intentId) {
        return TestHub.stack().intents().find(clientId, intentId, Instant.now()).orElseThrow();
    }
}
