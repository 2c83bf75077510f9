package dev.orderhub.deadletter;

import java.util.Locale;

/**
 * Why a dead letter is one, in a seller's words: what was set aside, after how many tries, and
 * what the recorded error most likely means for what to do (re-drive, or discard). The recorded
 * error itself stays beside it, as it was, for whoever fixes the cause.
 */
public final class DeadLetterReason {
    private DeadLetterReason() {}

    public static String of(DeadLetters.DeadLetter d) {
        String what = DeadLetters.WORKFLOW_RUNS.equals(d.queue())
                ? "The workflow run " + orElse(d.workflowId(), "(unknown workflow)")
                        + (d.orderId() == null ? "" : " for order " + d.orderId())
                : "The " + orElse(d.provider(), "payment") + " event " + orElse(d.eventId(), "(no event id)")
                        + (d.kind() == null ? "" : " (" + d.kind() + ")");
        return what + " failed " + d.attempts() + (d.attempts() == 1 ? " time" : " times") + " and was set aside: " + cause(d.error());
    }

    private static String cause(String error) {
        String e = error == null ? "" : error;
        String lower = e.toLowerCase(Locale.ROOT);
        if (e.isEmpty() || lower.startsWith("unknown (no failure recorded)")) {
            return "no error was recorded, so the function most likely timed out or stopped. Re-drive it.";
        }
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("unavailable") || lower.contains("throttl")
                || lower.contains("sdkclientexception") || lower.contains("connect") || lower.contains("ioexception")) {
            return "a service the hub depends on did not answer in time. Re-drive it once that service is back.";
        }
        if (lower.contains("json") || lower.contains("deserializ") || lower.contains("cannot construct")
                || lower.contains("mismatchedinput") || lower.contains("unrecognized") || lower.contains("no enum constant")) {
            return "the message could not be read, so a re-drive fails the same way until the hub can read it."
                    + " Keep what you need from the payload, then discard it with a reason.";
        }
        return "the hub could not process it. Re-drive it once the cause in the error below is fixed, or discard it with a reason.";
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
