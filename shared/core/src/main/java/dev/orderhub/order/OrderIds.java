package dev.orderhub.order;

import dev.orderhub.db.Ids;

/**
 * An order's id is derived from the site, the provider and the provider's purchase id, so every
 * callback about one purchase, however often delivered, lands on the same order item.
 */
public final class OrderIds {
    private OrderIds() {}

    public static String of(String clientId, String provider, String orderRef) {
        return provider + "_" + Ids.derived(clientId, provider, orderRef);
    }
}
