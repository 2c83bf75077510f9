package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.provider.bmc.BmcProvider;
import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.provider.xsolla.XsollaSignature;
import dev.orderhub.site.ConfigSecrets;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A rotated-out secret someone forgot to remove is still a way in for whoever holds it: every
 * provider's previous secret is accepted until its expiry and refused from that instant on (the
 * callback's clock, given here), while the current secret keeps working.
 */
class PreviousSecretExpiryTest {
    private static final Instant SET = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = SET.plusSeconds(24 * 3600);
    private static final String CURRENT = "current-secret-0123456789";
    private static final String OLD = "previous-secret-0123456789";

    /** One provider: its secret names, and a delivery signed with a secret at an instant. */
    private record Case(Provider provider, String current, String previous, BiFunction<String, Instant, HttpRequest> signed) {}

    private static List<Case> cases() {
        String stripe = Samples.read("stripe/charge.succeeded.json");
        String bmc = Samples.read("bmc/donation.created.json");
        String shopify = Samples.read("shopify/orders_paid.json");
        String xsolla = Samples.read("xsolla/payment.json");
        return List.of(
                new Case(new StripeProvider(), StripeProvider.WEBHOOK_SECRET, StripeProvider.PREVIOUS_WEBHOOK_SECRET,
                        (secret, at) -> post(stripe, Map.of("stripe-signature",
                                StripeSignature.header(bytes(stripe), secret, at.getEpochSecond())))),
                new Case(new BmcProvider(), BmcProvider.SIGNING_SECRET, BmcProvider.PREVIOUS_SIGNING_SECRET,
                        (secret, at) -> post(bmc, Map.of("x-signature-sha256",
                                HexFormat.of().formatHex(Signatures.hmacSha256(bytes(secret), bytes(bmc)))))),
                new Case(new ShopifyProvider(), ShopifyProvider.CLIENT_SECRET, ShopifyProvider.PREVIOUS_CLIENT_SECRET,
                        (secret, at) -> post(shopify, Map.of("x-shopify-topic", "orders/paid", "x-shopify-webhook-id", "wh-1",
                                "x-shopify-event-id", "ev-1", "x-shopify-shop-domain", "demo-shop.myshopify.com",
                                "x-shopify-hmac-sha256", Base64.getEncoder().encodeToString(Signatures.hmacSha256(bytes(secret), bytes(shopify)))))),
                new Case(new XsollaProvider(), XsollaProvider.PROJECT_SECRET, XsollaProvider.PREVIOUS_PROJECT_SECRET,
                        (secret, at) -> post(xsolla, Map.of("authorization", XsollaSignature.header(bytes(xsolla), secret)))));
    }

    @Test
    void aPreviousSecretIsRefusedFromItsExpiryOnAndTheCurrentOneStillWorks() {
        for (Case c : cases()) {
            ProviderConfig config = new ProviderConfig(c.provider().id(), ConfigSecrets.stored(Map.of(
                    c.current(), ConfigSecrets.Entry.plain(CURRENT, SET.toString(), null),
                    c.previous(), ConfigSecrets.Entry.plain(OLD, SET.toString(), EXPIRES.toString())), null), Map.of(), null);
            assertThat(c.provider().previousSecretNames()).containsExactly(c.previous());

            Instant before = EXPIRES.minusSeconds(1);
            assertThat(c.provider().verifyAndNormalize(c.signed().apply(OLD, before), config, "site_abcd", before).events())
                    .as(c.provider().id() + ": previous secret a second before it expires").isNotEmpty();
            for (Instant after : List.of(EXPIRES, EXPIRES.plusSeconds(3600))) {
                assertThatThrownBy(() -> c.provider().verifyAndNormalize(c.signed().apply(OLD, after), config, "site_abcd", after))
                        .as(c.provider().id() + ": previous secret at " + after).isInstanceOf(CallbackRejection.class)
                        .satisfies(e -> assertThat(((CallbackRejection) e).status()).isBetween(400, 401));
                assertThat(c.provider().verifyAndNormalize(c.signed().apply(CURRENT, after), config, "site_abcd", after).events())
                        .as(c.provider().id() + ": current secret").isNotEmpty();
            }
        }
    }

    private static HttpRequest post(String body, Map<String, String> headers) {
        return Requests.post("site_abcd", "application/json", body, headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
