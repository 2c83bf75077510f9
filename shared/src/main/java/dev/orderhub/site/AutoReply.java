package dev.orderhub.site;

/**
 * The e-mail a site sends a buyer when an order from this provider is paid. Templates use
 * {{buyerName}}, {{amount}}, {{currency}}, {{orderId}}, {{siteName}}, {{message}}.
 */
public record AutoReply(boolean enabled, String from, String subject, String body) {
    public static final AutoReply OFF = new AutoReply(false, null, null, null);
}
