package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.load.LoadTraffic;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.provider.ReceivedHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A signed callback of every provider, sent with the platform's own headers and some a proxy could add (an API
 * key among them), lands in the order detail's history with its request headers: the harmless ones verbatim, the
 * others by name with their value removed, the signature header not at all; no secret of the site anywhere in the
 * detail, and Ko-fi's raw body without its verification token.
 */
class CallbackHeadersIT {
    private static final Map<String, String> SIGNATURE_HEADER = Map.of("xsolla", "authorization", "bmc", "x-signature-sha256",
            "shopify", "x-shopify-hmac-sha256", "stripe", "stripe-signature");

    @Test
    void everyProvidersCallbackLandsInTheOrderDetailWithItsHeadersRedacted() {
        JsonNode site = TestHub.newSite("Callback headers " + Ids.random(6));
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        Map<String, Map<String, String>> secrets = new HashMap<>();
        DemoSite.SECRETS.forEach((provider, demo) -> {
            Map<String, String> mine = new HashMap<>();
            demo.keySet().forEach(k -> mine.put(k, (provider.equals("stripe") ? "whsec_" : "sec_") + Ids.random(32)));
            assertThat(TestHub.putProvider(clientId, provider, adminKey, mine).status()).isEqualTo(200);
            secrets.put(provider, mine);
        });

        Map<String, String> signatures = new HashMap<>();
        Map<String, String> apiKeys = new HashMap<>();
        int n = 0;
        for (String provider : LoadTraffic.PROVIDERS) {
            int purchase = 600_000 + n++;
            Map<String, String> extra = new LinkedHashMap<>(LoadTraffic.deliveryHeaders(provider, purchase));
            String apiKey = "sk_live_" + Ids.random(24);
            apiKeys.put(provider, apiKey);
            extra.put("User-Agent", provider + "-hookshot/1.0 <img src=x onerror=alert(1)>");
            extra.put("X-Api-Key", apiKey);
            CallbackSigner.Signed s = Signers.find(provider).orElseThrow().sign(
                    LoadTraffic.payment(provider, purchase, "headers-" + purchase + "@example.com"), secrets.get(provider),
                    Instant.now(), extra);
            s.headers().forEach((k, v) -> {
                if (k.equalsIgnoreCase(SIGNATURE_HEADER.getOrDefault(provider, ""))) {
                    signatures.put(provider, v);
                }
            });
            TestHub.Response r = TestHub.send("POST", "/callbacks/" + provider + "/" + clientId, s.contentType(), s.body(), s.headers());
            assertThat(r.status()).as(provider + " " + r.body()).isBetween(200, 299);
        }
        assertThat(signatures.keySet()).as("every signing provider's signature header was sent").isEqualTo(SIGNATURE_HEADER.keySet());

        JsonNode orders = TestHub.await(() -> TestHub.get("/admin/sites/" + clientId + "/orders", adminKey).json(),
                j -> j.get("orders").size() == LoadTraffic.PROVIDERS.size(), Duration.ofSeconds(60));
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode order : orders.get("orders")) {
            String provider = order.get("provider").asText();
            TestHub.Response detail = TestHub.get("/admin/sites/" + clientId + "/orders/" + order.get("orderId").asText(), adminKey);
            assertThat(detail.status()).isEqualTo(200);
            JsonNode entry = detail.json().get("history").get(0);
            JsonNode headers = entry.path("headers");
            assertThat(headers.isObject()).as(provider + " history entry has its headers: " + entry).isTrue();
            assertThat(headers.path("user-agent").asText()).as(provider).isEqualTo(provider + "-hookshot/1.0 <img src=x onerror=alert(1)>");
            assertThat(headers.path("content-type").asText()).as(provider).startsWith("application/");
            assertThat(headers.path("x-api-key").asText()).as(provider + " an unknown header is kept by name only")
                    .isEqualTo(ReceivedHeaders.REMOVED);
            if (SIGNATURE_HEADER.containsKey(provider)) {
                assertThat(headers.has(SIGNATURE_HEADER.get(provider))).as(provider + " signature header never kept").isFalse();
                assertThat(detail.body()).as(provider).doesNotContain(signatures.get(provider));
            }
            if (provider.equals("shopify")) {
                assertThat(headers.path("x-shopify-topic").asText()).isEqualTo("orders/paid");
                assertThat(headers.path("x-shopify-webhook-id").asText()).startsWith("load-webhook-");
            }
            assertThat(entry.get("raw").asText()).as(provider + " raw body kept").isNotBlank();
            if (provider.equals("kofi")) {
                assertThat(entry.get("raw").asText()).doesNotContain("verification_token").contains("kofi_transaction_id");
            }
            assertThat(detail.body()).as(provider).doesNotContain(apiKeys.get(provider));
            secrets.values().forEach(all -> all.values().forEach(secret -> assertThat(detail.body()).doesNotContain(secret)));
            seen.add(provider);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(LoadTraffic.PROVIDERS);
    }
}
