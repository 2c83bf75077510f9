package dev.orderhub.provider;

import dev.orderhub.provider.bmc.BmcPaymentProvider;
import dev.orderhub.provider.kofi.KofiPaymentProvider;
import dev.orderhub.provider.shopify.ShopifyPaymentProvider;
import dev.orderhub.provider.stripe.StripePaymentProvider;
import dev.orderhub.provider.xsolla.XsollaPaymentProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry: every provider the hub knows, one line each. The callback intake, the admin
 * API's config checks, the reconciler, the sync, workflow actions and the subscription list all
 * take what they need from here; no other class outside a provider's package names a provider
 * (ProviderBoundaryTest). Adding a provider: docs/providers/README.md.
 */
public final class Providers {
    private static final List<PaymentProvider> ALL = List.of(
            new KofiPaymentProvider(),
            new BmcPaymentProvider(),
            new StripePaymentProvider(),
            new XsollaPaymentProvider(),
            new ShopifyPaymentProvider());

    private static final Map<String, PaymentProvider> BY_ID = byId();

    private Providers() {}

    private static Map<String, PaymentProvider> byId() {
        Map<String, PaymentProvider> byId = new LinkedHashMap<>();
        for (PaymentProvider p : ALL) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalStateException("two providers with id " + p.id());
            }
        }
        return byId;
    }

    /** Every provider, in the registry's order (the order the reconciler and the sync visit them). */
    public static List<PaymentProvider> all() {
        return ALL;
    }

    public static Optional<PaymentProvider> provider(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /** The provider's webhook: what callbacks and the admin API's config checks use. */
    public static Optional<Provider> find(String id) {
        return provider(id).map(PaymentProvider::webhook);
    }

    public static Set<String> ids() {
        return new TreeSet<>(BY_ID.keySet());
    }

    /** The provider's name for sentences shown to sellers; the id itself for one the hub does not know. */
    public static String displayName(String id) {
        return provider(id).map(PaymentProvider::displayName).orElse(id);
    }

    public static Optional<OrderLookups> orderLookups(String id) {
        return provider(id).flatMap(PaymentProvider::orderLookups);
    }

    public static Optional<PaymentCommands> paymentCommands(String id) {
        return provider(id).flatMap(PaymentProvider::paymentCommands);
    }

    public static Optional<SubscriptionView> subscriptionView(String id) {
        return provider(id).flatMap(PaymentProvider::subscriptionView);
    }
}
