package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys (issue, list, revoke) and sites (list, get, rename, disable, delete) over the local stack. */
class AdminKeysAndSitesIT {
    private static TestHub.Response call(String method, String path, String key, Object body) {
        return TestHub.send(method, path, body == null ? null : "application/json", body == null ? null : Json.write(body),
                Map.of("authorization", "Bearer " + key));
    }

    private static List<String> ids(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void anOwnerIssuesListsAndRevokesKeysAndARevokedKeyStopsAtOnce() {
        JsonNode site = TestHub.newSite("Keys");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();

        TestHub.Response issued = call("POST", "/admin/sites/" + clientId + "/keys", owner, Map.of("role", "viewer"));
        assertThat(issued.status()).isEqualTo(201);
        String viewer = issued.json().get("key").asText();
        String viewerId = issued.json().get("keyId").asText();
        assertThat(viewer).startsWith("ohk_");
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders", viewer).status()).isEqualTo(200);

        TestHub.Response list = TestHub.get("/admin/sites/" + clientId + "/keys", owner);
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.json().get("keys"), "keyId")).containsExactly(site.get("adminKeyId").asText(), viewerId);
        assertThat(list.body()).as("no part of any key is listed").doesNotContain(viewer).doesNotContain(owner)
                .doesNotContain(viewer.substring(viewer.length() - 4)).doesNotContain("keyHash");

        assertThat(TestHub.get("/admin/sites/" + clientId + "/keys", viewer).status()).as("only owners manage keys").isEqualTo(403);
        assertThat(call("POST", "/admin/sites/" + clientId + "/keys", viewer, Map.of("role", "owner")).status()).isEqualTo(403);

