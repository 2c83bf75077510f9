package dev.orderhub.workflow.action;

import java.util.Map;

/**
 * An e-mail action stopped at a send whose outcome is unknown ({@link dev.orderhub.mail.MailOutcomeUnknown}):
 * neither done nor failed. The runner records it as such and waits for SES's Send event for
 * {@code pending} before it sends anything again. When {@code pending} is among {@code sent}, SES
 * took it and only its record failed: nothing is waited for, the retry records it.
 *
 * @param pending the send key whose outcome is unknown
 * @param sent    the action's sends known to have gone out so far (send key → SES message id)
 */
public final class SendOutcomeUnknown extends RuntimeException {
    private final String pending;
    private final Map<String, String> sent;

    public SendOutcomeUnknown(String message, String pending, Map<String, String> sent) {
        super(message, null, false, false);
        this.pending = pending;
        this.sent = Map.copyOf(sent);
    }

    public String pending() {
        return pending;
    }

    public Map<String, String> sent() {
        return sent;
    }
}
