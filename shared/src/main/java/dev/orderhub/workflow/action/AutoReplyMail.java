package dev.orderhub.workflow.action;

import dev.orderhub.mail.Email;
import dev.orderhub.mail.AutoReplyTemplates;
import dev.orderhub.order.Order;
import dev.orderhub.site.AutoReply;
import java.util.HashMap;
import java.util.Map;

/**
 * The e-mail of the auto_reply action: a provider's auto-reply settings rendered for one order,
 * with the values the auto-reply offers ({@link dev.orderhub.mail.TemplateVariables#AUTO_REPLY}:
 * {{buyerName}}, {{amount}}, {{currency}}, {{orderId}}, {{siteName}}, {{message}}), the amount as a
 * plain decimal as it always was.
 */
public final class AutoReplyMail {
    /** How the action's result starts when the e-mail went out (the order detail reads it). */
    public static final String SENT = "auto-reply sent";
    /** How the action's result starts when there was nothing to send. */
    public static final String NOT_SENT = "auto-reply not sent: ";

    private AutoReplyMail() {}

    static Email compose(AutoReply settings, Order order, String siteName) {
        Map<String, String> values = values(order, siteName);
        return new Email(settings.from(), order.buyerEmail(),
                AutoReplyTemplates.render(settings.subject() == null ? "Thank you!" : settings.subject(), values),
                AutoReplyTemplates.render(settings.body(), values), null);
    }

    static Map<String, String> values(Order order, String siteName) {
        Map<String, String> v = new HashMap<>();
        v.put("buyerName", order.buyerName() == null ? "" : order.buyerName());
        v.put("amount", order.amount() == null ? "" : order.amount().toDecimalString());
        v.put("currency", order.amount() == null ? "" : order.amount().currency());
        v.put("orderId", order.orderId());
        v.put("siteName", siteName == null ? "" : siteName);
        v.put("message", order.message() == null ? "" : order.message());
        return v;
    }
}
