package dev.orderhub.order;

import java.util.Locale;

/**
 * An order's status. The declaration order is the precedence: an order's status only ever moves
 * to a later constant, so a late or repeated callback can never move it back (a late "paid"
 * never undoes "refunded"; a duplicate "paid" never reopens "done").
 */
public enum OrderStatus {
    PENDING,
    FAILED,
    PAID,
    DONE,
    DISPUTED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    CANCELED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public static OrderStatus max(OrderStatus a, OrderStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Money was received at some point (what an auto-reply thanks the buyer for). */
    public boolean isPaidOrLater() {
        return this == PAID || this == DONE || this == DISPUTED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
