package dev.orderhub.workflow;

import dev.orderhub.db.Ids;

/**
 * One message on the workflow-runs queue: run this version of this workflow for this trigger.
 *
 * @param orderId the order, or null for a subscription trigger (then {@code subject} carries the data)
 * @param subject only for subscription triggers; order triggers read the order when the run starts
 */
public record RunRequest(
        String clientId,
        String workflowId,
        long version,
        String trigger,
        String triggerEventId,
        String orderId,
        Subject subject) {

    /**
     * The run's idempotency key: site, workflow, order (or subscription), trigger and the event
     * that fired it. The same trigger delivered twice is the same run, even when the workflow was
     * saved again in between (the run keeps the version it was first dispatched with): a trigger
     * noted on an order can be queued again later (see {@link WorkflowHooks}), and the buyer must
     * not get a second thank-you because the settings changed meanwhile.
     */
    public String runId() {
        return runId(clientId, workflowId, orderId != null ? orderId
                : "sub:" + (subject == null ? "" : subject.provider() + ":" + subject.orderRef()), trigger, triggerEventId);
    }

    static String runId(String clientId, String workflowId, String about, String trigger, String triggerEventId) {
        return "run_" + Ids.derived(clientId, workflowId, about, trigger, triggerEventId);
    }
}
