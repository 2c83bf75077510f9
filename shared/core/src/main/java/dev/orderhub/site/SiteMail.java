package dev.orderhub.site;

import dev.orderhub.mail.MailAddress;
import java.util.List;

/**
 * Who a site's e-mails are from and which staff they may go to.
 *
 * @param senderName      the display name of every e-mail the site sends, or null (the owner sets it)
 * @param staff           the addresses {@code email_staff} may send to (the owner sets them)
 * @param verifiedSenders addresses the deployment operator verified as this site's, which it may
 *                        send from besides the deployment's own address (only the operator sets them)
 */
public record SiteMail(String senderName, List<String> staff, List<String> verifiedSenders) {
    public static final SiteMail NONE = new SiteMail(null, List.of(), List.of());

    public SiteMail {
        staff = staff == null ? List.of() : List.copyOf(staff);
        verifiedSenders = verifiedSenders == null ? List.of() : List.copyOf(verifiedSenders);
    }

    /** Whether {@code address} is one of the site's staff addresses (compared without case). */
    public boolean isStaff(String address) {
        return contains(staff, address);
    }

    public boolean isVerifiedSender(String address) {
        return contains(verifiedSenders, address);
    }

    private static boolean contains(List<String> addresses, String address) {
        return address != null && addresses.stream().anyMatch(a -> MailAddress.key(a).equals(MailAddress.key(address)));
    }
}
