package dev.orderhub.mail;

import dev.orderhub.log.JsonLog;
import dev.orderhub.site.SiteMail;
import dev.orderhub.site.SiteMailStore;
import java.util.List;

/**
 * Which address a site may send from. Every site sends through the deployment's one SES identity,
 * so any address under it would be accepted by SES; the hub allows a site only the deployment's
 * own address ({@link MailIdentity#address}) and the addresses the deployment operator verified
 * for that site ({@link SiteMail#verifiedSenders}). Anything else is refused when it is saved
 * ({@link #refusal}); a sender saved before this rule, or whose verification was withdrawn, is
 * replaced by the deployment's address when the e-mail is sent ({@link #sign}), so the site's
 * e-mail still goes out, and never as another site.
 */
public final class SiteSenders {
    private static final JsonLog LOG = JsonLog.get(SiteSenders.class);
    private final SiteMailStore store;
    private final MailIdentity identity;

    public SiteSenders(SiteMailStore store, MailIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    public SiteMail mail(String clientId) {
        return store.find(clientId);
    }

    public MailIdentity identity() {
        return identity;
    }

    public boolean allows(SiteMail mail, String address) {
        return address != null && (MailAddress.key(address).equals(MailAddress.key(identity.address())) || mail.isVerifiedSender(address));
    }

    /** Why the site may not send from {@code address}, or null when it may. */
    public String refusal(SiteMail mail, String address) {
        if (address == null || allows(mail, address)) {
            return null;
        }
        return address + " is not a sender this site may use: send from " + identity.address()
                + " (the deployment's address) or from an address the deployment operator verified for this site"
                + " (verifiedSenders, PUT /admin/sites/{clientId}/mail); the site's display name is senderName";
    }

    /** The e-mail from the sender the site asked for if it may use it, else from the deployment's address; with the site's display name. */
    public Email sign(String clientId, SiteMail mail, Email email) {
        String from = email.from();
        if (!allows(mail, from)) {
            LOG.warn("sender not allowed for the site: sending from the deployment's address", "clientId", clientId,
                    "requested", JsonLog.maskEmail(from), "from", identity.address());
            from = identity.address();
        }
        return email.withSender(from, mail.senderName());
    }

    public Email sign(String clientId, Email email) {
        return sign(clientId, mailFor(clientId, email.from(), List.of()), email);
    }

    /**
     * The site's mail for an e-mail from {@code from} to {@code staff}: read again (unless read
     * within the second) when the remembered one would replace the sender or refuse a staff
     * recipient, so that a sender just verified or a staff address just added is used at once.
     */
    public SiteMail mailFor(String clientId, String from, List<String> staff) {
        SiteMail mail = mail(clientId);
        boolean refuses = !allows(mail, from) || staff.stream().anyMatch(to -> !mail.isStaff(to));
        return refuses && store.readAgainBeforeRefusing(clientId) ? mail(clientId) : mail;
    }
}
