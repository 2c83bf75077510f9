package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key's label (the person it was issued to): stored with the key, listed with it, and shown instead of the key id
 * in an order's audit trail, also after the key is revoked. The label is seller text: plain, bounded, one line.
 */
class KeyLabelIT {
    private static TestHub.Response call(String method, String path, String key, Object body) {
        return TestHub.send(method, path, body == null ? null : "application/json", body == null ? null : Json.write(body),
                Map.of("authorization", "Bearer " + key));
    }

    @Test
    void theAuditTrailNamesThePersonAKeyWasIssuedToEvenAfterItIsRevoked() {
        JsonNode site = TestHub.newSite("Labels");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String label = "Min-ji <b>Kim</b> & co";
        TestHub.Response issued = call("POST", "/admin/sites/" + clientId + "/keys", owner,
                Map.of("role", "operator", "label", label));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().get("label").asText()).isEqualTo(label);
        String operator = issued.json().get("key").asText();
        String operatorId = issued.json().get("keyId").asText();

        JsonNode keys = TestHub.get("/admin/sites/" + clientId + "/keys", owner).json().get("keys");
        List<String> labels = new ArrayList<>();
        keys.forEach(k -> labels.add(k.path("label").isNull() ? null : k.path("label").asText(null)));
        assertThat(labels).containsExactly(null, label);

        var order = SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 500, "USD", 0, "Buyer", "b@example.com",
                null, false, Instant.now().toString(), Map.of());
        TestHub.Response changed = call("POST", "/admin/sites/" + clientId + "/orders/" + order.orderId() + "/status", operator,
                Map.of("status", "done", "reason", "shipped"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(call("DELETE", "/admin/sites/" + clientId + "/keys/" + operatorId, owner, null).status()).isEqualTo(200);

        JsonNode audit = TestHub.get("/admin/sites/" + clientId + "/orders/" + order.orderId(), owner).json().get("audit");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("by").asText()).isEqualTo(operatorId);
        assertThat(audit.get(0).get("byLabel").asText()).isEqualTo(label);
    }

    @Test
    void aLabelIsOneLineOfAtMostEightyCharacters() {
        JsonNode site = TestHub.newSite("Bad labels");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        for (Object bad : List.of("a".repeat(81), "two\nlines", "tab\there", "", "   ", 42)) {
            TestHub.Response r = call("POST", "/admin/sites/" + clientId + "/keys", owner, Map.of("role", "viewer", "label", bad));
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
            assertThat(r.json().get("error").get("field").asText()).isEqualTo("label");
        }
        assertThat(call("POST", "/admin/sites/" + clientId + "/keys", owner, Map.of("role", "viewer", "label", "a".repeat(80)))
                .status()).isEqualTo(201);
    }
}
