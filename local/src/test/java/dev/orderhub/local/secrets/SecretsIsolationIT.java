package dev.orderhub.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.load.LoadTraffic;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two sites with their own secrets for every provider, a representative run (a paying callback
 * of every provider, every admin route), then: no secret, token or key in any log line or
 * response body; and every admin route and callback tried with the other site's key and secrets
 * gets nothing of the other site.
 */
class SecretsIsolationIT {
    private record Site(String clientId, String name, String adminKey, Map<String, Map<String, String>> secrets) {}

    @Test
    void noSecretInAnyLogLineOrBodyAndNothingCrossesSites() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream[] before = new PrintStream[1];
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                logs.write(b);
                before[0].write(b);
            }
        }, true, StandardCharsets.UTF_8);
        List<String> bodies = new ArrayList<>();
        TestHub.get();
        before[0] = JsonLog.redirect(tee);
        try {
            Site a = site("Secrets A " + Ids.random(8));
            Site b = site("Secrets B " + Ids.random(8));

            // Representative run on site A: one payment per provider, signed with A's secrets.
            int n = 0;
            for (String provider : LoadTraffic.PROVIDERS) {
                TestHub.Response r = callback(a.clientId(), provider, a.secrets().get(provider), n++);
                bodies.add(r.body());
                assertThat(r.status()).as(provider + " " + r.body()).isBetween(200, 299);
            }
            JsonNode orders = TestHub.await(() -> TestHub.get("/admin/sites/" + a.clientId() + "/orders", a.adminKey()).json(),
                    j -> j.get("orders").size() == LoadTraffic.PROVIDERS.size(), Duration.ofSeconds(60));
            assertThat(orders.get("orders")).hasSize(LoadTraffic.PROVIDERS.size());
            String orderIdA = orders.get("orders").get(0).get("orderId").asText();

            // Every admin route: A with A's key (the representative part) and B with A's key (must see nothing).
            for (SamTemplate.Route route : TestHub.get().template().routes()) {
                if (!route.path().startsWith("/admin/sites/{clientId}")) {
                    continue;
                }
                TestHub.Response own = admin(route, a.clientId(), orderIdA, a.adminKey());
                bodies.add(own.body());
                TestHub.Response foreign = admin(route, b.clientId(), orderIdA, a.adminKey());
                bodies.add(foreign.body());
                assertThat(foreign.status()).as(route.routeKey() + " on B with A's key").isIn(401, 403, 404);
                assertThat(foreign.body()).doesNotContain(b.name()).doesNotContain(a.name());
                TestHub.Response reverse = admin(route, a.clientId(), orderIdA, b.adminKey());
                assertThat(reverse.status()).as(route.routeKey() + " on A with B's key").isIn(401, 403, 404);
                assertThat(reverse.body()).doesNotContain(a.name()).doesNotContain(orderIdA);
            }
            // Callbacks to B signed with A's secrets: refused, nothing stored for B.
            for (String provider : LoadTraffic.PROVIDERS) {
                TestHub.Response r = callback(b.clientId(), provider, a.secrets().get(provider), n++);
                bodies.add(r.body());
                assertThat(r.status()).as(provider + " to B with A's secret").isBetween(400, 499);
            }
            Thread.sleep(1500);
            assertThat(TestHub.get("/admin/sites/" + b.clientId() + "/orders", b.adminKey()).json().get("orders")).isEmpty();

            String everything = String.join("\n", bodies) + "\n" + logs.toString(StandardCharsets.UTF_8);
            List<String> secrets = new ArrayList<>(List.of(a.adminKey(), b.adminKey(), TestHub.get().operatorKey()));
            for (Site s : List.of(a, b)) {
                s.secrets().values().forEach(m -> secrets.addAll(m.values()));
            }
            for (String secret : secrets) {
                assertThat(everything).as("a secret appears in a log line or response body").doesNotContain(secret);
            }
            assertThat(logs.size()).as("the run did log").isGreaterThan(1000);
        } finally {
            JsonLog.redirect(before[0]);
        }
    }

    /** A site made through the admin API, every provider configured with fresh random secrets. */
    private static Site site(String name) {
        JsonNode created = TestHub.newSite(name);
        String clientId = created.get("clientId").asText();
        String key = created.get("adminKey").asText();
        Map<String, Map<String, String>> secrets = new HashMap<>();
        DemoSite.SECRETS.forEach((provider, demo) -> {
            Map<String, String> mine = new HashMap<>();
            demo.keySet().forEach(k -> mine.put(k, (provider.equals("stripe") ? "whsec_" : "sec_") + Ids.random(32)));
            Map<String, Object> body = new HashMap<>(mine);
            TestHub.Response r = TestHub.putProvider(clientId, provider, key, body);
            assertThat(r.status()).as(provider + " " + r.body()).isEqualTo(200);
            secrets.put(provider, mine);
        });
        return new Site(clientId, name, key, secrets);
    }

    private static TestHub.Response callback(String clientId, String provider, Map<String, String> secrets, int n) {
        CallbackSigner.Signed s = Signers.find(provider).orElseThrow().sign(
                LoadTraffic.payment(provider, 900_000 + n, "iso-" + n + "@example.com"), secrets, Instant.now(),
                LoadTraffic.deliveryHeaders(provider, 900_000 + n));
        return TestHub.send("POST", "/callbacks/" + provider + "/" + clientId, s.contentType(), s.body(), s.headers());
    }

    private static TestHub.Response admin(SamTemplate.Route route, String clientId, String orderId, String key) {
        String path = route.path().replace("{clientId}", clientId).replace("{orderId}", orderId)
                .replace("{provider}", "kofi").replace("{messageId}", "m-1").replace("{keyId}", "key_doesnotexist")
                .replace("{workflowId}", "wf_doesnotexist00").replace("{name}", "thank-you-on-paid");
        String body = route.method().equals("GET") ? null : "{}";
        return TestHub.send(route.method(), path, body == null ? null : "application/json", body,
                Map.of("authorization", "Bearer " + key));
    }
}
