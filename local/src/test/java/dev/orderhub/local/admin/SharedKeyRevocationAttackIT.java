package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key the operator issued over two sites, A and B. The owner of B alone must not be able to
 * take it away from A: B's owner may only remove B from it. The operator, or a key that owns
 * every site it covers, revokes it.
 */
class SharedKeyRevocationAttackIT {
    private static TestHub.Response call(String method, String path, String key, Object body) {
        return TestHub.send(method, path, body == null ? null : "application/json", body == null ? null : Json.write(body),
                Map.of("authorization", "Bearer " + key));
    }

    private static List<String> keyIds(String clientId, String ownerKey) {
        List<String> out = new ArrayList<>();
        TestHub.get("/admin/sites/" + clientId + "/keys", ownerKey).json().get("keys").forEach(k -> out.add(k.get("keyId").asText()));
        return out;
    }

    private record Shared(String siteA, String ownerA, String siteB, String ownerB, String key, String keyId) {}

    private static Shared sharedKey(String role) {
        JsonNode a = TestHub.newSite("Shared A");
        JsonNode b = TestHub.newSite("Shared B");
        String siteA = a.get("clientId").asText();
        String siteB = b.get("clientId").asText();
        TestHub.Response issued = call("POST", "/admin/sites/" + siteA + "/keys", TestHub.get().operatorKey(),
                Map.of("role", role, "sites", List.of(siteB)));
        assertThat(issued.status()).isEqualTo(201);
        return new Shared(siteA, a.get("adminKey").asText(), siteB, b.get("adminKey").asText(),
                issued.json().get("key").asText(), issued.json().get("keyId").asText());
    }

    @Test
    void theOwnerOfOneSiteOnlyRemovesHisSiteFromAKeyThatCoversAnother() {
        Shared s = sharedKey("viewer");
        TestHub.Response byB = call("DELETE", "/admin/sites/" + s.siteB() + "/keys/" + s.keyId(), s.ownerB(), null);
        assertThat(byB.status()).isEqualTo(200);
        assertThat(byB.json().get("removedSite").asText()).isEqualTo(s.siteB());

        assertThat(TestHub.get("/admin/sites/" + s.siteA() + "/orders", s.key()).status())
                .as("the key still works for the site B's owner does not own").isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + s.siteB() + "/orders", s.key()).status())
                .as("but no longer for B").isEqualTo(404);
        assertThat(keyIds(s.siteA(), s.ownerA())).contains(s.keyId());
        assertThat(keyIds(s.siteB(), s.ownerB())).doesNotContain(s.keyId());
        JsonNode listedForA = TestHub.get("/admin/sites/" + s.siteA() + "/keys", s.ownerA()).json().get("keys");
        for (JsonNode k : listedForA) {
            if (k.get("keyId").asText().equals(s.keyId())) {
                assertThat(k.get("sites").toString()).as("A's list shows what the key covers now").doesNotContain(s.siteB());
            }
        }
    }

    @Test
    void theOwnerOfOneSiteCannotRevokeASharedOwnerKeyForBoth() {
        Shared s = sharedKey("owner");
        assertThat(call("DELETE", "/admin/sites/" + s.siteB() + "/keys/" + s.keyId(), s.ownerB(), null).status()).isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + s.siteA() + "/keys", s.key()).status())
                .as("A's owner key issued by the operator keeps working").isEqualTo(200);
    }

    @Test
    void theOperatorOrAnOwnerOfEverySiteRevokesTheWholeKey() {
        Shared s = sharedKey("viewer");
        assertThat(call("DELETE", "/admin/sites/" + s.siteB() + "/keys/" + s.keyId(), TestHub.get().operatorKey(), null).status())
                .isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + s.siteA() + "/orders", s.key()).status()).isEqualTo(401);

        Shared t = sharedKey("viewer");
        TestHub.Response both = call("POST", "/admin/sites/" + t.siteA() + "/keys", TestHub.get().operatorKey(),
                Map.of("role", "owner", "sites", List.of(t.siteB())));
        TestHub.Response revoked = call("DELETE", "/admin/sites/" + t.siteB() + "/keys/" + t.keyId(), both.json().get("key").asText(), null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asText()).isEqualTo(t.keyId());
        assertThat(TestHub.get("/admin/sites/" + t.siteA() + "/orders", t.key()).status()).isEqualTo(401);
    }
}
