package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.workflow.action.SendOutcomeUnknown;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * E-mail sends whose outcome is unknown: the runner sent, SES's answer never came (or was a
 * 5xx), and SES may have taken the e-mail. Such an action is recorded with status
 * {@value RunStore#UNKNOWN}, the time, the send in doubt ({@code pending}) and the sends it saw
 * accepted before ({@code sent}). The run is resumed when SES's Send event for the pending send
 * is recorded ({@link RunStore#recordSendEvent}), or, at the latest, after the wait
 * ({@link WorkflowConfig#sendEventWait}, default 300 s): then the e-mail is sent
 * again only if no Send event came. SES publishes Send events within seconds of accepting a
 * message, so a wait of minutes leaves a duplicate only where SES's event is later than that.
 */
final class UnknownSends {
    private UnknownSends() {}

    /** A run that must wait longer before it may send again. */
    record Wait(Duration remaining, String note) {}

    /** Action {@code index}'s sends known to have gone out: SES's Send events and those an unknown attempt saw accepted. */
    static Map<String, String> sentBefore(RunStore.Run run, int index) {
        Map<String, String> out = new HashMap<>();
        JsonNode previous = run.result(index);
        if (previous != null && RunStore.UNKNOWN.equals(previous.path("status").asText())) {
            previous.path("sent").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        String prefix = run.branch() + "-" + index + "-";
        run.sendEvents().forEach((key, messageId) -> {
            if (key.startsWith(prefix)) {
                out.put(key, messageId);
            }
        });
        return out;
    }

    /** Non-null when action {@code index}'s last outcome is unknown, no Send event came for it, and the wait is not over. */
    static Wait waitFor(RunStore.Run run, int index, Map<String, String> sentBefore, Instant now, Duration wait) {
        JsonNode previous = run.result(index);
        if (previous == null || !RunStore.UNKNOWN.equals(previous.path("status").asText())
                || sentBefore.containsKey(previous.path("pending").asText())) {
            return null;
        }
        Instant until = Instant.parse(previous.path("at").asText()).plus(wait);
        return now.isBefore(until)
                ? new Wait(Duration.between(now, until), "e-mail outcome unknown: waiting for SES's Send event until " + until)
                : null;
    }

    /** The action's record for an unknown outcome at {@code now}. */
    static Map<String, Object> record(Map<String, Object> record, SendOutcomeUnknown unknown, Instant now) {
        record.put("at", now.toString());
        record.put("status", RunStore.UNKNOWN);
        record.remove("result");
        record.put("error", unknown.getMessage());
        record.put("pending", unknown.pending());
        record.put("sent", unknown.sent());
        return record;
    }
}
