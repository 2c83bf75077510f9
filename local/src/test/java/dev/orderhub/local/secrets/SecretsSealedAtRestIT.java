package dev.orderhub.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.RawItems;
import dev.orderhub.local.SignedPayments;
import dev.orderhub.local.TestHub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Anyone who can read the table (a role with a read grant, a backup, an export) must not read the
 * sites' secrets there: provider secrets and the workflow webhook secret are stored sealed, and
 * callbacks still verify. A sealed secret copied into another site's config (someone who can
 * write the table) does not open there.
 */
public class SecretsSealedAtRestIT {
    @Test
    void theRawItemsHoldNoSecretAndCallbacksStillVerify() {
        JsonNode site = TestHub.newSite("Sealed at rest");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        List<String> secrets = new ArrayList<>();
        Map<String, String> signing = new HashMap<>();
        DemoSite.SECRETS.keySet().forEach(provider -> {
            Map<String, Object> body = new HashMap<>();
            for (String name : dev.orderhub.provider.Providers.REGISTRY.find(provider).orElseThrow().secretNames()) {
                String value = "sealme_" + Ids.random(28);
                body.put(name, value);
                secrets.add(value);
            }
            signing.put(provider, (String) body.get(SignedPayments.signingSecretName(provider)));
            TestHub.Response r = TestHub.putProvider(clientId, provider, owner, body);
            assertThat(r.status()).as(provider + " " + r.body()).isEqualTo(200);
        });
        TestHub.Response webhook = TestHub.send("POST", "/admin/sites/" + clientId + "/workflows/webhook-secret",
                "application/json", "{}", Map.of("authorization", "Bearer " + owner));
        assertThat(webhook.status()).isEqualTo(200);
        secrets.add(webhook.json().get("webhookSecret").asText());

        String raw = rawItems("SITE#" + clientId) + rawItems("SITE#" + clientId + "#WORKFLOWS");
        assertThat(raw).as("the site's items were read").contains("PROVIDER#stripe").contains("sealedSecrets");
        assertThat(raw).contains("#WEBHOOK_SECRET");
        for (String secret : secrets) {
            assertThat(raw).as("a secret in plain text in the table").doesNotContain(secret);
        }
        signing.forEach((provider, secret) ->
                assertThat(SignedPayments.pay(clientId, provider, secret).status()).as(provider).isBetween(200, 299));
    }

    @Test
    void aSealedSecretCopiedToAnotherSiteDoesNotOpenThere() {
        JsonNode a = TestHub.newSite("Sealed A");
        JsonNode b = TestHub.newSite("Sealed B");
        String secretA = "sealme_" + Ids.random(28);
        String secretB = "sealme_" + Ids.random(28);
        assertThat(TestHub.putProvider(a.get("clientId").asText(), "bmc", a.get("adminKey").asText(),
                Map.of("signingSecret", secretA)).status()).isEqualTo(200);
        assertThat(TestHub.putProvider(b.get("clientId").asText(), "bmc", b.get("adminKey").asText(),
                Map.of("signingSecret", secretB)).status()).isEqualTo(200);

        // Whoever can write the table puts A's stored config, as it is, under B.
        LocalHub hub = TestHub.get();
        Map<String, AttributeValue> itemA = hub.dynamoDb().getItem(GetItemRequest.builder().tableName(hub.tableName("HubTable"))
                .key(Map.of("pk", AttributeValue.fromS("SITE#" + a.get("clientId").asText()), "sk", AttributeValue.fromS("PROVIDER#bmc")))
                .build()).item();
        Map<String, AttributeValue> copy = new HashMap<>(itemA);
        copy.put("pk", AttributeValue.fromS("SITE#" + b.get("clientId").asText()));
        hub.dynamoDb().putItem(PutItemRequest.builder().tableName(hub.tableName("HubTable")).item(copy).build());

        assertThat(SignedPayments.pay(b.get("clientId").asText(), "bmc", secretA).status())
                .as("B's callback signed with A's secret, A's sealed secret copied to B").isEqualTo(401);
        assertThat(SignedPayments.pay(a.get("clientId").asText(), "bmc", secretA).status()).isBetween(200, 299);
    }

    private static String rawItems(String pk) {
        LocalHub hub = TestHub.get();
        List<Map<String, AttributeValue>> items = hub.dynamoDb().query(QueryRequest.builder().tableName(hub.tableName("HubTable"))
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .build()).items();
        StringBuilder out = new StringBuilder();
        items.forEach(i -> out.append(RawItems.render(i)).append('\n'));
        return out.toString();
    }

}
