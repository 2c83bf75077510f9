package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry holds exactly the five providers, each with the capabilities it has and no other. */
class ProvidersTest {
    /** What a provider offers besides its webhook, in words. */
    private static List<String> capabilities(PaymentProvider p) {
        List<String> c = new ArrayList<>();
        p.orderLookups().ifPresent(l -> c.add("lookups after " + l.threshold().toMinutes() + " min"));
        p.historySync().ifPresent(h -> c.add("sync"));
        p.paymentCommands().ifPresent(cmd -> c.add(cmd.captures() ? "capture+cancel with " + cmd.credential()
                : "cancel with " + cmd.credential()));
        p.subscriptionView().ifPresent(v -> c.add("subscriptions"));
        return c;
    }

    @Test
    void holdsTheFiveProvidersWithTheirCapabilities() {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (PaymentProvider p : Providers.REGISTRY.all()) {
            byId.put(p.id(), capabilities(p));
        }
        assertThat(byId).containsExactly(
                Map.entry("kofi", List.of()),
                Map.entry("bmc", List.of()),
                Map.entry("stripe", List.of("lookups after 15 min", "sync", "capture+cancel with apiKey", "subscriptions")),
                Map.entry("xsolla", List.of("lookups after 15 min", "sync", "subscriptions")),
                Map.entry("shopify", List.of("lookups after 30 min", "cancel with adminApiToken")));
        assertThat(Providers.REGISTRY.ids()).containsExactly("bmc", "kofi", "shopify", "stripe", "xsolla");
    }

    @Test
    void eachProviderIsFoundByItsIdWithItsWebhookAndName() {
        for (PaymentProvider p : Providers.REGISTRY.all()) {
            assertThat(p.webhook().id()).isEqualTo(p.id());
            assertThat(Providers.REGISTRY.find(p.id())).containsSame(p.webhook());
            assertThat(Providers.REGISTRY.provider(p.id())).containsSame(p);
            assertThat(p.displayName()).isNotBlank();
            assertThat(p.webhook().secretNames()).as(p.id()).containsAll(p.webhook().previousSecretNames());
            p.paymentCommands().ifPresent(c -> assertThat(p.webhook().secretNames()).as(p.id()).contains(c.credential()));
        }
        assertThat(Providers.REGISTRY.all()).filteredOn(p -> !p.webhook().bodySecretFields().isEmpty())
                .extracting(p -> p.id() + ":" + p.webhook().bodySecretFields()).containsExactly("kofi:[verification_token]");
        assertThat(Providers.REGISTRY.bodySecretFields()).containsExactly("verification_token");
        assertThat(Providers.REGISTRY.displayName("bmc")).isEqualTo("Buy Me a Coffee");
        assertThat(Providers.REGISTRY.find("paypal")).isEmpty();
        assertThat(Providers.REGISTRY.find(null)).isEmpty();
        assertThat(Providers.REGISTRY.displayName("paypal")).isEqualTo("paypal");
    }

    @Test
    void theLookupsKnowWhichReferencesTheirApiCanLookUp() {
        OrderLookups stripe = Providers.REGISTRY.orderLookups("stripe").orElseThrow();
        assertThat(stripe.lookable().test("pi_1")).isTrue();
        assertThat(stripe.lookable().test("ch_1")).isFalse();
        OrderLookups shopify = Providers.REGISTRY.orderLookups("shopify").orElseThrow();
        assertThat(shopify.lookable().test("820982911946154508")).isTrue();
        assertThat(shopify.lookable().test("#1001")).isFalse();
        assertThat(Providers.REGISTRY.orderLookups("xsolla").orElseThrow().lookable().test("order-7")).isTrue();
    }
}
