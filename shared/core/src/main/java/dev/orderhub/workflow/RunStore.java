package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workflow runs, one per run keyed by its idempotency key. The first delivery of a trigger creates
 * the run; a repeat finds it finished and stops, or finds it waiting for a retry and resumes it.
 * Each action's result is recorded under its index as soon as it is known, so a resumed run skips
 * the actions already settled ({@link BranchRun}). A runner owns a run for a lease; another
 * delivery may take it over once the lease has passed.
 */
public interface RunStore {
    /** Action status of a send whose outcome is unknown (next to "ok" and "failed"). */
    String UNKNOWN = "unknown";

    enum State { RUNNING, RETRY, SUCCEEDED, FAILED, SKIPPED }

    /**
     * A run as recorded: its branch and checks once evaluated, the result of each action by branch
     * index, and the sends SES reported with a Send event (send key → SES message id, {@link #recordSendEvent}).
     */
    record Run(String runId, State state, String branch, JsonNode checks, Map<String, JsonNode> results, int attempts,
            Map<String, String> sendEvents) {
        public boolean succeeded(int index) {
            JsonNode r = results.get(Integer.toString(index));
            return r != null && "ok".equals(r.path("status").asText());
        }

        /** The action's recorded result, or null. */
        public JsonNode result(int index) {
            return results.get(Integer.toString(index));
        }
    }

    /** What {@link #claim} found. */
    sealed interface Claim {
        record Fresh(Run run) implements Claim {}

        /**
         * @param abandoned the attempt before ended without recording its end (its lease ran out): it may have
         *     done more than its recorded results say, e.g. sent an e-mail whose result it never wrote
         */
        record Resumed(Run run, boolean abandoned) implements Claim {}

        /** Finished before (SUCCEEDED, FAILED or SKIPPED): nothing to do. */
        record Done(Run run) implements Claim {}

        /** Another runner holds it right now. */
        /** Another worker holds the run until {@code leaseUntil}. */
        record Busy(Instant leaseUntil) implements Claim {}
    }

    Claim claim(RunRequest r, Instant now);

    /**
     * @param knownBranch the branch when the workflow has no condition ("then"): recorded with the
     *     claim, so such a run needs no write of its own for the decision; null to decide later
     */
    Claim claim(RunRequest r, Instant now, String knownBranch);

    /** Records the branch taken and the checks behind it, unless an earlier attempt did (a retry keeps its branch). */
    Run decide(String clientId, Run run, String branch, List<ConditionEvaluator.Check> checks);

    void recordAction(String clientId, String runId, int index, Map<String, Object> result);

    /** Ends the run's attempt (see {@link #finishWith}). */
    void finish(RunRequest r, State state, String note, Instant now);

    /**
     * Ends the run's attempt (finished, or to be retried) and records its last action's result in
     * the same write (one write fewer per run than {@link #recordAction} and then {@link #finish}),
     * listing the run if it was not yet.
     */
    void finishWith(RunRequest r, int index, Map<String, Object> result, State state, String note, Instant now);

    /** As {@link #finish(RunRequest, State, String, Instant)} for a caller that has only the run id: reads the run first. */
    void finish(String clientId, String runId, State state, String note, Instant now);

    /** As {@link #finishWith(RunRequest, int, Map, State, String, Instant)} for a caller that has only the run id: reads the run first. */
    void finishWith(String clientId, String runId, int index, Map<String, Object> result, State state, String note,
            Instant now);

    /**
     * Records SES's Send event for one send of the run ({@code send:<send key>} = message id),
     * which a runner waiting on that send's unknown outcome reads when it resumes. Every e-mail a
     * run sends brings one, so the usual case costs a read only: a run that finished, or whose
     * action is recorded done, needs no record. The key is the site's own run partition, and a
     * run that does not exist there is not created.
     *
     * @return whether it was recorded
     */
    boolean recordSendEvent(String clientId, String runId, String sendKey, String messageId);

    Run find(String clientId, String runId);

    /**
     * The run of an order trigger, found by its key: the trigger fired with one of the order's
     * applied events (a few GetItems, only when someone looks at the order). Empty when none ran.
     */
    Optional<Run> findForOrder(String clientId, String workflowId, String trigger, String orderId,
            java.util.Collection<String> eventIds);

    /** A workflow's runs, newest first, as the admin API shows them. */
    List<Map<String, Object>> list(String clientId, String workflowId, int limit);
}