        assertThat(call("DELETE", "/admin/sites/" + clientId + "/keys/" + viewerId, owner, null).status()).isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders", viewer).status()).as("revoked at once").isEqualTo(401);
        assertThat(ids(TestHub.get("/admin/sites/" + clientId + "/keys", owner).json().get("keys"), "keyId")).doesNotContain(viewerId);
        assertThat(call("DELETE", "/admin/sites/" + clientId + "/keys/" + viewerId, owner, null).status()).isEqualTo(404);
    }

    @Test
    void theLastOwnerKeyOfASiteCannotBeRevoked() {
        JsonNode site = TestHub.newSite("Last owner");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        TestHub.Response last = call("DELETE", "/admin/sites/" + clientId + "/keys/" + site.get("adminKeyId").asText(), owner, null);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("error").get("code").asText()).isEqualTo("LAST_OWNER_KEY");

        JsonNode second = call("POST", "/admin/sites/" + clientId + "/keys", owner, Map.of("role", "owner")).json();
        assertThat(call("DELETE", "/admin/sites/" + clientId + "/keys/" + site.get("adminKeyId").asText(),
                second.get("key").asText(), null).status()).isEqualTo(200);
        assertThat(TestHub.get("/admin/sites/" + clientId, owner).status()).isEqualTo(401);
    }

    @Test
    void aKeyMayCoverOtherSitesOnlyIfTheCallerOwnsThem() {
        JsonNode a = TestHub.newSite("A");
        JsonNode b = TestHub.newSite("B");
        String siteA = a.get("clientId").asText();
        String siteB = b.get("clientId").asText();
        TestHub.Response foreign = call("POST", "/admin/sites/" + siteA + "/keys", a.get("adminKey").asText(),
                Map.of("role", "viewer", "sites", List.of(siteB)));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("error").get("field").asText()).isEqualTo("sites");

        // The operator owns everything, so it may issue one key over both sites.
        TestHub.Response both = call("POST", "/admin/sites/" + siteA + "/keys", TestHub.get().operatorKey(),
                Map.of("role", "operator", "sites", List.of(siteB)));
        assertThat(both.status()).isEqualTo(201);
        String key = both.json().get("key").asText();
        TestHub.Response mine = TestHub.get("/admin/sites", key);
        assertThat(ids(mine.json().get("sites"), "clientId")).containsExactlyInAnyOrder(siteA, siteB);
        assertThat(ids(TestHub.get("/admin/sites/" + siteB + "/keys", b.get("adminKey").asText()).json().get("keys"), "keyId"))
                .contains(both.json().get("keyId").asText());
    }

    @Test
    void theOperatorListsEverySiteThroughTheIndexPageByPage() {
        JsonNode a = TestHub.newSite("Listed A");
        JsonNode b = TestHub.newSite("Listed B");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHub.Response r = TestHub.get("/admin/sites?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), TestHub.get().operatorKey());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("sites").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(r.json().get("sites"), "clientId"));
            cursor = r.json().hasNonNull("next") ? r.json().get("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 500);
        assertThat(seen).contains(a.get("clientId").asText(), b.get("clientId").asText()).doesNotHaveDuplicates();
        assertThat(TestHub.get("/admin/sites", a.get("adminKey").asText()).json().get("sites")).hasSize(1);
    }

    @Test
    void aDisabledSitesCallbacksAreNotFoundAndNothingIsQueued() throws Exception {
        JsonNode site = TestHub.newSite("Disabled");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        assertThat(TestHub.putProvider(clientId, "kofi", owner, Map.of("verificationToken", token)).status()).isEqualTo(200);

        TestHub.Response patched = call("PATCH", "/admin/sites/" + clientId, owner, Map.of("status", "disabled", "name", "Paused"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("status").asText()).isEqualTo("disabled");
        assertThat(patched.json().get("name").asText()).isEqualTo("Paused");
        assertThat(TestHub.get("/admin/sites/" + clientId, owner).json().get("status").asText()).isEqualTo("disabled");

        // Ko-fi's documented donation sample (samples/kofi/donation.json), with this site's token.
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        String body = Requests.form("data", data.toString());
        TestHub.Response disabled = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", body, Map.of());
        TestHub.Response unknown = TestHub.send("POST", "/callbacks/kofi/site_neverexisted", "application/x-www-form-urlencoded", body, Map.of());
        assertThat(disabled.status()).isEqualTo(unknown.status()).isEqualTo(404);
        assertThat(disabled.body()).isEqualTo(unknown.body());
        Thread.sleep(1500); // the payment-events function polls every second: an event queued by mistake would be an order by now
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders", owner).json().get("orders")).isEmpty();

        assertThat(call("PATCH", "/admin/sites/" + clientId, owner, Map.of("status", "active")).status()).isEqualTo(200);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", body, Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void deletingASiteNeedsItsConfirmationTokenAndThenTheSiteIsGoneForEveryone() {
        JsonNode site = TestHub.newSite("Deleted");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        TestHub.putProvider(clientId, "kofi", owner, Map.of("verificationToken", token));

        TestHub.Response first = call("DELETE", "/admin/sites/" + clientId, owner, null);
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.json().get("error").get("code").asText()).isEqualTo("CONFIRMATION_REQUIRED");
        String confirmation = first.json().get("confirmationToken").asText();
        assertThat(TestHub.get("/admin/sites/" + clientId, owner).status()).as("nothing happened yet").isEqualTo(200);

        TestHub.Response wrong = call("DELETE", "/admin/sites/" + clientId + "?confirm=del_wrong", owner, null);
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("error").get("field").asText()).isEqualTo("confirm");

        TestHub.Response done = call("DELETE", "/admin/sites/" + clientId + "?confirm=" + confirmation, owner, null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("deleted");

        assertThat(TestHub.get("/admin/sites/" + clientId, owner).status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders", owner).status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites/" + clientId, TestHub.get().operatorKey()).status()).isEqualTo(404);
        assertThat(TestHub.get("/admin/sites", owner).json().get("sites")).isEmpty();
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(404);
        assertThat(call("DELETE", "/admin/sites/" + clientId + "?confirm=" + confirmation, owner, null).status()).isEqualTo(404);
    }
}
