package dev.orderhub.mail;

/**
 * One e-mail to one recipient: plain text, optionally with an HTML alternative.
 *
 * @param from     the sender's address
 * @param fromName the sender's display name, or null
 */
public record Email(String from, String fromName, String to, String subject, String text, String html) {
    /** An e-mail from a bare address, without a display name. */
    public Email(String from, String to, String subject, String text, String html) {
        this(from, null, to, subject, text, html);
    }

    /** The same e-mail from another sender. */
    public Email withSender(String address, String name) {
        return new Email(address, name, to, subject, text, html);
    }

    /** The same e-mail to another recipient. */
    public Email withRecipient(String recipient) {
        return new Email(from, fromName, recipient, subject, text, html);
    }
}
