package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over the local stack: a stranger creates a public intent with the victim's e-mail and amount;
 * the victim then donates that amount on Ko-fi without a reference. The stranger's status token
 * must not see the victim's payment; the order waits for review with the stranger's intent only
 * suggested.
 */
class IntentCaptureByEmailAttackIT extends SiteWithIntents {
    private List<JsonNode> review() {
        List<JsonNode> out = new java.util.ArrayList<>();
        TestHub.get("/admin/sites/" + clientId + "/review", adminKey).json().get("orders").forEach(out::add);
        return out;
    }

    @Test
    void aStrangersIntentWithTheVictimsEmailDoesNotCaptureTheVictimsPayment() {
        JsonNode strangers = createIntent(IntentsIT.intentBody("victim@example.org", "25.00"));

        String orderId = donate("love your work", "25.00", "USD", "Victim@Example.org");

        assertThat(buyerStatus(strangers).get("status").asText()).isEqualTo("pending");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("suggested").asText()).isEqualTo(strangers.get("intentId").asText());
        JsonNode listed = TestHub.await(this::review, q -> !q.isEmpty(), WAIT).get(0);
        assertThat(listed.get("suggestedIntentId").asText()).as("pre-selected on the review page")
                .isEqualTo(strangers.get("intentId").asText());
    }

    @Test
    void aSiteThatOptsInToEmailMatchingGetsTheOldBehaviour() {
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                "{\"autoMatchByEmail\":true}", Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        JsonNode intent = createIntent(IntentsIT.intentBody("victim@example.org", "25.00"));

        String orderId = donate("love your work", "25.00", "USD", "Victim@Example.org");

        assertThat(order(orderId).get("match").get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(buyerStatus(intent).get("status").asText()).isEqualTo("paid");
    }
}
