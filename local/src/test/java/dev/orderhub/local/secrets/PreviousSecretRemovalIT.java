package dev.orderhub.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.local.SignedPayments;
import dev.orderhub.local.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A secret rotated out must be removable: once the owner removes it (null), an event forged
 * with the old secret (leaked, or held by a former developer) is refused. And it must not live
 * forever when nobody removes it: it expires, a day after it was set by default, at most a week.
 */
class PreviousSecretRemovalIT {
    /** Each provider with a previous secret: its previous field, and the status it refuses a bad signature with. */
    private static final Map<String, String> PREVIOUS = Map.of("stripe", "previousWebhookSecret", "bmc", "previousSigningSecret",
            "shopify", "previousClientSecret", "xsolla", "previousProjectSecret");

    @Test
    void nullRemovesThePreviousSecretAndAnEventForgedWithItIsRefused() {
        JsonNode site = TestHub.newSite("Previous secret removal");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        PREVIOUS.forEach((provider, previousField) -> {
            String current = SignedPayments.signingSecretName(provider);
            String oldSecret = "whsec_old_" + Ids.random(24);
            String newSecret = "whsec_new_" + Ids.random(24);
            TestHub.Response rotating = TestHub.putProvider(clientId, provider, owner,
                    Map.of(current, newSecret, previousField, oldSecret));
            assertThat(rotating.status()).as(provider + " " + rotating.body()).isEqualTo(200);
            assertThat(SignedPayments.pay(clientId, provider, oldSecret).status()).as(provider + ": old secret while rotating")
                    .isBetween(200, 299);

            // Written out: the hub's JSON writer leaves null map values out.
            TestHub.Response removed = TestHub.send("PUT", "/admin/sites/" + clientId + "/providers/" + provider,
                    "application/json", "{\"" + previousField + "\":null}", Map.of("authorization", "Bearer " + owner));
            assertThat(removed.status()).as(provider + " " + removed.body()).isEqualTo(200);

            TestHub.Response forged = SignedPayments.pay(clientId, provider, oldSecret);
            assertThat(forged.status()).as(provider + ": event forged with the removed secret").isBetween(400, 401);
            assertThat(SignedPayments.pay(clientId, provider, newSecret).status()).as(provider + ": new secret").isBetween(200, 299);
            assertThat(removed.json().get("secrets").get(previousField).get("set").asBoolean()).as(provider).isFalse();
            assertThat(removed.json().get("secrets").get(current).get("set").asBoolean()).as(provider).isTrue();
        });
    }

    @Test
    void anEmptySecretIsRefusedWithAnErrorThatSaysHowToRemoveOne() {
        JsonNode site = TestHub.newSite("Empty secret");
        TestHub.Response r = TestHub.putProvider(site.get("clientId").asText(), "stripe", site.get("adminKey").asText(),
                Map.of("previousWebhookSecret", ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("previousWebhookSecret");
        assertThat(r.json().get("error").get("message").asText()).contains("null");
    }

    @Test
    void aPreviousSecretExpiresADayAfterItIsSetByDefaultAndAtMostAWeekLater() {
        JsonNode site = TestHub.newSite("Previous secret expiry");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();

        TestHub.Response byDefault = TestHub.putProvider(clientId, "stripe", owner,
                Map.of("webhookSecret", "whsec_" + Ids.random(24), "previousWebhookSecret", "whsec_" + Ids.random(24)));
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        JsonNode previous = byDefault.json().get("secrets").get("previousWebhookSecret");
        assertThat(Duration.between(Instant.parse(previous.get("setAt").asText()), Instant.parse(previous.get("expiresAt").asText())))
                .isEqualTo(Duration.ofHours(24));
        assertThat(byDefault.json().get("secrets").get("webhookSecret").has("expiresAt")).as("the current secret does not expire")
                .isFalse();

        Map<String, Object> tooLong = new LinkedHashMap<>();
        tooLong.put("previousWebhookSecret", "whsec_" + Ids.random(24));
        tooLong.put("previousSecretExpiresInHours", 169);
        TestHub.Response refused = TestHub.putProvider(clientId, "stripe", owner, tooLong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("field").asText()).isEqualTo("previousSecretExpiresInHours");

        TestHub.Response shortened = TestHub.putProvider(clientId, "stripe", owner, Map.of("previousSecretExpiresInHours", 1));
        assertThat(shortened.status()).as(shortened.body()).isEqualTo(200);
        Instant expires = Instant.parse(shortened.json().get("secrets").get("previousWebhookSecret").get("expiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(58)), Instant.now().plus(Duration.ofMinutes(61)));
    }
}
