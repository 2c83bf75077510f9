package dev.orderhub.workflow;

import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.queue.SqsSender;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands fired triggers to the workflow runner: one message per (switched-on workflow, trigger) on
 * the workflow-runs queue. The matcher never runs an action itself, so a slow provider API or
 * SES cannot hold up an order update. Sending the same trigger again is harmless: the runner
 * keys each run (see {@link RunRequest#runId()}) and runs it once.
 */
public final class WorkflowDispatcher {
    private static final JsonLog LOG = JsonLog.get(WorkflowDispatcher.class);
    private final WorkflowRepository workflows;
    private final ThankYouWorkflow thankYou;
    private final SqsSender sqs;
    private final String queueUrl;

    public WorkflowDispatcher(WorkflowRepository workflows, ThankYouWorkflow thankYou, SqsClient sqs, String queueUrl) {
        this.workflows = workflows;
        this.thankYou = thankYou;
        this.sqs = new SqsSender(sqs);
        this.queueUrl = queueUrl;
    }

    /**
     * The runs these triggers start: one per switched-on workflow of the site with that trigger,
     * but none that could do nothing for an order of this provider (see {@link ThankYouWorkflow}).
     * Only reads: the default thank-you workflow is installed with the site, or by the operator's
     * one-off migration ({@link DefaultWorkflowMigration}), never while an order is being written.
     *
     * @param provider the order's provider, or the subscription event's
     */
    public List<RunRequest> runsFor(String clientId, String orderId, String provider, List<Triggers.Fired> fired,
            Subject subject) {
        if (fired.isEmpty()) {
            return List.of();
        }
        List<Workflow> all = workflows.list(clientId);
        if (orderId != null && fired.stream().anyMatch(f -> f.trigger() == Trigger.ORDER_PAID)) {
            all = thankYou.withStored(clientId, all);
        }
        List<RunRequest> runs = new ArrayList<>();
        for (Triggers.Fired f : fired) {
            for (Workflow w : all) {
                if (w.enabled() && w.trigger() == f.trigger() && thankYou.wanted(w, clientId, provider)) {
                    runs.add(new RunRequest(clientId, w.id(), w.version(), f.trigger().wire(), f.eventId(), orderId,
                            f.trigger().hasOrder() ? null : subject));
                }
            }
        }
        return runs;
    }

    /** Queues the runs; throws if SQS refused any (the caller's message is then retried). */
    public void send(List<RunRequest> runs) {
        if (runs.isEmpty()) {
            return;
        }
        sqs.sendAll(queueUrl, runs.stream().map(run -> SqsSender.Message.of(Json.write(run))).toList());
        runs.forEach(run -> LOG.info("workflow run queued", "clientId", run.clientId(), "workflowId", run.workflowId(),
                "version", run.version(), "trigger", run.trigger(), "orderId", run.orderId()));
    }
}
