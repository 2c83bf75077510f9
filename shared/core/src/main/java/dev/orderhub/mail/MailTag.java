package dev.orderhub.mail;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which send of which workflow run an e-mail is, carried as SES message tags so that the
 * configuration set's Send event for it can be recorded against that run, whether or not the
 * hub ever got SES's answer. SES copies a message's tags into every event it publishes about it
 * ({@code mail.tags}, each value as a one-element list).
 *
 * <p>The values are the hub's own (never a site's text): the site, the run id (derived from the
 * site and the trigger, so a run id names a run of one site only) and the send within the run
 * ({@code <branch>-<action index>-<recipient index>}). They are checked against those shapes on
 * the way back, and all are within SES's tag alphabet (letters, digits, {@code _} and {@code -}).
 *
 * @param sendKey the send within the run: {@code <branch>-<action index>-<recipient index>}
 */
public record MailTag(String clientId, String runId, String sendKey) {
    public static final String SITE = "orderhub-site";
    public static final String RUN = "orderhub-run";
    public static final String SEND = "orderhub-send";
    private static final Pattern CLIENT_ID = Pattern.compile("site_[a-z0-9]{1,60}");
    private static final Pattern RUN_ID = Pattern.compile("run_[a-z0-9]{20}");
    private static final Pattern SEND_KEY = Pattern.compile("(then|otherwise)-[0-9]{1,3}-[0-9]{1,3}");

    public MailTag {
        if (!valid(clientId, runId, sendKey)) {
            throw new IllegalArgumentException("not a mail tag: " + clientId + " " + runId + " " + sendKey);
        }
    }

    /** The send key of recipient {@code recipient} of the action whose key is {@code <runId>-<branch>-<index>}. */
    public static String sendKey(String runId, String actionKey, int recipient) {
        return actionKey.substring(runId.length() + 1) + "-" + recipient;
    }

    /** The tag read back from an event's values, or empty when any is missing or not of its shape. */
    public static Optional<MailTag> read(String clientId, String runId, String sendKey) {
        return valid(clientId, runId, sendKey) ? Optional.of(new MailTag(clientId, runId, sendKey)) : Optional.empty();
    }

    private static boolean valid(String clientId, String runId, String sendKey) {
        return clientId != null && runId != null && sendKey != null && CLIENT_ID.matcher(clientId).matches()
                && RUN_ID.matcher(runId).matches() && SEND_KEY.matcher(sendKey).matches();
    }
}
