package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One dead letter of a site, as its admins open it: the payload (what the queue carried, secrets
 * removed, bounded), why it failed in words, and the order it is about. Read from the site's own
 * entries only: another site's key, naming a message of the queue every site shares, gets nothing.
 */
class DeadLetterDetailIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "kofi-token-" + UUID.randomUUID();

    private static JsonNode listed(String clientId, String key) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/dead-letters", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("deadLetters");
    }

    /**
     * A queued Ko-fi callback event the payment-events function cannot apply (its kind is unknown), carrying a
     * verification token at the top and inside its raw body, as an event queued before the token
     * was stripped would: it fails five times and waits in the dead-letter queue.
     */
    private static String poison(String clientId, String orderRef) {
        String eventId = "bad-" + UUID.randomUUID();
        String raw = Json.write(Map.of("message_id", eventId, "kofi_transaction_id", orderRef, "verification_token", TOKEN,
                "nested", Map.of("verification_token", TOKEN)));
        String body = Json.write(Map.of("clientId", clientId, "provider", "kofi", "eventId", eventId, "orderRef", orderRef,
                "kind", "NO_SUCH_KIND", "verification_token", TOKEN, "rawContentType", "application/json", "raw", raw));
        LocalHub hub = TestHub.get();
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(body));
        return eventId;
    }

    private static String viewerKey(JsonNode site) {
        return TestHub.send("POST", "/admin/sites/" + site.get("clientId").asText() + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + site.get("adminKey").asText()))
                .json().get("key").asText();
    }

    private static Order order(String clientId, String orderRef) {
        Order o = new Order(clientId, OrderIds.of(clientId, "kofi", orderRef), "kofi", orderRef, OrderStatus.PAID,
                OrderStatus.PAID, Money.ofMinor(500, "USD"), null, 0, false, "Ann", "ann@example.com", null, List.of(), null,
                false, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z", Set.of("seed-" + orderRef), Map.of(), null, null, 0);
        assertThat(TestHub.stack().orders().save(o, 0)).isTrue();
        return o;
    }

    @Test
    void aSitesAdminOpensItsDeadLetterWithThePayloadWithoutSecretsTheReasonAndTheOrder() {
        JsonNode site = TestHub.newSite("DLQ detail");
        String clientId = site.get("clientId").asText();
        String orderRef = "tx-" + UUID.randomUUID();
        Order order = order(clientId, orderRef);
        String eventId = poison(clientId, orderRef);
        String viewer = viewerKey(site);
        JsonNode list = await(() -> listed(clientId, viewer), l -> l.size() == 1, WAIT);
        String messageId = list.get(0).get("messageId").asText();

        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/dead-letters/" + messageId, viewer);

        assertThat(r.status()).as("a viewer reads dead letters as it lists them: " + r.body()).isEqualTo(200);
        JsonNode d = r.json();
        assertThat(d.get("messageId").asText()).isEqualTo(messageId);
        assertThat(d.get("eventId").asText()).isEqualTo(eventId);
        assertThat(d.get("reason").asText()).as("why, in words").contains("kofi").contains("5");
        assertThat(d.get("error").asText()).contains("PaymentEvent");
        assertThat(d.get("orderId").asText()).isEqualTo(order.orderId());
        assertThat(d.get("orderPath").asText()).isEqualTo("/admin/sites/" + clientId + "/orders/" + order.orderId());
        String payload = d.get("payload").asText();
        assertThat(payload).contains(eventId).contains(orderRef).contains("NO_SUCH_KIND");
        assertThat(r.body()).as("the verification token never leaves the hub").doesNotContain(TOKEN);
        assertThat(payload).doesNotContain("verification_token\":\"kofi");
        assertThat(d.get("payloadTruncated").asBoolean()).isFalse();
    }

    @Test
    void anotherSitesKeyNeverReadsADeadLetterOfTheSharedQueue() {
        JsonNode victim = TestHub.newSite("DLQ detail victim");
        JsonNode attacker = TestHub.newSite("DLQ detail attacker");
        String victimId = victim.get("clientId").asText();
        String attackerId = attacker.get("clientId").asText();
        String attackerKey = attacker.get("adminKey").asText();
        String orderRef = "tx-" + UUID.randomUUID();
        poison(victimId, orderRef);
        String messageId = await(() -> listed(victimId, victim.get("adminKey").asText()), l -> l.size() == 1, WAIT)
                .get(0).get("messageId").asText();

        TestHub.Response throughOwnSite = TestHub.get("/admin/sites/" + attackerId + "/dead-letters/" + messageId, attackerKey);
        TestHub.Response throughVictim = TestHub.get("/admin/sites/" + victimId + "/dead-letters/" + messageId, attackerKey);

        assertThat(throughOwnSite.status()).as("the victim's message, named under the attacker's own site: " + throughOwnSite.body())
                .isEqualTo(404);
        assertThat(throughVictim.status()).as(throughVictim.body()).isIn(403, 404);
        assertThat(throughOwnSite.body() + throughVictim.body()).doesNotContain(orderRef).doesNotContain(victimId);
        assertThat(TestHub.get("/admin/sites/" + victimId + "/dead-letters/" + messageId, victim.get("adminKey").asText()).status())
                .as("the message is still the victim's to open").isEqualTo(200);
    }

    /**
     * A message that reached the shared dead-letter queue with no failure recorded (its function
     * timed out) is the operator's only; and the operator, reading it under a site's path, finds it
     * only under the site the message names.
     */
    @Test
    void aMessageOnlyInTheSharedQueueIsTheOperatorsUnderItsOwnSiteOnly() {
        JsonNode site = TestHub.newSite("DLQ detail unrecorded");
        JsonNode other = TestHub.newSite("DLQ detail other");
        String clientId = site.get("clientId").asText();
        String eventId = "timeout-" + UUID.randomUUID();
        String body = Json.write(Map.of("clientId", clientId, "provider", "kofi", "eventId", eventId, "orderRef", "tx-1",
                "kind", "PAYMENT_SUCCEEDED", "verification_token", TOKEN));
        LocalHub hub = TestHub.get();
        String messageId = hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsDeadLetterQueue")).messageBody(body))
                .messageId();
        String operator = hub.operatorKey();

        TestHub.Response owner = TestHub.get("/admin/sites/" + clientId + "/dead-letters/" + messageId, site.get("adminKey").asText());
        TestHub.Response elsewhere = TestHub.get("/admin/sites/" + other.get("clientId").asText() + "/dead-letters/" + messageId,
                operator);
        TestHub.Response read = TestHub.get("/admin/sites/" + clientId + "/dead-letters/" + messageId, operator);

        assertThat(owner.status()).as("a site's key never reads the shared queue: " + owner.body()).isEqualTo(404);
        assertThat(elsewhere.status()).as("under another site's path: " + elsewhere.body()).isEqualTo(404);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("payload").asText()).contains(eventId);
        assertThat(read.json().get("reason").asText()).contains("no error was recorded");
        assertThat(read.body()).doesNotContain(TOKEN);
    }

    @Test
    void aMessageThatIsNoDeadLetterIsNotFound() {
        JsonNode site = TestHub.newSite("DLQ detail none");
        TestHub.Response r = TestHub.get("/admin/sites/" + site.get("clientId").asText() + "/dead-letters/no-such-message",
                site.get("adminKey").asText());
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }
}
