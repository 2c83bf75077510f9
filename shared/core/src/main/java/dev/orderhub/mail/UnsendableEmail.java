package dev.orderhub.mail;

/**
 * An e-mail the mailer will not send as it is (its recipient or sender is not one address).
 * Sending it again cannot succeed: callers skip it and record why, they do not retry it.
 */
public final class UnsendableEmail extends RuntimeException {
    public UnsendableEmail(String reason) {
        super(reason, null, false, false);
    }
}
