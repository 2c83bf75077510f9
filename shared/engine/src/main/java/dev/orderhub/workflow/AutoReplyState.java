package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.order.Order;
import dev.orderhub.workflow.action.AutoReplyMail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An order's auto-reply as the admin API shows it ({@code autoReply} of the order detail),
 * derived from the run of the default thank-you workflow ({@link ThankYouWorkflow}) for the
 * order's {@code order.paid}: {@code none} (no run: not paid, or the provider's auto-reply is off,
 * or the run sent nothing), {@code due} (queued or being retried; {@code lastError} says why),
 * {@code sent} (with {@code sentAt}) or {@code failed} (given up; {@code lastError}).
 */
public final class AutoReplyState {
    private final RunStore runs;

    public AutoReplyState(RunStore runs) {
        this.runs = runs;
    }

    public Map<String, Object> of(Order o) {
        Optional<RunStore.Run> run = o.status().isPaidOrLater()
                ? runs.findForOrder(o.clientId(), ThankYouWorkflow.ID, Trigger.ORDER_PAID.wire(), o.orderId(), o.appliedEvents())
                : Optional.empty();
        return view(run.orElse(null));
    }

    static Map<String, Object> view(RunStore.Run run) {
        Map<String, Object> out = new LinkedHashMap<>();
        String state = "none";
        String sentAt = null;
        String lastError = null;
        if (run != null) {
            JsonNode mail = run.results().values().stream()
                    .filter(r -> ActionType.AUTO_REPLY.wire().equals(r.path("type").asText())).findFirst().orElse(null);
            boolean ok = mail != null && "ok".equals(mail.path("status").asText());
            if (ok && mail.path("result").asText().startsWith(AutoReplyMail.SENT)) {
                state = "sent";
                sentAt = mail.path("at").asText(null);
            } else if (run.state() == RunStore.State.FAILED) {
                state = "failed";
            } else if (run.state() == RunStore.State.RUNNING || run.state() == RunStore.State.RETRY) {
                state = "due";
            }
            if (mail != null && !ok) {
                lastError = mail.path("error").asText(null);
            }
        }
        out.put("state", state);
        out.put("sentAt", sentAt);
        out.put("lastError", lastError);
        return out;
    }
}
