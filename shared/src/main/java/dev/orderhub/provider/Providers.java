package dev.orderhub.provider;

import dev.orderhub.provider.bmc.BmcProvider;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every provider the hub knows, by id: what the admin API validates configs against. */
public final class Providers {
    private static final Map<String, Provider> BY_ID = List.<Provider>of(new KofiProvider(), new XsollaProvider(),
                    new BmcProvider(), new ShopifyProvider(), new StripeProvider()).stream()
            .collect(Collectors.toUnmodifiableMap(Provider::id, Function.identity()));

    private Providers() {}

    public static Optional<Provider> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    public static java.util.Set<String> ids() {
        return new java.util.TreeSet<>(BY_ID.keySet());
    }
}
