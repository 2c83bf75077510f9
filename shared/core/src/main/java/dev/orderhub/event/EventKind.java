package dev.orderhub.event;

/** What a provider's callback says happened, in the hub's words. */
public enum EventKind {
    /** A purchase exists but no money moved yet (e.g. Xsolla order "new", Shopify orders/create unpaid). */
    PAYMENT_PENDING,
    /** Funds are held and can be captured (Stripe amount_capturable_updated). */
    PAYMENT_AUTHORIZED,
    /** Money was received (Ko-fi's every callback, Stripe charge.succeeded, Xsolla payment). */
    PAYMENT_SUCCEEDED,
    PAYMENT_FAILED,
    PAYMENT_CANCELED,
    /** The goods were delivered (Xsolla order "done", Shopify orders/fulfilled). */
    FULFILLED,
    /** Money went back to the buyer; {@code amount} is the refunded amount, null when the whole order was refunded. */
    REFUNDED,
    DISPUTED,
    SUBSCRIPTION_STARTED,
    SUBSCRIPTION_UPDATED,
    SUBSCRIPTION_CANCELED,
    /**
     * The provider re-assessed the purchase's fraud risk (Shopify orders/risk_assessment_changed).
     * Implies no status but lands on the order: its attributes (e.g. {@code shopify.risk_level})
     * are kept on the order, newest assessment winning, even when it arrives before the order.
     */
    RISK_ASSESSED,
    /** Data with no effect on an order's status (customers, prices, balance transactions, user validation). */
    RECORD,
    /**
     * An admin set the order's status by hand; the target is in attribute
     * {@link dev.orderhub.order.OrderLifecycle#MANUAL_STATUS}. It joins the other events' maximum, so
     * the next callback cannot undo it (only a later, higher status moves past it).
     */
    MANUAL_STATUS
}
