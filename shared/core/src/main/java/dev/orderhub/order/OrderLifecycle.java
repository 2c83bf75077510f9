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
 * a sum over distinct events (the attributes and the buyer's details too: each keeps the value of
 * the event that ranks highest, see {@link #attributePrecedence}), applying a set of events in any
 * order, with any repeats, gives the same order: callbacks that arrive late, twice or out of order
 * cannot move it backwards. The match, and the hub's own state (tags, risk, mail error), are kept as
 * they are; an order reaching a status that closes review leaves review in the write that applies the
 * event, as after any change ({@link OrderCommit}, {@link ReviewChanges#closeIfFinal}).
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
        // The buyer and the purchase details come from the event the amount comes from; events
        // without an amount (rank 0) only fill what no such event gave.
        String detailPrecedence = "0:" + e.eventId();
        if (e.kind() != EventKind.REFUNDED && e.amount() != null) {
            String candidate = amountAuthority(e.kind()) + ":" + e.eventId();
            detailPrecedence = candidate;
            if (amountSource == null || candidate.compareTo(amountSource) > 0) {
                amount = e.amount();
                amountSource = candidate;
            }
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
        Map<String, String> sources = new HashMap<>(current == null ? Map.of() : current.attributeSources());
        if (e.kind() != EventKind.MANUAL_STATUS) {
            Map<String, String> offered = new HashMap<>(e.attributes());
            if (e.kind() == EventKind.RISK_ASSESSED) {
                offered.put(RISK_SOURCE, e.occurredAt() + " " + e.eventId());
            }
            // Each attribute keeps the value of the event with the highest precedence that set it,
            // so the merge is a maximum per attribute, like the status: arrival order cannot matter.
            String precedence = attributePrecedence(e);
            offered.forEach((name, value) -> {
                String held = sources.get(name);
                if (held == null || precedence.compareTo(held) > 0) {
                    attributes.put(name, value);
                    sources.put(name, precedence);
                }
            });
        }

        String createdAt = current == null ? e.occurredAt() : min(current.createdAt(), e.occurredAt());
        String receivedAt = receivedAt(current, e);
        boolean test = (current != null && current.test()) || e.test();

        // Orders stored before details had sources: what they hold counts as coming from their amount's event.
        String legacy = current == null || current.amountSource() == null ? "0:" : current.amountSource();
        Details d = new Details(detailPrecedence, sources, legacy);
        String buyerName = d.pick("buyerName", e.buyer() == null ? null : e.buyer().name(), current == null ? null : current.buyerName());
        String buyerEmail = d.pick("buyerEmail", e.buyer() == null ? null : e.buyer().email(), current == null ? null : current.buyerEmail());
        String message = d.pick("message", e.message(), current == null ? null : current.message());
        java.util.List<String> items = d.pick("items", e.items().isEmpty() ? null : e.items(),
                current == null || current.items().isEmpty() ? null : current.items());
        String category = d.pick("category", e.category(), current == null ? null : current.category());

        OrderStatus status = deriveStatus(eventStatus, amount, refunded, fullyRefunded);
        return new Order(e.clientId(), orderId, e.provider(), e.orderRef(), status, eventStatus, amount, amountSource,
                refunded, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, now,
                applied, attributes, current == null ? null : current.match(),
                Order.Reconcile.NONE, current == null ? 0 : current.version(), sources, receivedAt,
                current == null ? null : current.outbox(), current == null ? null : current.tags(),
                current == null ? null : current.risk(), current == null ? null : current.mailError());
    }

    /**
     * When the hub first heard of the purchase: the earliest receivedAt of the provider's events (a
     * minimum, so arrival order cannot matter). An admin's status change is not news of the
     * purchase. An order stored before the hub kept this time takes the next delivery's.
     */
    private static String receivedAt(Order current, PaymentEvent e) {
        String held = current == null ? null : current.receivedAt();
        return e.kind() == EventKind.MANUAL_STATUS ? held : min(held, e.receivedAt());
    }

    /**
     * Which of two events' values an attribute keeps (the greater wins): the event's status rank
     * (a payment's attributes over a pending one's, a dispute's over a payment's), then the kind's
     * amount authority (an authorization over a pending notice), then when it happened, then its
     * id, so that two events never tie. Risk assessments imply no status and rank lowest, so the
     * newest one wins among them.
     */
    public static String attributePrecedence(PaymentEvent e) {
        OrderStatus implied = impliedStatus(e);
        return String.format(java.util.Locale.ROOT, "%02d.%d %s %s", implied == null ? 0 : implied.ordinal() + 1,
                amountAuthority(e.kind()), e.occurredAt() == null ? "" : e.occurredAt(), e.eventId());
    }

    static OrderStatus deriveStatus(OrderStatus eventStatus, Money amount, long refunded, boolean fullyRefunded) {
        OrderStatus s = eventStatus == null ? OrderStatus.PENDING : eventStatus;
        // Refunds that reach the amount cover the order, an order of 0 included: any refund of it is all of it.
        boolean coversAll = fullyRefunded || (amount != null && refunded > 0 && refunded >= amount.minor());
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

    /**
     * Picks each purchase detail as a maximum over the events that carried it: the value of the
     * event with the highest precedence, recorded in the order's sources under {@code #<field>}
     * (no attribute name starts with '#').
     */
    private record Details(String precedence, Map<String, String> sources, String legacy) {
        <T> T pick(String field, T fresh, T old) {
            if (fresh == null) {
                return old;
            }
            String held = sources.getOrDefault("#" + field, old == null ? null : legacy);
            if (held == null || precedence.compareTo(held) > 0) {
                sources.put("#" + field, precedence);
                return fresh;
            }
            return old;
        }
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
