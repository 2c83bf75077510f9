package dev.orderhub.mail;

import java.util.Optional;

/**
 * The e-mails the hub sent about orders, by SES message id (the hub's table:
 * {@code DynamoMailMessages}), so that a bounce or complaint SES reports later finds the order it
 * was about. Recording the same message id again keeps its first send time.
 */
public interface MailMessages {
    /** Kinds of e-mail, as stored and shown. */
    String AUTO_REPLY = "auto-reply";
    String MANUAL_REPLY = "manual-reply";
    String WORKFLOW_BUYER = "workflow-buyer";
    String WORKFLOW_STAFF = "workflow-staff";

    /** What an e-mail was about; kind: one of the kinds above. */
    record Sent(String clientId, String orderId, String kind) {}

    /**
     * What the order detail shows of an e-mail besides its kind.
     *
     * @param template the template's name, or null (a manual reply has none)
     * @param locale   the locale it was rendered in, or null when it has only one
     * @param to       the recipient; only its masked form is stored
     * @param runId    the workflow run that sent it, or null
     */
    record Details(String template, String locale, String to, String runId) {}

    /** Records an e-mail just sent about an order. */
    void record(String messageId, Sent sent, Details details);

    /**
     * Records a bounce or complaint on the order's entry for the e-mail and says which order the
     * e-mail was about (empty: not one the hub recorded). Repeating it writes the same value again.
     */
    Optional<Sent> recordDelivery(MailEvent e);
}
