package dev.orderhub.provider.api;

import dev.orderhub.order.Order;
import dev.orderhub.site.ProviderConfig;
import java.time.Instant;

/**
 * A provider's order API, asked by the reconciler about an order whose callbacks stopped coming.
 * Implementations live next to their provider ({@code provider/<name>/…ApiClient}) and map the
 * answer to the same {@link dev.orderhub.event.PaymentEvent}s the callbacks would have produced,
 * with event ids that depend only on the answer ({@code reconcile:<provider>:<object id>:<status>}),
 * so the same answer twice is a duplicate on the order.
 */
public interface ProviderApi {
    String provider();

    /**
     * @param config the site's config for this provider (null when the site has none)
     * @throws ProviderApiException when the provider could not be asked or did not answer usably
     */
    Lookup lookup(Order order, ProviderConfig config, Instant now);
}
