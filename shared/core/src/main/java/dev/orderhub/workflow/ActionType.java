package dev.orderhub.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a workflow can do, with the parameters each takes. {@code needsOrder}: the action changes
 * an order, so it cannot follow a subscription trigger.
 */
public enum ActionType {
    ADD_ORDER_TAG("add_order_tag", true, Set.of("tag"), Set.of("tag")),
    REMOVE_ORDER_TAG("remove_order_tag", true, Set.of("tag"), Set.of("tag")),
    ADD_CUSTOMER_TAG("add_customer_tag", false, Set.of("tag"), Set.of("tag")),
    /** Puts the order in the site's review queue with the reason. */
    MARK_FOR_REVIEW("mark_for_review", true, Set.of("reason"), Set.of("reason")),
    /** Through the manual-status path (ManualTransitions), recorded in the order's audit trail. */
    SET_STATUS("set_status", true, Set.of("status", "reason"), Set.of("status", "reason")),
    /** Stripe: captures the authorized payment intent. */
    CAPTURE_PAYMENT("capture_payment", true, Set.of(), Set.of()),
    /** Stripe: cancels the payment intent; Shopify: cancels the order. Optionally restocks the items' counts. */
    CANCEL_PAYMENT("cancel_payment", true, Set.of(), Set.of("restock", "reason")),
    /**
     * E-mails the buyer the auto-reply of the order's provider (its config's autoReply: on or
     * off, sender, subject, body); sends nothing when that provider's auto-reply is off.
     */
    AUTO_REPLY("auto_reply", true, Set.of(), Set.of()),
    EMAIL_BUYER("email_buyer", false, Set.of("from"), Set.of("from", "template", "locale", "templates", "statusUrl")),
    EMAIL_STAFF("email_staff", false, Set.of("from", "to"), Set.of("from", "to", "template", "locale", "templates")),
    /** POSTs the run to a URL, signed with the site's webhook secret (HMAC-SHA256 over timestamp and body). */
    WEBHOOK("webhook", false, Set.of("url"), Set.of("url"));

    private final String wire;
    private final boolean needsOrder;
    private final Set<String> required;
    private final Set<String> allowed;

    ActionType(String wire, boolean needsOrder, Set<String> required, Set<String> allowed) {
        this.wire = wire;
        this.needsOrder = needsOrder;
        this.required = required;
        this.allowed = allowed;
    }

    public String wire() {
        return wire;
    }

    public boolean needsOrder() {
        return needsOrder;
    }

    /** Sends e-mail through SES, which takes no idempotency key (see {@link UnknownSends}). */
    public boolean sendsMail() {
        return this == AUTO_REPLY || this == EMAIL_BUYER || this == EMAIL_STAFF;
    }

    Set<String> required() {
        return required;
    }

    Set<String> allowed() {
        return allowed;
    }

    public static ActionType fromWire(String s) {
        for (ActionType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return null;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ActionType::wire).toList();
    }
}
