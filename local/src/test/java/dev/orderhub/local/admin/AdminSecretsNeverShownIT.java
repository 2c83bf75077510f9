package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.Providers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks the admin API with real secrets (provider secrets, admin keys, a wrong key, a deletion
 * token) and checks that no response body, except the one that hands a key out once, and no log
 * line the functions wrote contains any of them.
 */
class AdminSecretsNeverShownIT {
    private final List<TestHub.Response> responses = new ArrayList<>();
    /** secret → the one response allowed to carry it (null: none may). */
    private final Map<String, TestHub.Response> secrets = new HashMap<>();

    private TestHub.Response call(String method, String path, String key, Object body) {
        TestHub.Response r = TestHub.send(method, path, body == null ? null : "application/json",
                body == null ? null : Json.write(body), Map.of("authorization", "Bearer " + key));
        responses.add(r);
        return r;
    }

    @Test
    void noResponseOrLogLineCarriesAStoredSecret() {
        TestHub.get();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream[] before = new PrintStream[1];
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                before[0].write(b);
            }
        }, true, StandardCharsets.UTF_8);
        before[0] = JsonLog.redirect(tee);
        try {
            walk();
        } finally {
            JsonLog.redirect(before[0]);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("admin request"); // the capture did see the functions' lines
        secrets.forEach((secret, allowedIn) -> {
            assertThat(logs).as("logs").doesNotContain(secret);
            for (TestHub.Response r : responses) {
                if (r != allowedIn) {
                    assertThat(r.body() == null ? "" : r.body()).as("a response").doesNotContain(secret);
                    assertThat(r.headers().toString()).as("response headers").doesNotContain(secret);
                }
            }
        });
    }

    private void walk() {
        String operator = TestHub.get().operatorKey();
        secrets.put(operator, null);
        TestHub.Response created = call("POST", "/admin/sites", operator, Map.of("name", "Secrets"));
        String clientId = created.json().get("clientId").asText();
        String owner = created.json().get("adminKey").asText();
        secrets.put(owner, created);
        String base = "/admin/sites/" + clientId;

        for (String id : Providers.REGISTRY.ids()) {
            Provider p = Providers.REGISTRY.find(id).orElseThrow();
            Map<String, Object> config = new HashMap<>();
            for (String name : p.secretNames()) {
                String secret = "s3cr3t-" + UUID.randomUUID().toString().replace("-", "");
                config.put(name, secret);
                secrets.put(secret, null);
            }
            assertThat(call("PUT", base + "/providers/" + id, owner, config).status()).isEqualTo(200);
            assertThat(call("GET", base + "/providers/" + id, owner, null).status()).isEqualTo(200);
        }
        TestHub.Response issued = call("POST", base + "/keys", owner, Map.of("role", "viewer"));
        String viewer = issued.json().get("key").asText();
        secrets.put(viewer, issued);
        call("GET", base + "/keys", owner, null);
        call("GET", base + "/orders", viewer, null);
        call("DELETE", base + "/keys/" + issued.json().get("keyId").asText(), owner, null);
        call("GET", base + "/orders", viewer, null); // revoked: 401
        String wrong = "ohk_" + UUID.randomUUID().toString().replace("-", "");
        secrets.put(wrong, null);
        call("GET", base, wrong, null);

        SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 300, "USD", 0, "Ann", "ann@example.com", "hello",
                false, "2025-03-01T00:00:00Z", Map.of());
        for (String path : List.of("", "/orders?q=ann", "/settings", "/review", "/dead-letters", "/subscriptions",
                "/insights?from=2025-03-01&to=2025-04-01", "/export?type=orders&format=csv", "/export?type=charge")) {
            assertThat(call("GET", base + path, owner, null).status()).as(path).isEqualTo(200);
        }
        call("GET", "/admin/sites", owner, null);
        call("PATCH", base, owner, Map.of("name", "Renamed"));
        call("PUT", base + "/settings", owner, Map.of("autoMatch", false));
        call("POST", base + "/keys", owner, Map.of("role", "bogus"));
        TestHub.Response offer = call("DELETE", base, owner, null);
        String confirmation = offer.json().get("confirmationToken").asText();
        secrets.put(confirmation, offer);
        JsonNode deleted = call("DELETE", base + "?confirm=" + confirmation, owner, null).json();
        assertThat(deleted.get("status").asText()).isEqualTo("deleted");
    }
}
