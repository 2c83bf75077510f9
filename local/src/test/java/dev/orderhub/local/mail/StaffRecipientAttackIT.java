package dev.orderhub.local.mail;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A staff e-mail carries the buyer's address, name and order: a workflow must not turn it into a
 * mail to anyone. Its recipients are the site's configured staff addresses, checked at save and
 * again when the e-mail is sent.
 */
class StaffRecipientAttackIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SENDER = "no-reply@example.com";

    private static TestHub.Response call(String method, String path, String key, Object body) {
        return TestHub.send(method, path, "application/json", Json.write(body), Map.of("authorization", "Bearer " + key));
    }

    private static Map<String, Object> staffWorkflow(String to) {
        return Map.of("name", "Tell staff", "trigger", "order.paid",
                "actions", List.of(Map.of("type", "email_staff", "from", SENDER, "to", List.of(to))));
    }

    @Test
    void aStaffRecipientTheSiteDidNotConfigureIsRefusedAtSave() {
        JsonNode site = TestHub.newSite("Staff save site");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String outsider = "harvest-" + UUID.randomUUID() + "@attacker.example";

        TestHub.Response created = call("POST", "/admin/sites/" + clientId + "/workflows", key, staffWorkflow(outsider));
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.json().get("error").get("field").asText()).isEqualTo("actions[0].to[0]");

        TestHub.Response installed = call("POST", "/admin/sites/" + clientId + "/workflows/templates/staff-on-review/install", key,
                Map.of("from", SENDER, "staff", List.of(outsider)));
        assertThat(installed.status()).as(installed.body()).isEqualTo(400);
        assertThat(installed.json().get("error").get("field").asText()).isEqualTo("staff");

        String staff = "ann-" + UUID.randomUUID() + "@example.com";
        assertThat(call("PUT", "/admin/sites/" + clientId + "/mail", key, Map.of("staff", List.of(staff))).status()).isEqualTo(200);
        assertThat(call("POST", "/admin/sites/" + clientId + "/workflows", key, staffWorkflow(staff.toUpperCase())).status())
                .as("staff addresses compare without case").isEqualTo(201);
        assertThat(call("POST", "/admin/sites/" + clientId + "/workflows", key, staffWorkflow(outsider)).status()).isEqualTo(400);
    }

    @Test
    void aStaffAddressRemovedAfterTheWorkflowWasSavedIsNotMailedAndTheOrderSaysWhy() {
        JsonNode site = TestHub.newSite("Staff send site");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String former = "former-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        assertThat(call("PUT", "/admin/sites/" + clientId + "/mail", key, Map.of("staff", List.of(former))).status()).isEqualTo(200);
        TestHub.Response saved = call("POST", "/admin/sites/" + clientId + "/workflows", key, staffWorkflow(former));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(call("PUT", "/admin/sites/" + clientId + "/mail", key, Map.of("staff", List.of())).status()).isEqualTo(200);

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("email", "buyer-" + UUID.randomUUID() + "@example.com");
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

        JsonNode order = await(() -> TestHub.orders(clientId, key), o -> !o.isEmpty(), WAIT).get(0);
        JsonNode detail = await(() -> TestHub.orderDetail(clientId, key, order),
                d -> d.has("mailError"), WAIT);
        assertThat(detail.get("mailError").get("reason").asText()).contains("not a staff address of the site");
        assertThat(TestHub.mailTo(former)).isEmpty();
    }
}
