package dev.orderhub.order;

import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.mail.Email;
import dev.orderhub.mail.MailMessages;
import dev.orderhub.mail.Mailer;
import dev.orderhub.mail.Templates;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends an order's due auto-reply and records it, so that each order's thank-you goes out once
 * even when its message is processed again: only the holder of the reply lease sends, and the
 * order is marked SENT right after SES accepts the message. (If the process dies between SES
 * accepting and the mark, the next delivery sends again: SES has no idempotency key, and one
 * duplicate e-mail in that window is preferred to none.)
 */
public final class AutoReplySender {
    private static final JsonLog LOG = JsonLog.get(AutoReplySender.class);
    private final OrderRepository orders;
    private final SiteRepository sites;
    private final Mailer mailer;
    private final MailMessages sentMail;
    private final Clock clock;

    public AutoReplySender(OrderRepository orders, SiteRepository sites, Mailer mailer, MailMessages sentMail, Clock clock) {
        this.orders = orders;
        this.sites = sites;
        this.mailer = mailer;
        this.sentMail = sentMail;
        this.clock = clock;
    }

    /** For an order read from the table: sends if a reply is due and no one else holds the lease. */
    public void sendIfDue(Order order) {
        if (order.reply().state() != Order.Reply.State.DUE) {
            return;
        }
        long now = clock.millis();
        if (!orders.claimReply(order, now, now + PaymentEventProcessor.REPLY_LEASE_MILLIS)) {
            // Sent meanwhile, or someone holds the lease: sending right now, or an attempt that
            // failed before it could release it (the store was unavailable). In the second case
            // this delivery is the only one left that can send once the lease runs out, so it
            // must not be consumed: fail it and let the queue bring it back.
            Order current = orders.find(order.clientId(), order.orderId()).orElse(order);
            if (current.reply().state() == Order.Reply.State.DUE) {
                throw new IllegalStateException("reply of order " + order.orderId() + " is due and leased; retry later");
            }
            return;
        }
        send(order);
    }

    /** Sends the reply of an order whose lease this caller holds. */
    void send(Order order) {
        Site site = sites.find(order.clientId()).orElse(null);
        AutoReply template = sites.findConfig(order.clientId(), order.provider())
                .map(ProviderConfig::autoReply).orElse(AutoReply.OFF);
        if (site == null || !template.enabled() || template.from() == null) {
            LOG.info("auto-reply no longer wanted", "clientId", order.clientId(), "orderId", order.orderId());
            orders.markReplySent(order, "skipped", clock.instant().toString());
            return;
        }
        Map<String, String> values = values(order, site);
        Email email = new Email(template.from(), order.buyerEmail(),
                Templates.render(template.subject() == null ? "Thank you!" : template.subject(), values),
                Templates.render(template.body(), values), null);
        String messageId;
        try {
            messageId = mailer.send(email);
        } catch (RuntimeException e) {
            orders.markReplyFailed(order, e.getClass().getSimpleName());
            Metrics.count("EmailFailed", order.provider(), order.clientId());
            LOG.error("auto-reply failed; the event will be retried", e, "clientId", order.clientId(),
                    "orderId", order.orderId());
            throw e;
        }
        orders.markReplySent(order, messageId, clock.instant().toString());
        sentMail.record(messageId, new MailMessages.Sent(order.clientId(), order.orderId(), MailMessages.AUTO_REPLY),
                new MailMessages.Details(MailMessages.AUTO_REPLY, null, order.buyerEmail(), null));
        Metrics.count("EmailSent", order.provider(), order.clientId());
        LOG.info("auto-reply sent", "clientId", order.clientId(), "orderId", order.orderId(),
                "to", JsonLog.maskEmail(order.buyerEmail()), "messageId", messageId);
    }

    static Map<String, String> values(Order order, Site site) {
        Map<String, String> v = new HashMap<>();
        v.put("buyerName", order.buyerName() == null ? "" : order.buyerName());
        v.put("amount", order.amount() == null ? "" : order.amount().toDecimalString());
        v.put("currency", order.amount() == null ? "" : order.amount().currency());
        v.put("orderId", order.orderId());
        v.put("siteName", site.name());
        v.put("message", order.message() == null ? "" : order.message());
        return v;
    }
}
