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
     * The run's idempotency key: site, workflow and version, order (or subscription), trigger and
     * the event that fired it. The same trigger delivered twice is the same run.
     */
    public String runId() {
        String about = orderId != null ? orderId : "sub:" + (subject == null ? "" : subject.provider() + ":" + subject.orderRef());
        return "run_" + Ids.derived(clientId, workflowId, Long.toString(version), about, trigger, triggerEventId);
    }
}
