package dev.orderhub.order;

import static dev.orderhub.order.OrderStatus.CANCELED;
import static dev.orderhub.order.OrderStatus.DISPUTED;
import static dev.orderhub.order.OrderStatus.DONE;
import static dev.orderhub.order.OrderStatus.FAILED;
import static dev.orderhub.order.OrderStatus.PAID;
import static dev.orderhub.order.OrderStatus.PARTIALLY_REFUNDED;
import static dev.orderhub.order.OrderStatus.PENDING;
import static dev.orderhub.order.OrderStatus.REFUNDED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The status changes an admin may make by hand: the one table. Every target is later in
 * {@link OrderStatus}'s precedence than its source, so a manual change is an ordinary step of the
 * lifecycle's maximum (see {@link OrderLifecycle}): no callback can undo it, and it cannot undo
 * what a provider reported. (A test checks this property of the table.)
 */
public final class ManualTransitions {
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = new EnumMap<>(Map.of(
            PENDING, Set.of(PAID, FAILED, CANCELED),
            FAILED, Set.of(PAID, CANCELED),
            PAID, Set.of(DONE, REFUNDED, CANCELED),
            DONE, Set.of(REFUNDED),
            DISPUTED, Set.of(REFUNDED),
            PARTIALLY_REFUNDED, Set.of(REFUNDED),
            REFUNDED, Set.of(),
            CANCELED, Set.of()));

    private ManualTransitions() {}

    public static boolean allowed(OrderStatus from, OrderStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** Where an order in {@code from} may be moved by hand. */
    public static Set<OrderStatus> targets(OrderStatus from) {
        return ALLOWED.getOrDefault(from, Set.of());
    }

    public static Map<OrderStatus, Set<OrderStatus>> table() {
        return ALLOWED;
    }
}
