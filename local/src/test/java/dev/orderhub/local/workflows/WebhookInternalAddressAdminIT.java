package dev.orderhub.local.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant saves a workflow whose webhook points into the hub's network, spelled so that a text
 * check of the host misses it. The admin API refuses each with a 400 naming the field; a public
 * name is saved (it does not resolve on this machine, which has no DNS: the send checks it again).
 */
class WebhookInternalAddressAdminIT {
    @Test
    void internalWebhookAddressesAreRefusedWhenSaved() {
        JsonNode site = TestHub.newSite("Webhook address site");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        for (String url : List.of("https://localhost./x", "https://metadata.google.internal./", "https://0x7f000001/",
                "https://2130706433/", "https://127.1/", "https://[::ffff:127.0.0.1]/", "https://169.254.169.254/latest")) {
            TestHub.Response r = save(clientId, adminKey, url);
            assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(url).contains("actions[0].url").contains("must name a public host");
        }
        TestHub.Response ok = save(clientId, adminKey, "https://hooks.example.com/orderhub");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    private static TestHub.Response save(String clientId, String adminKey, String url) {
        Map<String, Object> body = Map.of("name", "hook", "trigger", "order.paid",
                "actions", List.of(Map.of("type", "webhook", "url", url)));
        return TestHub.send("POST", "/admin/sites/" + clientId + "/workflows", "application/json", Json.write(body),
                Map.of("authorization", "Bearer " + adminKey));
    }
}
