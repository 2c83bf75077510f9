package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.workflow.action.AutoReplyMail;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order detail's autoReply, read from the thank-you workflow's run as RunStore keeps it. */
class AutoReplyStateTest {
    private static JsonNode result(String status, String result, String error) {
        return Json.parse(Json.write(new java.util.HashMap<>(Map.of("index", 0, "type", "auto_reply",
                "at", "2026-03-01T10:00:00Z", "status", status, "result", result == null ? "" : result,
                "error", error == null ? "" : error))));
    }

    private static RunStore.Run run(RunStore.State state, JsonNode action) {
        return new RunStore.Run("run_1", state, "then", null, action == null ? Map.of() : Map.of("0", action), 1, Map.of());
    }

    @Test
    void noRunIsNone() {
        assertThat(AutoReplyState.view(null)).containsEntry("state", "none").containsEntry("sentAt", null);
    }

    @Test
    void aSentEmailIsSentWithItsTime() {
        assertThat(AutoReplyState.view(run(RunStore.State.SUCCEEDED, result("ok", AutoReplyMail.SENT, null))))
                .containsEntry("state", "sent").containsEntry("sentAt", "2026-03-01T10:00:00Z").containsEntry("lastError", null);
    }

    @Test
    void nothingToSendIsNone() {
        assertThat(AutoReplyState.view(run(RunStore.State.SUCCEEDED,
                result("ok", AutoReplyMail.NOT_SENT + "the kofi auto-reply is off", null)))).containsEntry("state", "none");
    }

    @Test
    void aQueuedOrRetriedRunIsDueWithTheLastError() {
        assertThat(AutoReplyState.view(run(RunStore.State.RUNNING, null))).containsEntry("state", "due");
        assertThat(AutoReplyState.view(run(RunStore.State.RETRY, result("failed", null, "SES refused the e-mail: SesException"))))
                .containsEntry("state", "due").containsEntry("lastError", "SES refused the e-mail: SesException");
    }

    @Test
    void aRunGivenUpIsFailed() {
        assertThat(AutoReplyState.view(run(RunStore.State.FAILED, result("failed", null, "the order no longer exists"))))
                .containsEntry("state", "failed").containsEntry("lastError", "the order no longer exists");
    }
}
