package dev.orderhub.deadletter;

import dev.orderhub.provider.BodySecrets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dead letter's body as an admin reads it: the queued message as text, with the provider
 * secrets a callback body can carry removed (the {@code bodySecretFields} of the providers, given),
 * and bounded. Ko-fi's verification token is the one such secret today (the other platforms sign in
 * headers, which a queued event does not keep); the callback strips it before queueing, but a
 * message queued by an older version, or a raw body kept inside the event, may still hold it. It
 * is removed wherever it appears: as a field of the message or of any object inside it, and
 * inside the event's raw body, whether that is JSON or a form (Ko-fi posts {@code data=<json>}). Whatever the structure, a last pass masks any remaining
 * {@code verification_token} value in the text, so an unreadable message cannot carry one out.
 */
public final class DeadLetterPayload {
    /** What the admin API shows of a body at most: SQS allows 256 KiB, a page needs far less to see what failed. */
    public static final int MAX_CHARS = 64 * 1024;
    static final String REMOVED = "(removed)";
    private final BodySecrets secrets;
    private final Pattern leftInText;

    /** The text shown, and whether it was cut at {@link #MAX_CHARS}. */
    public record Shown(String text, boolean truncated) {}

    /** @param secretFields the callback-body fields that hold a secret ({@code ProviderCatalog#bodySecretFields}) */
    public DeadLetterPayload(Set<String> secretFields) {
        this.secrets = new BodySecrets(secretFields);
        // No fields, nothing to mask: an empty alternation would match every quoted value.
        this.leftInText = secretFields.isEmpty() ? null : Pattern.compile(
                "((?:" + secrets.fields().stream().map(Pattern::quote).collect(Collectors.joining("|"))
                        + ")(?:\\\\?\"\\s*:\\s*\\\\?\"|%22%3A%22|\"?\\s*[=:]\\s*\"?))[^\"&\\\\,}\\s]*");
    }

    public Shown of(String body) {
        if (body == null) {
            return new Shown("", false);
        }
        String text = secrets.removedFrom(body, true);
        text = leftInText == null ? text : leftInText.matcher(text).replaceAll("$1" + REMOVED);
        return text.length() > MAX_CHARS ? new Shown(text.substring(0, MAX_CHARS), true) : new Shown(text, false);
    }
}
