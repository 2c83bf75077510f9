package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.workflow.action.ActionFailed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The runner's branch: a failed action does not silently skip the independent ones after it. */
class BranchRunTest {
    private final BranchRun branchRun = new BranchRun(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final Map<Integer, Map<String, Object>> results = new TreeMap<>();
    private final List<String> performed = new ArrayList<>();
    private RunStore.State finishedAs;
    private String note;

    private final BranchRun.Sink sink = new BranchRun.Sink() {
        @Override
        public void recorded(int index, Map<String, Object> result) {
            assertThat(finishedAs).as("nothing recorded after the end").isNull();
            results.put(index, result);
        }

        @Override
        public void finished(int index, Map<String, Object> result, RunStore.State state, String n) {
            if (result != null) {
                results.put(index, result);
            }
            finishedAs = state;
            note = n;
        }
    };

    private static List<Action> branch(ActionType... types) {
        return Arrays.stream(types).map(t -> new Action(t, Json.object())).toList();
    }

    /** cancel-high-risk's actions, and a status change that only makes sense after the cancel. */
    private static final List<Action> CANCEL_HIGH_RISK = branch(ActionType.CANCEL_PAYMENT, ActionType.ADD_ORDER_TAG,
            ActionType.ADD_CUSTOMER_TAG, ActionType.EMAIL_STAFF, ActionType.SET_STATUS);

    private BranchRun.Performer failing(ActionType type, ActionFailed failure) {
        return (i, a) -> {
            performed.add(a.type().wire());
            if (a.type() == type) {
                throw failure;
            }
            return a.type().wire() + " done";
        };
    }

    @Test
    void aCancelRefusedForGoodStillTagsAndMailsAndSkipsOnlyWhatNeedsIt() {
        RunStore.State end = branchRun.run(CANCEL_HIGH_RISK, Map.of(),
                failing(ActionType.CANCEL_PAYMENT, ActionFailed.permanent("Stripe cancel failed: HTTP 400")), sink);

        assertThat(end).isEqualTo(RunStore.State.FAILED);
        assertThat(finishedAs).isEqualTo(RunStore.State.FAILED);
        assertThat(performed).containsExactly("cancel_payment", "add_order_tag", "add_customer_tag", "email_staff");
        assertThat(results).hasSize(5);
        assertThat(results.get(0)).containsEntry("status", "failed").containsEntry("error", "Stripe cancel failed: HTTP 400")
                .containsEntry("permanent", true);
        for (int i = 1; i <= 3; i++) {
            assertThat(results.get(i)).containsEntry("status", "ok");
        }
        assertThat(results.get(4)).containsEntry("status", "skipped").containsEntry("dependsOn", 0)
                .containsEntry("reason", "depends on actions[0] (cancel_payment), which failed");
        assertThat(note).isEqualTo("cancel_payment failed; 1 skipped (depend on it)");
    }

    @Test
    void everyActionDoneEndsSucceeded() {
        assertThat(branchRun.run(CANCEL_HIGH_RISK, Map.of(), failing(null, null), sink)).isEqualTo(RunStore.State.SUCCEEDED);
        assertThat(results.values()).hasSize(5).allSatisfy(r -> assertThat(r).containsEntry("status", "ok"));
        assertThat(note).isNull();
    }

    @Test
    void aFailureThatMayPassIsRetriedAndTheRetryPerformsOnlyWhatIsNotSettled() {
        assertThatThrownBy(() -> branchRun.run(CANCEL_HIGH_RISK, Map.of(),
                failing(ActionType.EMAIL_STAFF, ActionFailed.transientFailure("SES refused the e-mail")), sink))
                .isInstanceOf(BranchRun.Retry.class).hasCauseInstanceOf(ActionFailed.class);
        assertThat(finishedAs).isEqualTo(RunStore.State.RETRY);
        assertThat(results.get(3)).containsEntry("status", "failed").containsEntry("permanent", false);

        Map<String, JsonNode> stored = new HashMap<>();
        results.forEach((i, r) -> stored.put(Integer.toString(i), Json.parse(Json.write(r))));
        performed.clear();
        results.clear();
        finishedAs = null;
        assertThat(branchRun.run(CANCEL_HIGH_RISK, stored, failing(null, null), sink)).isEqualTo(RunStore.State.SUCCEEDED);
        assertThat(performed).containsExactly("email_staff", "set_status");
    }

    @Test
    void aRetryKeepsAnEarlierFailureForGoodAndItsSkips() {
        Map<String, JsonNode> stored = new HashMap<>();
        stored.put("0", Json.parse("{\"status\":\"failed\",\"permanent\":true,\"error\":\"refused\"}"));
        stored.put("1", Json.parse("{\"status\":\"ok\"}"));
        stored.put("2", Json.parse("{\"status\":\"failed\",\"permanent\":false,\"error\":\"timeout\"}"));

        RunStore.State end = branchRun.run(CANCEL_HIGH_RISK, stored, failing(null, null), sink);

        assertThat(performed).as("the cancel is not tried again").containsExactly("add_customer_tag", "email_staff");
        assertThat(results.get(4)).containsEntry("status", "skipped");
        assertThat(end).isEqualTo(RunStore.State.FAILED);
    }
}
