package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminIsolationIT {
    @Test
    void aSiteKeySeesNothingOfAnotherSite() {
        JsonNode a = TestHub.newSite("A");
        JsonNode b = TestHub.newSite("B");
        String keyA = a.get("adminKey").asText();
        String siteB = b.get("clientId").asText();

        TestHub.Response r = TestHub.get("/admin/sites/" + siteB + "/orders", keyA);
        assertThat(r.status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites/site_neverexisted/orders", keyA).body())
                .as("an unknown site and a foreign site look the same").isEqualTo(r.body());
        assertThat(TestHub.putProvider(siteB, "kofi", keyA, Map.of("verificationToken", "x")).status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites/" + siteB + "/providers/kofi", keyA).status()).isEqualTo(404);
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        JsonNode a = TestHub.newSite("A");
        String site = a.get("clientId").asText();
        assertThat(TestHub.get("/admin/sites/" + site + "/orders", null).status()).isEqualTo(401);
        assertThat(TestHub.get("/admin/sites/" + site + "/orders", "ohk_wrongwrongwrongwrongwrongwrong").status()).isEqualTo(401);
        assertThat(TestHub.send("POST", "/admin/sites", "application/json", "{\"name\":\"x\"}",
                Map.of("authorization", "Bearer " + a.get("adminKey").asText())).status())
                .as("a site key cannot create sites").isEqualTo(403);
    }

    @Test
    void secretsAreWriteOnly() {
        JsonNode a = TestHub.newSite("A");
        String site = a.get("clientId").asText();
        String key = a.get("adminKey").asText();
        String secret = "kofi-secret-0123456789abcdef";
        TestHub.Response put = TestHub.putProvider(site, "kofi", key, Map.of("verificationToken", secret));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(secret);
        assertThat(put.json().get("secrets").get("verificationToken").get("set").asBoolean()).isTrue();
        assertThat(put.body()).doesNotContain("cdef").doesNotContain("last4");
        TestHub.Response get = TestHub.get("/admin/sites/" + site + "/providers/kofi", key);
        assertThat(get.body()).doesNotContain(secret);
    }

    @Test
    void invalidInputGetsAClearErrorNamingTheField() {
        JsonNode a = TestHub.newSite("A");
        String site = a.get("clientId").asText();
        String key = a.get("adminKey").asText();
        TestHub.Response r = TestHub.putProvider(site, "kofi", key, Map.of("autoReply", Map.of("enabled", "yes")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("autoReply.enabled");
        TestHub.Response unknown = TestHub.putProvider(site, "kofi", key, Map.of("token", "x"));
        assertThat(unknown.json().get("error").get("field").asText()).isEqualTo("token");
        assertThat(TestHub.putProvider(site, "nosuchprovider", key, Map.of()).status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites/" + site + "/orders?limit=0", key).status()).isEqualTo(400);
    }
}
