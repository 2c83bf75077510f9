package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.FromAddress;
import dev.orderhub.local.TestHub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public intent endpoint over the local stack: validation, CORS, rate limits. */
public class IntentsIT {
    private String clientId;
    private String adminKey;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Intents site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
    }

    public static Map<String, Object> intentBody(String email, String amount) {
        Map<String, Object> b = new HashMap<>();
        b.put("buyerName", "Jo");
        b.put("buyerEmail", email);
        b.put("amount", amount);
        b.put("currency", "USD");
        b.put("provider", "kofi");
        b.put("item", "Coffee");
        b.put("note", "for the podcast");
        return b;
    }

    public static TestHub.Response createIntent(String clientId, Map<String, Object> body, Map<String, String> headers) {
        return TestHub.send("POST", "/sites/" + clientId + "/intents", "application/json", Json.write(body), headers);
    }

    private TestHub.Response putSettings(Map<String, Object> settings) {
        return TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json", Json.write(settings),
                Map.of("authorization", "Bearer " + adminKey));
    }

    @Test
    void anIntentGetsAReferenceAndAStatusToken() {
        TestHub.Response r = createIntent(clientId, intentBody("jo@example.com", "3.00"), Map.of("origin", "https://shop.example"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.get("intentId").asText()).matches("in_[a-z0-9]{20}");
        assertThat(j.get("reference").asText()).matches("OH-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");
        assertThat(j.get("statusToken").asText()).matches("st_[a-z0-9]{32}");
        assertThat(j.get("statusPath").asText()).isEqualTo("/orders/" + j.get("intentId").asText() + "/status");
        assertThat(java.time.Instant.parse(j.get("expiresAt").asText()))
                .isBetween(java.time.Instant.now().plusSeconds(23 * 3600), java.time.Instant.now().plusSeconds(25 * 3600));
        assertThat(r.headers().get("access-control-allow-origin")).containsExactly("*");

        TestHub.Response second = createIntent(clientId, intentBody("jo@example.com", "3.00"), Map.of());
        assertThat(second.json().get("reference").asText()).isNotEqualTo(j.get("reference").asText());
    }

    @Test
    void invalidBodiesAreRefusedNamingTheField() {
        // Every request counts, valid or not, and these all come from one address.
        assertThat(putSettings(Map.of("intentsPerMinute", 1000, "intentsPerMinutePerIp", 50)).status()).isEqualTo(200);
        Map<String, String> none = Map.of();
        assertThat(field(createIntent(clientId, with("buyerEmail", "not-an-email"), none))).isEqualTo("buyerEmail");
        assertThat(field(createIntent(clientId, with("amount", "3.001"), none))).isEqualTo("amount");
        assertThat(field(createIntent(clientId, with("amount", "-3"), none))).isEqualTo("amount");
        assertThat(field(createIntent(clientId, with("amount", "0"), none))).isEqualTo("amount");
        assertThat(field(createIntent(clientId, with("currency", "usd"), none))).isEqualTo("currency");
        assertThat(field(createIntent(clientId, with("currency", "XYZ"), none))).isEqualTo("currency");
        assertThat(field(createIntent(clientId, with("provider", "paypal"), none))).isEqualTo("provider");
        assertThat(field(createIntent(clientId, with("note", "x".repeat(501)), none))).isEqualTo("note");
        assertThat(field(createIntent(clientId, with("price", "1"), none))).isEqualTo("price");
        Map<String, Object> noEmail = intentBody("a@b.co", "1.00");
        noEmail.remove("buyerEmail");
        assertThat(field(createIntent(clientId, noEmail, none))).isEqualTo("buyerEmail");
        assertThat(createIntent(clientId, with("amount", "1500"), none).status()).isEqualTo(201);
        Map<String, Object> krw = intentBody("k@example.com", "1500");
        krw.put("currency", "KRW");
        assertThat(createIntent(clientId, krw, none).status()).isEqualTo(201);
        krw.put("amount", "1500.5");
        assertThat(field(createIntent(clientId, krw, none))).isEqualTo("amount");

        assertThat(TestHub.send("POST", "/sites/" + clientId + "/intents", "text/plain", "{}", none).status()).isEqualTo(415);
        assertThat(TestHub.send("POST", "/sites/" + clientId + "/intents", "application/json", "[1]", none).status()).isEqualTo(400);
        assertThat(TestHub.send("POST", "/sites/" + clientId + "/intents", "application/json", "{\"x\":", none).status()).isEqualTo(400);
        assertThat(createIntent("site_doesnotexist", intentBody("a@b.co", "1.00"), none).status()).isEqualTo(404);
    }

    private Map<String, Object> with(String field, String value) {
        Map<String, Object> b = intentBody("jo@example.com", "3.00");
        b.put(field, value);
        return b;
    }

    private static String field(TestHub.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("error").get("field").asText();
    }

    @Test
    void allowedOriginsAreEnforcedAndPreflightIsAnswered() {
        assertThat(putSettings(Map.of("allowedOrigins", List.of("https://shop.example"))).status()).isEqualTo(200);

        TestHub.Response pre = TestHub.send("OPTIONS", "/sites/" + clientId + "/intents", null, null,
                Map.of("origin", "https://shop.example", "access-control-request-method", "POST",
                        "access-control-request-headers", "content-type"));
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.headers().get("access-control-allow-origin")).containsExactly("https://shop.example");
        assertThat(pre.headers().get("access-control-allow-methods").get(0)).contains("POST");
        assertThat(pre.headers().get("access-control-allow-headers").get(0)).contains("content-type");

        TestHub.Response ok = createIntent(clientId, intentBody("jo@example.com", "3.00"), Map.of("origin", "https://shop.example"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.headers().get("access-control-allow-origin")).containsExactly("https://shop.example");

        TestHub.Response foreign = createIntent(clientId, intentBody("jo@example.com", "3.00"), Map.of("origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.headers()).doesNotContainKey("access-control-allow-origin");
        TestHub.Response foreignPre = TestHub.send("OPTIONS", "/sites/" + clientId + "/intents", null, null,
                Map.of("origin", "https://evil.example", "access-control-request-method", "POST"));
        assertThat(foreignPre.headers()).doesNotContainKey("access-control-allow-origin");

        assertThat(putSettings(Map.of("allowedOrigins", List.of("https://shop.example/path"))).status()).isEqualTo(400);
    }

    @Test
    void tooManyIntentsFromOneAddressGet429WithRetryAfter() {
        assertThat(putSettings(Map.of("intentsPerMinutePerIp", 2)).status()).isEqualTo(200);
        List<TestHub.Response> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(createIntent(clientId, intentBody("jo@example.com", "3.00"), Map.of()));
        }
        // Six requests fall in at most two one-minute windows of two each: at least two are refused.
        List<TestHub.Response> refused = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(2);
        assertThat(answers.stream().filter(a -> a.status() == 201).count()).isBetween(2L, 4L);
        TestHub.Response r = refused.get(0);
        assertThat(Integer.parseInt(r.headers().get("retry-after").get(0))).isBetween(1, 60);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(r.headers().get("access-control-allow-origin")).as("the page can read the refusal").containsExactly("*");
    }

    @Test
    void theSiteWideLimitHoldsAcrossAddresses() {
        assertThat(putSettings(Map.of("intentsPerMinute", 1, "intentsPerMinutePerIp", 1)).status()).isEqualTo(200);
        long refused = 0;
        for (int i = 0; i < 4; i++) {
            TestHub.Response r = FromAddress.send(FromAddress.loopback(30 + i), "POST", "/sites/" + clientId + "/intents",
                    "application/json", Json.write(intentBody("jo@example.com", "3.00")), Map.of());
            if (r.status() == 429) {
                refused++;
                assertThat(r.json().get("error").get("message").asText()).contains("for this site");
            }
        }
        // Four addresses, one each, in at most two one-minute windows of one: at least two are refused.
        assertThat(refused).isGreaterThanOrEqualTo(2);
    }
}
