package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A viewer key (a bookkeeper, a support agent) must learn nothing of a secret, not even its last
 * characters, which narrow a guess and tell which leaked value is the live one: only whether it
 * is set and when it was set.
 */
class ViewerSeesNoSecretCharactersIT {
    @Test
    void theProviderConfigShowsWhetherASecretIsSetAndWhenNeverACharacter() {
        JsonNode site = TestHub.newSite("Viewer and secrets");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String token = "kofi-" + Ids.random(20) + "QZ7X";
        assertThat(TestHub.putProvider(clientId, "kofi", owner, Map.of("verificationToken", token)).status()).isEqualTo(200);
        TestHub.Response issued = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + owner));
        String viewer = issued.json().get("key").asText();

        for (String key : new String[] {viewer, owner}) {
            TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/providers/kofi", key);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("QZ7X").doesNotContain("last4");
            JsonNode described = r.json().get("secrets").get("verificationToken");
            assertThat(described.get("set").asBoolean()).isTrue();
            assertThat(described.get("setAt").asText()).isNotEmpty();
            assertThat(r.json().get("secrets").toString()).as("only set and when").doesNotContain(token.substring(0, 8));
        }
    }
}
