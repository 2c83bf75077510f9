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

/**
 * The registry: every provider the hub knows, one line each. The callback intake, the admin
 * API's config checks, the reconciler, the sync, workflow actions and the subscription list all
 * take what they need from it, through the port {@link ProviderCatalog} that whoever builds them
 * hands them ({@link #REGISTRY}); no other class outside a provider's package names a provider
 * (ProviderBoundaryTest). Adding a provider: docs/providers/README.md.
 */
public final class Providers implements ProviderCatalog {
    /** The one registry: what the hub is built with, and what the functions and tests read. */
    public static final Providers REGISTRY = new Providers();

    private final List<PaymentProvider> all = List.of(
            new KofiPaymentProvider(),
            new BmcPaymentProvider(),
            new StripePaymentProvider(),
            new XsollaPaymentProvider(),
            new ShopifyPaymentProvider());

    private final Map<String, PaymentProvider> byId = byId(all);

    private Providers() {}

    private static Map<String, PaymentProvider> byId(List<PaymentProvider> all) {
        Map<String, PaymentProvider> byId = new LinkedHashMap<>();
        for (PaymentProvider p : all) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalStateException("two providers with id " + p.id());
            }
        }
        return byId;
    }

    @Override
    public List<PaymentProvider> all() {
        return all;
    }

    @Override
    public Optional<PaymentProvider> provider(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }
}
