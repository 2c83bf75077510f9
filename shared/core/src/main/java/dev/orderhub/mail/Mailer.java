package dev.orderhub.mail;

/** Sends e-mail; returns the provider's message id. Throws when the message was not accepted. */
public interface Mailer {
    String send(Email email);

    /**
     * Sends the e-mail of one workflow send, tagged so that its Send event finds the run. Throws
     * {@link MailOutcomeUnknown} when it may have been accepted without the answer reaching us.
     */
    default String send(Email email, MailTag tag) {
        return send(email);
    }
}
