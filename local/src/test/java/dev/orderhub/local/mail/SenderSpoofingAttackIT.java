package dev.orderhub.local.mail;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every site sends through the deployment's one SES identity. A hostile owner of one site sets
 * another site's sender address as its own, so that its e-mails go out as that site: refused at
 * save. A site sends from the deployment's address, or from an address the deployment operator
 * verified for that site and no other.
 */
class SenderSpoofingAttackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DEFAULT_SENDER = "no-reply@example.com"; // the local stack's MailIdentity is example.com

    private static TestHub.Response call(String method, String path, String key, Object body) {
        return TestHub.send(method, path, "application/json", Json.write(body), Map.of("authorization", "Bearer " + key));
    }

    @Test
    void anotherSitesSenderIsRefusedWith400AtEverySave() {
        JsonNode demo = TestHub.newSite("Demo site");
        JsonNode attacker = TestHub.newSite("Attacker site");
        String demoId = demo.get("clientId").asText();
        String attackerId = attacker.get("clientId").asText();
        String attackerKey = attacker.get("adminKey").asText();
        String demoSender = "demo-" + UUID.randomUUID() + "@example.com";

        TestHub.Response autoReply = TestHub.putProvider(attackerId, "kofi", attackerKey, Map.of("verificationToken", "t",
                "autoReply", Map.of("enabled", true, "from", demoSender, "subject", "Thanks", "body", "Thank you.")));
        assertThat(autoReply.status()).as(autoReply.body()).isEqualTo(400);
        assertThat(autoReply.json().get("error").get("field").asText()).isEqualTo("autoReply.from");

        TestHub.Response replyFrom = call("PUT", "/admin/sites/" + attackerId + "/settings", attackerKey, Map.of("replyFrom", demoSender));
        assertThat(replyFrom.status()).as(replyFrom.body()).isEqualTo(400);
        assertThat(replyFrom.json().get("error").get("field").asText()).isEqualTo("replyFrom");

        TestHub.Response workflow = call("POST", "/admin/sites/" + attackerId + "/workflows", attackerKey, Map.of(
                "name", "as the demo site", "trigger", "order.paid",
                "actions", List.of(Map.of("type", "email_buyer", "from", demoSender, "template", "thank_you"))));
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(400);
        assertThat(workflow.json().get("error").get("field").asText()).isEqualTo("actions[0].from");

        // The owner of a site cannot verify an address for itself; only the deployment operator can.
        TestHub.Response selfVerified = call("PUT", "/admin/sites/" + attackerId + "/mail", attackerKey,
                Map.of("verifiedSenders", List.of(demoSender)));
        assertThat(selfVerified.status()).as(selfVerified.body()).isEqualTo(403);

        // Verified for the demo site, the address is the demo site's: it may send from it, the attacker still may not.
        TestHub.Response verified = call("PUT", "/admin/sites/" + demoId + "/mail", TestHub.get().operatorKey(),
                Map.of("verifiedSenders", List.of(demoSender)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(TestHub.putProvider(demoId, "kofi", demo.get("adminKey").asText(), Map.of("verificationToken", "t",
                "autoReply", Map.of("enabled", true, "from", demoSender, "subject", "Thanks", "body", "Thank you.")))
                .status()).isEqualTo(200);
        assertThat(call("PUT", "/admin/sites/" + attackerId + "/settings", attackerKey, Map.of("replyFrom", demoSender))
                .status()).isEqualTo(400);
        TestHub.Response claimed = call("PUT", "/admin/sites/" + attackerId + "/mail", TestHub.get().operatorKey(),
                Map.of("verifiedSenders", List.of(demoSender.toUpperCase())));
        assertThat(claimed.status()).as("an address is verified for one site only").isEqualTo(409);

        // The deployment's own address and a display name are every site's to use.
        assertThat(call("PUT", "/admin/sites/" + attackerId + "/settings", attackerKey, Map.of("replyFrom", DEFAULT_SENDER))
                .status()).isEqualTo(200);
    }

    @Test
    void aSenderSavedBeforeTheRuleStillSendsButFromTheDeploymentAddressUnderTheSitesName() {
        JsonNode site = TestHub.newSite("Legacy sender site");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "legacy-" + UUID.randomUUID() + "@example.com";
        // Stored as an existing site had it, before senders were checked at save.
        new DynamoSiteRepository(TestHub.get().dynamoDb(), TestHub.get().tableName("HubTable"), dev.orderhub.local.TestHub.stack().sealer()).putConfig(clientId,
                new ProviderConfig("kofi", Map.of("verificationToken", token), Map.of(), Map.of(),
                        new AutoReply(true, "demo@example.com", "Thanks", "Thank you.")));
        TestHub.Response named = call("PUT", "/admin/sites/" + clientId + "/mail", adminKey, Map.of("senderName", "Legacy Shop"));
        assertThat(named.status()).as(named.body()).isEqualTo(200);

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("email", buyer);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

        JsonNode mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT).get(0);
        assertThat(mail.get("from").asText()).isEqualTo("\"Legacy Shop\" <" + DEFAULT_SENDER + ">");
    }

    @Test
    void aDisplayNameIsOneLineOrRefused() {
        JsonNode site = TestHub.newSite("Display name site");
        String clientId = site.get("clientId").asText();
        TestHub.Response r = call("PUT", "/admin/sites/" + clientId + "/mail", site.get("adminKey").asText(),
                Map.of("senderName", "Shop\r\nBcc: list@attacker.example"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("senderName");
    }
}
