package dev.orderhub.order;

import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import dev.orderhub.mail.Email;
import dev.orderhub.mail.MailMessages;
import dev.orderhub.mail.Mailer;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.mail.UnsendableEmail;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.site.SiteSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An e-mail an admin writes to an order's buyer, sent through the same {@link Mailer} as the
 * automatic replies and recorded on the order's audit trail. The sender is the site setting
 * {@code replyFrom}, else the sender of the provider's auto-reply, if the site may send from it
 * ({@link SiteSenders}; else the deployment's address), with the site's display name.
 */
public final class ManualReply {
    private static final JsonLog LOG = JsonLog.get(ManualReply.class);
    private final SiteRepository sites;
    private final Mailer mailer;
    private final SiteSenders senders;
    private final MailMessages sentMail;
    private final AuditTrail audit;
    private final Clock clock;

    public ManualReply(SiteRepository sites, Mailer mailer, SiteSenders senders, MailMessages sentMail, AuditTrail audit, Clock clock) {
        this.sites = sites;
        this.mailer = mailer;
        this.senders = senders;
        this.sentMail = sentMail;
        this.audit = audit;
        this.clock = clock;
    }

    /** The reply cannot be sent as things stand (no recipient or no sender address). */
    public static final class NotSendable extends RuntimeException {
        NotSendable(String message) {
            super(message, null, false, false);
        }
    }

    /** Sends and records; returns the mail provider's message id. */
    public String send(Order order, String subject, String body, String by) {
        if (order.buyerEmail() == null || order.buyerEmail().isBlank()) {
            throw new NotSendable("the order has no buyer e-mail address");
        }
        String from = sites.findSettings(order.clientId()).map(SiteSettings::replyFrom).orElse(null);
        if (from == null) {
            from = sites.findConfig(order.clientId(), order.provider()).map(ProviderConfig::autoReply)
                    .map(AutoReply::from).orElse(null);
        }
        if (from == null) {
            throw new NotSendable("no sender address: set the site setting replyFrom (or the provider's auto-reply sender)");
        }
        Email email = senders.sign(order.clientId(), new Email(from, order.buyerEmail(), subject, body, null));
        from = email.from();
        String messageId;
        try {
            messageId = mailer.send(email);
        } catch (UnsendableEmail e) {
            throw new NotSendable(e.getMessage());
        }
        sentMail.record(messageId, new MailMessages.Sent(order.clientId(), order.orderId(), MailMessages.MANUAL_REPLY),
                new MailMessages.Details(null, null, order.buyerEmail(), null));
        Instant now = clock.instant();
        audit.add(order.clientId(), order.orderId(), new AuditTrail.Entry(Timestamps.fixed(now), "reply", by,
                Map.of("subject", subject, "body", body, "from", from, "messageId", messageId)));
        LOG.info("manual reply sent", "clientId", order.clientId(), "orderId", order.orderId(), "keyId", by,
                "to", JsonLog.maskEmail(order.buyerEmail()), "messageId", messageId);
        return messageId;
    }
}
