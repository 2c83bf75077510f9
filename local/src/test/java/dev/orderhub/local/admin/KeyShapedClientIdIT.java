package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.json.Json;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client id is the start of every key of a site's items, and {@code #} separates a key's parts: an id such as
 * {@code <site>#KEYS} (sent as {@code %23}) would name the site's admin keys' partition, {@code <site>#WORKFLOWS}
 * its workflows'. Every route that takes a client id in its path, called so by the deployment's operator (who may
 * see every site) and by the site's own owner, must refuse it as a client error: never answer it, never fail on it.
 */
class KeyShapedClientIdIT {
    private static final List<String> SUFFIXES = List.of("#KEYS", "#WORKFLOWS", "#ORDERS", "#", "#x#y");

    @Test
    void everyRouteRefusesAClientIdThatCarriesAKeySeparator() {
        JsonNode site = TestHub.newSite("Key-shaped ids " + Ids.random(6));
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        String operator = TestHub.get().operatorKey();
        List<String> answered = new ArrayList<>();
        int tried = 0;
        for (SamTemplate.Route route : TestHub.get().template().routes()) {
            if (!route.path().contains("{clientId}")) {
                continue;
            }
            for (String suffix : SUFFIXES) {
                String path = route.path().replace("{clientId}", clientId + suffix.replace("#", "%23"))
                        .replaceAll("\\{[^}/]+\\+?}", "x");
                String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
                for (String key : new String[] {operator, owner}) {
                    TestHub.Response r = TestHub.send(route.method(), path, body == null ? null : "application/json", body,
                            Map.of("authorization", "Bearer " + key));
                    tried++;
                    if (r.status() < 400 || r.status() >= 500) {
                        answered.add(route.method() + " " + path + (key.equals(operator) ? " (operator)" : " (owner)")
                                + " → " + r.status() + " " + r.body());
                    }
                }
            }
        }
        assertThat(tried).as("routes with a client id in the path").isGreaterThan(100);
        assertThat(answered).as("answered other than with a client error").isEmpty();
    }

    @Test
    void aKeyCannotBeIssuedForAKeyShapedSite() {
        JsonNode site = TestHub.newSite("Key-shaped key sites " + Ids.random(6));
        String clientId = site.get("clientId").asText();
        for (String key : new String[] {TestHub.get().operatorKey(), site.get("adminKey").asText()}) {
            TestHub.Response r = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                    Json.write(Map.of("role", "viewer", "sites", List.of(clientId + "#KEYS"))),
                    Map.of("authorization", "Bearer " + key));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("INVALID_INPUT");
        }
    }
}
