package dev.orderhub.mail;

import java.util.Locale;

/**
 * The deployment's SES identity (template parameter MailIdentity, environment MAIL_IDENTITY): a
 * verified domain or a verified address that every site sends through. Its {@link #address} is
 * the sender every site may use: the identity itself when it is an address, else
 * {@code no-reply@<domain>}.
 */
public record MailIdentity(String identity) {
    /** The template's default, for a process started without the variable. */
    static final String FALLBACK = "example.com";

    /** The identity the configuration names (MAIL_IDENTITY), or the template's default where it names none. */
    public static MailIdentity configured(String configured) {
        return new MailIdentity(configured == null || configured.isBlank() ? FALLBACK : configured.trim());
    }

    public String address() {
        return identity.contains("@") ? identity : "no-reply@" + identity.toLowerCase(Locale.ROOT);
    }
}
