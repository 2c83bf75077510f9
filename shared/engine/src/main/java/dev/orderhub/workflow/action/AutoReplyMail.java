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

    /** The subject when the seller set none. */
    static final String DEFAULT_SUBJECT = "Thank you!";

    /** A draft's subject and body as a buyer of the sample order would get them, and the values they were filled with. */
    public record Preview(String subject, String body, Map<String, String> sample) {}

    static Email compose(AutoReply settings, Order order, String siteName) {
        Map<String, String> values = values(order, siteName);
        return new Email(settings.from(), order.buyerEmail(), subject(settings.subject(), values),
                AutoReplyTemplates.render(settings.body(), values), null);
    }

    /**
     * A draft rendered for a made-up order of the site, exactly as {@link #compose} renders a real
     * one (same values, same engine, same default subject). The caller checks the draft first
     * ({@link AutoReplyTemplates#problem}), as saving does.
     */
    public static Preview preview(String subject, String body, String siteName) {
        // No provider: no value of the e-mail names it.
        Order sample = new Order(null, "kofi_sample0000000000000", null, "sample-transaction", dev.orderhub.order.OrderStatus.PAID,
                dev.orderhub.order.OrderStatus.PAID, dev.orderhub.money.Money.ofMinor(500, "USD"), null, 0, false, "Alex Kim",
                "alex@example.com", "Love your work!", java.util.List.of(), null, true, null, null, null, null, null, null, 0);
        Map<String, String> values = values(sample, siteName);
        return new Preview(subject(subject, values), AutoReplyTemplates.render(body, values), new java.util.TreeMap<>(values));
    }

    private static String subject(String template, Map<String, String> values) {
        return AutoReplyTemplates.render(template == null ? DEFAULT_SUBJECT : template, values);
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
