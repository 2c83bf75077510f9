package dev.orderhub.reconcile;

import dev.orderhub.db.Timestamps;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.OrderLookups;
import dev.orderhub.provider.ProviderCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which orders the hub asks their provider about, and when. An order is reconcilable while it is
 * PENDING (a callback that should have followed never came) and its provider has an order API
 * ({@link OrderLookups} in the registry: Stripe's payment intents, Xsolla, Shopify). Ko-fi and Buy
 * Me a Coffee have none, so their orders are never polled. The first look-up is due the provider's
 * threshold after the order's last change; each look-up that leaves it pending doubles the wait
 * (15 min, 30 min, 1 h, … for Stripe), up to a day.
 *
 * <p>The thresholds are code, not configuration, because two functions must agree on them: the
 * payment-events function schedules the first look-up when it writes the order, the reconciler the next ones.
 */
public final class ReconcilePolicy {
    public static final Duration MAX_WAIT = Duration.ofHours(24);

    private final ProviderCatalog providers;

    public ReconcilePolicy(ProviderCatalog providers) {
        this.providers = providers;
    }

    public Optional<Duration> threshold(String provider) {
        return providers.orderLookups(provider).map(OrderLookups::threshold);
    }

    /**
     * Whether the order belongs in the reconciliation index: pending, not given up, with a
     * provider reference its API can look up (Stripe: a PaymentIntent {@code pi_…}; Shopify: the
     * numeric order id; Xsolla: the transaction id or {@code order-<id>}).
     */
    public boolean reconcilable(Order o) {
        if (o.status() != OrderStatus.PENDING || o.reconcile().gaveUp() || o.orderRef() == null) {
            return false;
        }
        return providers.orderLookups(o.provider()).map(l -> l.lookable().test(o.orderRef())).orElse(false);
    }

    /** When the next look-up is due (fixed-width UTC text, so that text order is time order in the index). */
    public String dueAt(Order o) {
        if (o.reconcile().nextCheckAt() != null) {
            return o.reconcile().nextCheckAt();
        }
        Instant changed = o.updatedAt() == null ? Instant.EPOCH : Instant.parse(o.updatedAt());
        return Timestamps.fixed(changed.plus(threshold(o.provider()).orElseThrow()));
    }

    /** After {@code attempts} look-ups that left the order pending: threshold × 2^(attempts-1), at most a day. */
    public Instant nextCheckAt(String provider, int attempts, Instant now) {
        Duration wait = threshold(provider).orElseThrow();
        for (int i = 1; i < attempts && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
    }
}
