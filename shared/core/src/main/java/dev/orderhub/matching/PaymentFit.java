package dev.orderhub.matching;

import dev.orderhub.intent.Intent;
import dev.orderhub.order.Order;

/**
 * Whether a payment can pay an intent: same currency, through the provider the intent names, at
 * least the intent's amount (a tip on top is fine), and in the same mode (a provider's test
 * delivery moves no money, so it only pays an intent created in test mode). A reference in the
 * message only says which intent the buyer meant; this says whether the payment covers it.
 */
final class PaymentFit {
    private PaymentFit() {}

    static boolean fits(Order order, Intent intent) {
        return order.amount() != null
                && order.amount().currency().equals(intent.amount().currency())
                && order.amount().minor() >= intent.amount().minor()
                && (intent.provider() == null || intent.provider().equals(order.provider()))
                && order.test() == intent.test();
    }

    /** What differs, in words for the review page: "paid 1 JPY via kofi, intent expects 999.00 EUR via stripe". */
    static String mismatch(Order order, Intent intent) {
        String paid = order.amount() == null ? "an unknown amount" : order.amount().toString();
        return "paid " + paid + " via " + order.provider() + (order.test() ? " in test mode" : "")
                + ", intent expects " + intent.amount() + (intent.provider() == null ? "" : " via " + intent.provider())
                + (intent.test() ? " in test mode" : "");
    }
}
