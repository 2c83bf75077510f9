package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TablePolicyGuard;
import dev.orderhub.local.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each function's role lets it touch only some item kinds of the table (template.yaml,
 * dynamodb:LeadingKeys), and local mode refuses every other request as AWS would
 * (TablePolicyGuard). A payment goes the whole way here, callback to auto-reply, with a failing
 * event beside it and the admin reading both: no function may have built a key outside its list,
 * not even where the code swallows the error (recording a failure, say).
 */
class LeadingKeysIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPaymentAndADeadLetterGoTheWholeWayWithinEachFunctionsItemKinds() {
        JsonNode site = TestHub.newSite("Leading keys");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "keys-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token, "autoReply",
                Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Got {{amount}}."))).status())
                .isEqualTo(200);
        String donation = "{\"verification_token\":\"" + token + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Dee\","
                + "\"message\":\"hi\",\"amount\":\"4.00\",\"email\":\"" + buyer + "\",\"currency\":\"USD\","
                + "\"kofi_transaction_id\":\"txn-" + UUID.randomUUID() + "\",\"is_public\":true}";
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                dev.orderhub.testing.Requests.form("data", donation), Map.of()).status()).isEqualTo(200);
        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("body").get("text").asText()).isEqualTo("Got 4.00.");

        LocalHub hub = TestHub.get();
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(
                "{\"clientId\":\"" + clientId + "\",\"provider\":\"kofi\",\"eventId\":\"bad-keys\",\"kind\":\"NO_SUCH_KIND\"}"));
        await(() -> TestHub.get("/admin/sites/" + clientId + "/dead-letters", key).json().get("deadLetters"), l -> l.size() == 1, WAIT);

        JsonNode orders = TestHub.get("/admin/sites/" + clientId + "/orders", key).json().get("orders");
        assertThat(orders).hasSize(1);
        assertThat(TestHub.orderDetail(clientId, key, orders.get(0)).get("emails").get("items")).isNotEmpty();
        assertThat(TestHub.get("/admin/sites/" + clientId + "/export?type=orders&format=csv", key).status()).isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + clientId + "/review", key).status()).isEqualTo(200);
        assertThat(TestHub.get("/admin/dead-letters", hub.operatorKey()).status()).isEqualTo(200);

        assertThat(TablePolicyGuard.refusals()).as("requests the functions' roles would refuse on AWS").isEmpty();
    }
}
