package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sync.ReconcileIT;
import dev.orderhub.testing.Requests;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whoever changes an order, the same triggers fire: an admin's status change, a workflow's
 * set_status, and (in {@link ReconcileIT}) the reconciler giving up are order changes
 * like a payment event's, so a workflow listening to the trigger runs.
 */
public class OrderCommitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPendingOrderConfirmedByHandSendsTheBuyerExactlyOneThankYou() {
        JsonNode site = TestHub.newSite("Confirmed by hand");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        kofiWithAutoReply(clientId, adminKey);
        String buyer = "by-hand-" + UUID.randomUUID() + "@example.com";
        String orderId = SeededOrders.save(clientId, 1, "kofi", OrderStatus.PENDING, 500, "USD", 0, "Hand", buyer, "hi",
                false, "2026-01-01T12:00:00Z", Map.of()).orderId();

        TestHub.Response paid = TestHub.send("POST", "/admin/sites/" + clientId + "/orders/" + orderId + "/status",
                "application/json", "{\"status\":\"paid\",\"reason\":\"bank transfer arrived\"}",
                Map.of("authorization", "Bearer " + adminKey));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);

        await("the thank-you to " + buyer, () -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.mailTo(buyer)).as("order.paid fired once, by the admin's change").hasSize(1);
    }

    @Test
    void aWorkflowThatCancelsAnOrderFiresOrderCanceled() {
        JsonNode site = TestHub.newSite("Canceled by a workflow");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        String token = kofiWithAutoReply(clientId, adminKey);
        workflow(clientId, adminKey, "Cancel every paid order", "order.paid",
                Map.of("type", "set_status", "status", "canceled", "reason", "out of stock"));
        workflow(clientId, adminKey, "Tag canceled orders", "order.canceled", Map.of("type", "add_order_tag", "tag", "was-canceled"));

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        data.put("email", "cancel-" + UUID.randomUUID() + "@example.com");
        TestHub.Response r = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of());
        assertThat(r.status()).isEqualTo(200);

        JsonNode order = await("the order tagged by the order.canceled workflow", () -> TestHub.orders(clientId, adminKey),
                o -> !o.isEmpty() && tags(o.get(0)).contains("was-canceled"), WAIT).get(0);
        assertThat(order.get("status").asText()).isEqualTo("canceled");
    }

    public static List<String> tags(JsonNode order) {
        List<String> out = new ArrayList<>();
        order.path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    /** A workflow made through the admin API, with one action. */
    public static void workflow(String clientId, String adminKey, String name, String trigger, Map<String, Object> action) {
        TestHub.Response w = TestHub.send("POST", "/admin/sites/" + clientId + "/workflows", "application/json",
                Json.write(Map.of("name", name, "trigger", trigger, "actions", List.of(action))),
                Map.of("authorization", "Bearer " + adminKey));
        assertThat(w.status()).as(w.body()).isEqualTo(201);
    }

    /** Ko-fi switched on with its auto-reply (the default thank-you workflow's e-mail); returns the verification token. */
    private static String kofiWithAutoReply(String clientId, String adminKey) {
        String token = UUID.randomUUID().toString();
        TestHub.Response r = TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Thank you.")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return token;
    }
}
