package dev.orderhub.reconcile;

import dev.orderhub.db.Timestamps;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which orders the hub asks their provider about, and when. An order is reconcilable while it is
 * PENDING (a callback that should have followed never came) and its provider has an order API:
 * Stripe (payment intents), Xsolla and Shopify. Ko-fi and Buy Me a Coffee have none, so their
 * orders are never polled. The first look-up is due the provider's threshold after the order's
 * last change; each look-up that leaves it pending doubles the wait (15 min, 30 min, 1 h, … for
 * Stripe), up to a day.
 *
 * <p>The thresholds are code, not configuration, because two functions must agree on them: the
 * matcher schedules the first look-up when it writes the order, the reconciler the next ones.
 */
public final class ReconcilePolicy {
    /** How long an order may stay pending before the provider is asked (the order APIs' providers only). */
    public static final Map<String, Duration> THRESHOLDS = Map.of(
            "stripe", Duration.ofMinutes(15),
            "xsolla", Duration.ofMinutes(15),
            "shopify", Duration.ofMinutes(30));
    public static final Duration MAX_WAIT = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    private ReconcilePolicy() {}

    public static Optional<Duration> threshold(String provider) {
        return Optional.ofNullable(THRESHOLDS.get(provider));
    }

    /**
     * Whether the order belongs in the reconciliation index: pending, not given up, with a
     * provider reference its API can look up (Stripe: a PaymentIntent {@code pi_…}; Shopify: the
     * numeric order id; Xsolla: the transaction id or {@code order-<id>}).
     */
    public static boolean reconcilable(Order o) {
        if (o.status() != OrderStatus.PENDING || o.reconcile().gaveUp() || !THRESHOLDS.containsKey(o.provider())
                || o.orderRef() == null) {
            return false;
        }
        return switch (o.provider()) {
            case "stripe" -> o.orderRef().startsWith("pi_");
            case "shopify" -> o.orderRef().matches("\\d{1,30}");
            default -> true;
        };
    }

    /** When the next look-up is due (fixed-width UTC text, so that text order is time order in the index). */
    public static String dueAt(Order o) {
        if (o.reconcile().nextCheckAt() != null) {
            return o.reconcile().nextCheckAt();
        }
        Instant changed = o.updatedAt() == null ? Instant.EPOCH : Instant.parse(o.updatedAt());
        return Timestamps.fixed(changed.plus(THRESHOLDS.get(o.provider())));
    }

    /** After {@code attempts} look-ups that left the order pending: threshold × 2^(attempts-1), at most a day. */
    public static Instant nextCheckAt(String provider, int attempts, Instant now) {
        Duration wait = THRESHOLDS.get(provider);
        for (int i = 1; i < attempts && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
    }
}
