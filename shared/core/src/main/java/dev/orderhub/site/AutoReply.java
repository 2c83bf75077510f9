package dev.orderhub.site;

/**
 * The e-mail a site sends a buyer when an order from this provider is paid. Subject and body are
 * plain text with {{buyerName}}, {{amount}}, {{currency}}, {{orderId}}, {{siteName}}, {{message}}
 * tags ({@code dev.orderhub.mail.AutoReplyTemplates} checks and renders them).
 */
public record AutoReply(boolean enabled, String from, String subject, String body) {
    public static final AutoReply OFF = new AutoReply(false, null, null, null);
}
