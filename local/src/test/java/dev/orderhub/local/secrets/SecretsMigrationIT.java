package dev.orderhub.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.RawItems;
import dev.orderhub.local.SignedPayments;
import dev.orderhub.local.TestHub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Secrets stored in plain text before sealing must not stay readable in the table: the operator's
 * one-off POST /admin/secrets/seal seals them, callbacks verify before and after, and a previous
 * secret that never had an expiry gets the default one.
 */
class SecretsMigrationIT {
    private final LocalHub hub = TestHub.get();

    @Test
    void plainSecretsInTheTableAreSealedByTheOperatorsCommandAndCallbacksStillVerify() {
        JsonNode site = TestHub.newSite("Plain secrets");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String kofiToken = "plain_kofi_" + Ids.random(24);
        String stripeSecret = "whsec_plain_" + Ids.random(24);
        String stripePrevious = "whsec_plainold_" + Ids.random(24);
        String webhookSecret = "whsk_" + Ids.random(40);
        String setAt = Instant.now().minus(Duration.ofDays(30)).toString();
        putPlainConfig(clientId, "kofi", Map.of("verificationToken", kofiToken), setAt);
        putPlainConfig(clientId, "stripe", Map.of("webhookSecret", stripeSecret, "previousWebhookSecret", stripePrevious), setAt);
        hub.dynamoDb().putItem(PutItemRequest.builder().tableName(table()).item(Map.of(
                "pk", s("SITE#" + clientId + "#WORKFLOWS"), "sk", s("#WEBHOOK_SECRET"), "type", s("webhookSecret"),
                "secret", s(webhookSecret))).build());
        assertThat(SignedPayments.pay(clientId, "kofi", kofiToken).status()).as("plain, before").isEqualTo(200);

        TestHub.Response notOperator = TestHub.send("POST", "/admin/secrets/seal", "application/json", "{}",
                Map.of("authorization", "Bearer " + owner));
        assertThat(notOperator.status()).isEqualTo(403);
        int sealed = 0;
        String cursor = null;
        do {
            TestHub.Response r = TestHub.send("POST", "/admin/secrets/seal?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                    "application/json", "{}", Map.of("authorization", "Bearer " + hub.operatorKey()));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            sealed += r.json().get("providerConfigsSealed").asInt();
            cursor = r.json().path("next").isTextual() ? r.json().get("next").asText() : null; // absent on the last page
        } while (cursor != null);
        assertThat(sealed).isGreaterThanOrEqualTo(2);

        String raw = raw("SITE#" + clientId, "PROVIDER#kofi") + raw("SITE#" + clientId, "PROVIDER#stripe")
                + raw("SITE#" + clientId + "#WORKFLOWS", "#WEBHOOK_SECRET");
        assertThat(raw).contains("sealedSecrets").contains("sealedSecret");
        for (String secret : new String[] {kofiToken, stripeSecret, stripePrevious, webhookSecret}) {
            assertThat(raw).as("still in plain text after sealing").doesNotContain(secret);
        }
        assertThat(SignedPayments.pay(clientId, "kofi", kofiToken).status()).as("sealed, after").isEqualTo(200);
        assertThat(SignedPayments.pay(clientId, "stripe", stripeSecret).status()).isEqualTo(200);
        assertThat(SignedPayments.pay(clientId, "stripe", stripePrevious).status()).as("previous, until it expires").isEqualTo(200);
        assertThat(TestHub.stack().webhookSecrets().find(clientId)).contains(webhookSecret);

        JsonNode stripe = TestHub.get("/admin/sites/" + clientId + "/providers/stripe", owner).json();
        Instant expires = Instant.parse(stripe.get("secrets").get("previousWebhookSecret").get("expiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    }

    /** A provider config as the hub stored it before secrets were sealed. */
    private void putPlainConfig(String clientId, String provider, Map<String, String> secrets, String setAt) {
        Map<String, AttributeValue> plain = new HashMap<>();
        Map<String, AttributeValue> when = new HashMap<>();
        secrets.forEach((k, v) -> {
            plain.put(k, s(v));
            when.put(k, s(setAt));
        });
        hub.dynamoDb().putItem(PutItemRequest.builder().tableName(table()).item(Map.of(
                "pk", s("SITE#" + clientId), "sk", s("PROVIDER#" + provider), "type", s("providerConfig"),
                "provider", s(provider), "secrets", AttributeValue.fromM(plain), "secretsSetAt", AttributeValue.fromM(when),
                "settings", AttributeValue.fromM(Map.of()),
                "autoReply", AttributeValue.fromM(Map.of("enabled", AttributeValue.fromBool(false))))).build());
    }

    private String raw(String pk, String sk) {
        return RawItems.render(hub.dynamoDb().getItem(GetItemRequest.builder().tableName(table())
                .key(Map.of("pk", s(pk), "sk", s(sk))).build()).item());
    }

    private String table() {
        return hub.tableName("HubTable");
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
