package dev.orderhub.provider;

import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApi;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A provider's order API as the reconciler uses it.
 *
 * @param threshold how long an order may stay pending before the provider is first asked (each
 *     look-up that leaves it pending doubles the wait, see {@code ReconcilePolicy})
 * @param lookable which order references the API can look up (Stripe: payment intents only)
 * @param client the API client, over the hub's outgoing HTTP client
 */
public record OrderLookups(Duration threshold, Predicate<String> lookable, Function<OutboundHttp, ProviderApi> client) {
    /** Every reference can be looked up. */
    public OrderLookups(Duration threshold, Function<OutboundHttp, ProviderApi> client) {
        this(threshold, ref -> true, client);
    }
}
