package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.batch.RetryLater;
import dev.orderhub.workflow.action.ActionFailed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performs the actions of a run's branch in order and records each one's result: {@code ok}
 * (done, with what it did), {@code failed} (with why, and whether for good), or {@code skipped}
 * (with the earlier action it depends on, see {@link ActionDependencies}). An action that failed
 * for good does not stop the run: the actions that do not depend on it still run, and the run ends
 * FAILED when any failed. A failure that may pass (timeout, 5xx, throttling) ends the attempt: the
 * run is retried, and the retry performs only the actions not settled yet (a result {@code ok},
 * {@code skipped}, or {@code failed} for good is kept).
 */
final class BranchRun {
    /** Performs action {@code index}; returns what it did, or throws (an {@link ActionFailed} says whether for good). */
    interface Performer {
        String perform(int index, Action action);
    }

    /** Where results go: one more result of a run still going, or the last with the run's end. */
    interface Sink {
        void recorded(int index, Map<String, Object> result);

        /** @param index -1 and result null when every action was settled before this attempt */
        void finished(int index, Map<String, Object> result, RunStore.State state, String note);
    }

    /** Thrown on a failure that may pass, after it was recorded and the run set to be retried. */
    static final class Retry extends RuntimeException {
        Retry(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final Clock clock;

    BranchRun(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param earlier results recorded by earlier attempts, by index
     * @return the run's end: SUCCEEDED, or FAILED when an action failed for good
     * @throws Retry when an action failed in a way that may pass (its cause is the failure)
     */
    RunStore.State run(List<Action> branch, Map<String, JsonNode> earlier, Performer performer, Sink sink) {
        List<String> status = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int lastPending = -1;
        int skipped = 0;
        for (int i = 0; i < branch.size(); i++) {
            JsonNode r = earlier.get(Integer.toString(i));
            String s = settled(r) ? r.path("status").asText() : null;
            status.add(s);
            if (s == null) {
                lastPending = i;
            } else if ("failed".equals(s)) {
                failures.add(branch.get(i).type().wire() + " failed");
            } else if ("skipped".equals(s)) {
                skipped++;
            }
        }
        for (int i = 0; i <= lastPending; i++) {
            if (status.get(i) != null) {
                continue; // settled by an earlier attempt
            }
            Action a = branch.get(i);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("index", i);
            record.put("type", a.type().wire());
            record.put("at", clock.instant().toString());
            Integer blocker = ActionDependencies.of(branch, i).stream()
                    .filter(d -> !"ok".equals(status.get(d))).findFirst().orElse(null);
            if (blocker != null) {
                record.put("status", "skipped");
                record.put("dependsOn", blocker);
                record.put("reason", "depends on actions[" + blocker + "] (" + branch.get(blocker).type().wire() + "), which "
                        + ("failed".equals(status.get(blocker)) ? "failed" : "was skipped"));
                skipped++;
            } else {
                try {
                    String result = performer.perform(i, a);
                    record.put("status", "ok");
                    record.put("result", result);
                } catch (RetryLater later) {
                    throw later; // the performer recorded the run's state itself (an e-mail whose outcome is unknown)
                } catch (RuntimeException e) {
                    boolean permanent = e instanceof ActionFailed f && f.permanent();
                    record.put("status", "failed");
                    record.put("error", e instanceof ActionFailed ? e.getMessage() : e.getClass().getSimpleName());
                    record.put("permanent", permanent);
                    if (!permanent) {
                        sink.finished(i, record, RunStore.State.RETRY, a.type().wire() + " will be retried");
                        throw new Retry(e);
                    }
                    failures.add(a.type().wire() + " failed");
                }
            }
            status.set(i, (String) record.get("status"));
            if (i < lastPending) {
                sink.recorded(i, record);
            } else {
                RunStore.State end = end(failures);
                sink.finished(i, record, end, note(failures, skipped));
                return end;
            }
        }
        RunStore.State end = end(failures);
        sink.finished(-1, null, end, note(failures, skipped));
        return end;
    }

    /** A result no later attempt changes: done, skipped, or failed for good. */
    private static boolean settled(JsonNode r) {
        if (r == null) {
            return false;
        }
        String s = r.path("status").asText();
        return "ok".equals(s) || "skipped".equals(s) || ("failed".equals(s) && r.path("permanent").asBoolean());
    }

    private static RunStore.State end(List<String> failures) {
        return failures.isEmpty() ? RunStore.State.SUCCEEDED : RunStore.State.FAILED;
    }

    private static String note(List<String> failures, int skipped) {
        if (failures.isEmpty()) {
            return null;
        }
        return String.join("; ", failures) + (skipped > 0 ? "; " + skipped + " skipped (depend on it)" : "");
    }
}
