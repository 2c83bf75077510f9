package dev.orderhub.provider.xsolla;

import dev.orderhub.event.EventKind;
import java.util.Map;

/**
 * Xsolla's {@code notification_type} values the hub acts on, and the event kind each becomes.
 * {@code user_validation} is answered at once and queues nothing; a type not listed here is
 * answered 204 and ignored, so that a new Xsolla notification never causes an error answer.
 */
final class XsollaTypes {
    static final String USER_VALIDATION = "user_validation";
    static final String PAYMENT = "payment";
    static final String ORDER_PAID = "order_paid";
    static final String ORDER_CANCELED = "order_canceled";
    static final String REFUND = "refund";
    static final String PARTIAL_REFUND = "partial_refund";
    static final String CREATE_SUBSCRIPTION = "create_subscription";
    static final String UPDATE_SUBSCRIPTION = "update_subscription";
    static final String CANCEL_SUBSCRIPTION = "cancel_subscription";
    static final String NON_RENEWAL_SUBSCRIPTION = "non_renewal_subscription";

    /** Purchase notifications: they change the order of their transaction. */
    static final Map<String, EventKind> PURCHASE = Map.of(
            PAYMENT, EventKind.PAYMENT_SUCCEEDED,
            ORDER_PAID, EventKind.PAYMENT_SUCCEEDED,
            ORDER_CANCELED, EventKind.PAYMENT_CANCELED,
            REFUND, EventKind.REFUNDED,
            PARTIAL_REFUND, EventKind.REFUNDED);

    /** Subscription notifications: they update the subscription record, not an order. */
    static final Map<String, EventKind> SUBSCRIPTION = Map.of(
            CREATE_SUBSCRIPTION, EventKind.SUBSCRIPTION_STARTED,
            UPDATE_SUBSCRIPTION, EventKind.SUBSCRIPTION_UPDATED,
            NON_RENEWAL_SUBSCRIPTION, EventKind.SUBSCRIPTION_UPDATED,
            CANCEL_SUBSCRIPTION, EventKind.SUBSCRIPTION_CANCELED);

    private XsollaTypes() {}
}
