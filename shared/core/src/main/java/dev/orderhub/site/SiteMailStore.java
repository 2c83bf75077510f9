package dev.orderhub.site;

import java.util.List;

/**
 * Where a site's {@link SiteMail} is kept: the owner's part (display name, staff) and the
 * operator's part (verified senders), written separately so neither overwrites the other. A
 * verified sender belongs to one site at a time.
 */
public interface SiteMailStore {

    /** The address is already another site's verified sender. */
    final class SenderTaken extends RuntimeException {
        private final String address;

        SenderTaken(String address) {
            super(address + " is already a verified sender of another site", null, false, false);
            this.address = address;
        }

        public String address() {
            return address;
        }
    }

    /** The site's mail settings, {@link SiteMail#NONE} when it has none; may come from this container's memory. */
    SiteMail find(String clientId);

    /**
     * Before acting on a remembered answer that refuses something: forgets it unless it was read
     * less than a second ago. Whether {@link #find} would now read the table.
     */
    boolean readAgainBeforeRefusing(String clientId);

    /** Sets the owner's part: the display name (null removes it) and the staff addresses. */
    void putOwnerPart(String clientId, String senderName, List<String> staff);

    /**
     * Replaces the site's verified senders. Throws {@link SenderTaken} (and changes nothing the
     * site had) when one of them is another site's.
     */
    void putVerifiedSenders(String clientId, List<String> addresses);
}
