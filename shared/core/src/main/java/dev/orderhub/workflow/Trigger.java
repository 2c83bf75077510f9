package dev.orderhub.workflow;

import java.util.Arrays;
import java.util.List;

/** What starts a workflow. Each is derived by the order commit from an order write (see {@link Triggers}). */
public enum Trigger {
    ORDER_CREATED("order.created", true),
    ORDER_PAID("order.paid", true),
    /** The hub's risk analysis finished (on payment or authorization, and on a provider's re-assessment). */
    ORDER_RISK_ANALYZED("order.risk_analyzed", true),
    ORDER_REFUNDED("order.refunded", true),
    ORDER_CANCELED("order.canceled", true),
    SUBSCRIPTION_CREATED("subscription.created", false),
    SUBSCRIPTION_CANCELED("subscription.canceled", false),
    /** The order could not be tied to a payment intent and waits for a person. */
    REVIEW_NEEDED("review.needed", true);

    private final String wire;
    private final boolean hasOrder;

    Trigger(String wire, boolean hasOrder) {
        this.wire = wire;
        this.hasOrder = hasOrder;
    }

    public String wire() {
        return wire;
    }

    /** Whether the subject is an order in the table (subscription triggers carry the event's data instead). */
    public boolean hasOrder() {
        return hasOrder;
    }

    public static Trigger fromWire(String s) {
        for (Trigger t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return null;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Trigger::wire).toList();
    }
}
