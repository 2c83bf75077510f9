package dev.orderhub.mail;

/**
 * SES may or may not have accepted the e-mail: the request went out and no answer came (a
 * timeout, a connection lost mid-call) or SES answered with a 5xx. Sending it again at once could
 * send it twice; whether it went out shows in the configuration set's Send event ({@link MailTag}).
 */
public final class MailOutcomeUnknown extends RuntimeException {
    public MailOutcomeUnknown(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
