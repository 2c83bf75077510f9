package dev.orderhub.provider.bmc;

import dev.orderhub.event.EventKind;
import java.util.Map;
import java.util.Set;

/**
 * Buy Me a Coffee's event types, {@code <family>.<action>}, in the hub's words. BMC publishes no
 * list; the names are those seen in third-party integrations (docs/providers/bmc.md), so anything
 * else is accepted and ignored rather than refused (a refusal would only make BMC retry and
 * eventually disable the webhook).
 *
 * <ul>
 *   <li>One-off purchases (donation, extra_purchase, commission_order, wishlist_payment):
 *       {@code .created} → PAYMENT_SUCCEEDED; {@code .refunded} → REFUNDED.</li>
 *   <li>Memberships and recurring donations: {@code .started} → PAYMENT_SUCCEEDED (the first
 *       period is paid when BMC reports the start; the order is the subscription, keyed by its
 *       psp_id), {@code .updated} → SUBSCRIPTION_UPDATED, {@code .cancelled} →
 *       SUBSCRIPTION_CANCELED, {@code .refunded} → REFUNDED. The start is not also sent as
 *       SUBSCRIPTION_STARTED: one callback is one event, and the payment is what the order needs.
 *       Cancelling a membership ends future periods; it does not cancel the paid order.</li>
 * </ul>
 */
final class BmcEventTypes {
    private static final Set<String> PURCHASES = Set.of("donation", "extra_purchase", "commission_order", "wishlist_payment");
    private static final Set<String> SUBSCRIPTIONS = Set.of("membership", "recurring_donation");
    private static final Map<String, EventKind> PURCHASE_ACTIONS = Map.of(
            "created", EventKind.PAYMENT_SUCCEEDED,
            "refunded", EventKind.REFUNDED);
    private static final Map<String, EventKind> SUBSCRIPTION_ACTIONS = Map.of(
            "started", EventKind.PAYMENT_SUCCEEDED,
            "updated", EventKind.SUBSCRIPTION_UPDATED,
            "cancelled", EventKind.SUBSCRIPTION_CANCELED,
            "refunded", EventKind.REFUNDED);

    private BmcEventTypes() {}

    /** The kind an event type maps to, or null for types the hub does not track. */
    static EventKind kindOf(String type) {
        String family = family(type);
        String action = type.substring(family.length() + (family.length() < type.length() ? 1 : 0));
        if (PURCHASES.contains(family)) {
            return PURCHASE_ACTIONS.get(action);
        }
        if (SUBSCRIPTIONS.contains(family)) {
            return SUBSCRIPTION_ACTIONS.get(action);
        }
        return null;
    }

    /** "donation" of "donation.created": the order's category. */
    static String family(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
