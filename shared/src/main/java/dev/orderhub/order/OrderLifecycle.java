package dev.orderhub.order;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, declared in one place. Each event kind implies a status
 * ({@link #impliedStatus}); an order's status is the highest status its events imply, raised to
 * PARTIALLY_REFUNDED or REFUNDED by the refunds it has seen. Because every step is a maximum or
 * a sum over distinct events, applying a set of events in any order, with any repeats, gives
 * the same order: callbacks that arrive late, twice or out of order cannot move it backwards.
 */
public final class OrderLifecycle {
    /** Attribute of a {@link EventKind#MANUAL_STATUS} event naming the status set (wire form). */
    public static final String MANUAL_STATUS = "hub.manualStatus";

    private OrderLifecycle() {}

    /** The status an event moves an order to, or null for events that do not touch status. */
    public static OrderStatus impliedStatus(PaymentEvent e) {
        if (e.kind() == EventKind.MANUAL_STATUS) {
            return OrderStatus.fromWire(e.attributes().get(MANUAL_STATUS));
        }
        return impliedStatus(e.kind());
    }

    /** The status an event kind moves an order to, or null for kinds that do not touch status (or carry it). */
    public static OrderStatus impliedStatus(EventKind kind) {
        return switch (kind) {
            case PAYMENT_PENDING, PAYMENT_AUTHORIZED -> OrderStatus.PENDING;
            case PAYMENT_SUCCEEDED, REFUNDED -> OrderStatus.PAID; // a refund proves a payment
            case PAYMENT_FAILED -> OrderStatus.FAILED;
            case PAYMENT_CANCELED -> OrderStatus.CANCELED;
            case FULFILLED -> OrderStatus.DONE;
            case DISPUTED -> OrderStatus.DISPUTED;
            case SUBSCRIPTION_STARTED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_CANCELED, RISK_ASSESSED, RECORD, MANUAL_STATUS -> null;
        };
    }

    /**
     * Whether this kind of event creates or changes an order at all. A risk assessment does,
     * although it implies no status: it may arrive before the order's first event (Shopify does
     * not order its topics), and dropping it would lose it. It then makes a PENDING order with
     * no amount, which takes its status, amount and buyer from the order's own events when they
     * come (see {@link #apply}).
     */
    public static boolean touchesOrders(EventKind kind) {
        return kind == EventKind.MANUAL_STATUS || kind == EventKind.RISK_ASSESSED || impliedStatus(kind) != null;
    }

    /**
     * The attribute recording which risk assessment an order's risk attributes came from, as
     * "occurredAt eventId": the newest assessment wins whatever order they arrive in.
     */
    public static final String RISK_SOURCE = "risk.source";

    /**
     * Applies one event to an order (null: the order does not exist yet). The caller has checked
     * that the event was not applied before. The result keeps the old version; the repository
     * bumps it on write. Any applied event is news from the provider (or an admin), so the
     * reconciliation schedule starts over.
     */
    public static Order apply(Order current, PaymentEvent e, String orderId, String now) {
        OrderStatus eventStatus = OrderStatus.max(current == null ? null : current.eventStatus(), impliedStatus(e));

        Money amount = current == null ? null : current.amount();
        String amountSource = current == null ? null : current.amountSource();
        boolean takeDetails = false;
        if (e.kind() != EventKind.REFUNDED && e.amount() != null) {
            String candidate = amountAuthority(e.kind()) + ":" + e.eventId();
            if (amountSource == null || candidate.compareTo(amountSource) > 0) {
                amount = e.amount();
                amountSource = candidate;
                takeDetails = true;
            }
        } else if (current == null) {
            takeDetails = true;
        }

        long refunded = current == null ? 0 : current.refundedMinor();
        boolean fullyRefunded = current != null && current.fullyRefunded();
        if (e.kind() == EventKind.REFUNDED) {
            if (e.amount() == null) {
                fullyRefunded = true;
            } else {
                refunded = Math.addExact(refunded, e.amount().minor());
            }
        }

        Set<String> applied = new HashSet<>(current == null ? Set.of() : current.appliedEvents());
        applied.add(e.eventId());
        Map<String, String> attributes = new HashMap<>(current == null ? Map.of() : current.attributes());
        if (e.kind() == EventKind.RISK_ASSESSED) {
            String candidate = e.occurredAt() + " " + e.eventId();
            String held = attributes.get(RISK_SOURCE);
            if (held == null || candidate.compareTo(held) > 0) {
                attributes.putAll(e.attributes());
                attributes.put(RISK_SOURCE, candidate);
            }
        } else if (e.kind() != EventKind.MANUAL_STATUS) {
            attributes.putAll(e.attributes());
        }

        String createdAt = current == null ? e.occurredAt() : min(current.createdAt(), e.occurredAt());
        boolean test = (current != null && current.test()) || e.test();

        String buyerName = pick(takeDetails, e.buyer() == null ? null : e.buyer().name(), current == null ? null : current.buyerName());
        String buyerEmail = pick(takeDetails, e.buyer() == null ? null : e.buyer().email(), current == null ? null : current.buyerEmail());
        String message = pick(takeDetails, e.message(), current == null ? null : current.message());
        var items = takeDetails && !e.items().isEmpty() ? e.items() : (current == null ? e.items() : current.items());
        String category = pick(takeDetails, e.category(), current == null ? null : current.category());

        OrderStatus status = deriveStatus(eventStatus, amount, refunded, fullyRefunded);
        return new Order(e.clientId(), orderId, e.provider(), e.orderRef(), status, eventStatus, amount, amountSource,
                refunded, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, now,
                applied, attributes, current == null ? null : current.match(),
                Order.Reconcile.NONE, current == null ? 0 : current.version());
    }

    static OrderStatus deriveStatus(OrderStatus eventStatus, Money amount, long refunded, boolean fullyRefunded) {
        OrderStatus s = eventStatus == null ? OrderStatus.PENDING : eventStatus;
        boolean coversAll = fullyRefunded || (amount != null && amount.minor() > 0 && refunded >= amount.minor());
        if (coversAll) {
            return OrderStatus.max(s, OrderStatus.REFUNDED);
        }
        if (refunded > 0) {
            return OrderStatus.max(s, OrderStatus.PARTIALLY_REFUNDED);
        }
        return s;
    }

    /** Which event's amount an order keeps: the payment's over an authorization's over a pending one's. */
    private static int amountAuthority(EventKind kind) {
        return switch (kind) {
            case PAYMENT_SUCCEEDED -> 5;
            case FULFILLED -> 4;
            case PAYMENT_AUTHORIZED -> 3;
            case PAYMENT_PENDING -> 2;
            default -> 1;
        };
    }

    private static String pick(boolean preferNew, String fresh, String old) {
        if (preferNew && fresh != null) {
            return fresh;
        }
        return old != null ? old : fresh;
    }

    private static String min(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
