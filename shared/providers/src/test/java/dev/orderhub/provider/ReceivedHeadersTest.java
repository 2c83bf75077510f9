package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.provider.bmc.BmcProvider;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the hub keeps of a callback's request headers for the seller to read: each platform's harmless headers
 * verbatim, every other header by name with its value removed, signature headers not at all, within bounds.
 * Header values are as the platforms document them (signatures made up).
 */
class ReceivedHeadersTest {
    /** Headers any caller's infrastructure may add: never on an allowlist, so their values are removed. */
    private static final Map<String, String> PROXY = Map.of(
            "x-api-key", "sk_live_51Hsecretsecretsecret",
            "cookie", "session=abcdef0123456789",
            "x-forwarded-for", "198.51.100.7");

    private static Map<String, String> with(Map<String, String> own) {
        Map<String, String> all = new HashMap<>(PROXY);
        all.putAll(own);
        return all;
    }

    private static void proxyHeadersKeptByNameOnly(Map<String, String> kept) {
        PROXY.keySet().forEach(name -> assertThat(kept).containsEntry(name, ReceivedHeaders.REMOVED));
        assertThat(kept.values()).noneMatch(v -> v.contains("sk_live") || v.contains("abcdef") || v.contains("198.51"));
    }

    @Test
    void stripeSignatureIsNeverKept() {
        String signature = "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
        Map<String, String> kept = ReceivedHeaders.kept(with(Map.of("stripe-signature", signature,
                "content-type", "application/json; charset=utf-8", "user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")),
                new StripeProvider());
        assertThat(kept).doesNotContainKey("stripe-signature");
        assertThat(kept.values()).noneMatch(v -> v.contains("5257a869"));
        assertThat(kept).containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        proxyHeadersKeptByNameOnly(kept);
    }

    @Test
    void shopifyHmacIsNeverKeptItsDeliveryHeadersAre() {
        Map<String, String> kept = ReceivedHeaders.kept(with(Map.of(
                "x-shopify-hmac-sha256", "XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM=",
                "x-shopify-topic", "orders/paid",
                "x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
                "x-shopify-event-id", "98880550-7158-44d4-b7cd-2c97c8a091b5",
                "x-shopify-shop-domain", "example.myshopify.com",
                "x-shopify-triggered-at", "2026-11-25T10:00:00.000Z",
                "x-shopify-api-version", "2026-07",
                "content-type", "application/json")), new ShopifyProvider());
        assertThat(kept).doesNotContainKey("x-shopify-hmac-sha256");
        assertThat(kept.values()).noneMatch(v -> v.contains("XWmrwMey6"));
        assertThat(kept).containsEntry("x-shopify-topic", "orders/paid")
                .containsEntry("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
                .containsEntry("x-shopify-event-id", "98880550-7158-44d4-b7cd-2c97c8a091b5")
                .containsEntry("x-shopify-shop-domain", "example.myshopify.com")
                .containsEntry("x-shopify-triggered-at", "2026-11-25T10:00:00.000Z")
                .containsEntry("x-shopify-api-version", "2026-07");
        proxyHeadersKeptByNameOnly(kept);
    }

    @Test
    void xsollaAuthorizationIsNeverKept() {
        Map<String, String> kept = ReceivedHeaders.kept(with(Map.of(
                "authorization", "Signature d09695066c52c1b8bdae92f2d6eb59f5b5f89843", "content-type", "application/json")),
                new XsollaProvider());
        assertThat(kept).doesNotContainKey("authorization").containsEntry("content-type", "application/json");
        assertThat(kept.values()).noneMatch(v -> v.contains("d09695066c52"));
        proxyHeadersKeptByNameOnly(kept);
    }

    @Test
    void buyMeACoffeeSignatureIsNeverKept() {
        Map<String, String> kept = ReceivedHeaders.kept(with(Map.of(
                "x-signature-sha256", "3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f", "content-type", "application/json")),
                new BmcProvider());
        assertThat(kept).doesNotContainKey("x-signature-sha256").containsEntry("content-type", "application/json");
        assertThat(kept.values()).noneMatch(v -> v.contains("3f1c2a9d8e7b"));
        proxyHeadersKeptByNameOnly(kept);
    }

    @Test
    void anAuthorizationHeaderToAPlatformThatDoesNotSignWithItIsKeptByNameOnly() {
        Map<String, String> kept = ReceivedHeaders.kept(Map.of("authorization", "Bearer 3401eedb-7a5e-4ceb-aa43-40038281222f",
                "content-type", "application/x-www-form-urlencoded"), new KofiProvider());
        assertThat(kept).containsEntry("authorization", ReceivedHeaders.REMOVED)
                .containsEntry("content-type", "application/x-www-form-urlencoded");
    }

    /** Ko-fi puts its verification token in the form body's data JSON: neither the headers nor the raw body keep it. */
    @Test
    void kofiTokenIsInNeitherTheHeadersNorTheRawBodyKept() {
        String token = "3401eedb-7a5e-4ceb-aa43-40038281222f"; // the token in Ko-fi's samples
        ProviderConfig config = new ProviderConfig("kofi", Map.of(KofiProvider.VERIFICATION_TOKEN, token), Map.of(), Map.of(), null);
        KofiProvider kofi = new KofiProvider();
        var request = Requests.post("site_abcd", "application/x-www-form-urlencoded",
                Requests.form("data", Samples.read("kofi/donation.json")), with(Map.of("x-kofi-token", token)));
        PaymentEvent e = kofi.verifyAndNormalize(request, config, "site_abcd", Instant.parse("2026-11-25T10:00:00Z")).events().get(0);
        Map<String, String> kept = ReceivedHeaders.kept(request.headers(), kofi);
        assertThat(kept).containsEntry("x-kofi-token", ReceivedHeaders.REMOVED)
                .containsEntry("content-type", "application/x-www-form-urlencoded");
        assertThat(kept.values()).noneMatch(v -> v.contains(token));
        assertThat(e.raw()).doesNotContain(token).doesNotContain("verification_token").contains("kofi_transaction_id");
    }

    @Test
    void whatIsKeptIsBounded() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("x-filler-" + i, "v" + i);
        }
        many.put("user-agent", "Stripe/1.0 " + "x".repeat(5000));
        many.put("content-type", "application/json");
        many.put("x-" + "n".repeat(300), "a very long name");
        Map<String, String> kept = ReceivedHeaders.kept(many, new StripeProvider());
        assertThat(kept).hasSize(ReceivedHeaders.MAX_HEADERS);
        assertThat(kept).as("harmless headers come first").containsKeys("user-agent", "content-type");
        assertThat(kept.get("user-agent")).hasSizeLessThanOrEqualTo(ReceivedHeaders.MAX_VALUE_CHARS).startsWith("Stripe/1.0 x");
        assertThat(kept.keySet()).allMatch(name -> name.length() <= ReceivedHeaders.MAX_NAME_CHARS);
    }

    @Test
    void headerNamesAreComparedWithoutCase() {
        Map<String, String> kept = ReceivedHeaders.kept(Map.of("Stripe-Signature", "t=1,v1=ab", "User-Agent", "Stripe/1.0"),
                new StripeProvider());
        assertThat(kept).doesNotContainKey("stripe-signature").doesNotContainKey("Stripe-Signature")
                .containsEntry("user-agent", "Stripe/1.0");
    }
}
