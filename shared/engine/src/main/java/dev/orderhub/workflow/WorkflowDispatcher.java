package dev.orderhub.workflow;

import dev.orderhub.site.ProviderConfigs;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands fired triggers to the workflow runner: one message per (switched-on workflow, trigger) on
 * the workflow-runs queue ({@link RunQueue}). The payment-events function never runs an action itself, so a slow provider API or
 * SES cannot hold up an order update. Sending the same trigger again is harmless: the runner
 * keys each run (see {@link RunRequest#runId()}) and runs it once.
 */
public final class WorkflowDispatcher {
    private final SiteWorkflows workflows;
    private final ProviderConfigs configs;
    private final RunQueue queue;

    public WorkflowDispatcher(SiteWorkflows workflows, ProviderConfigs configs, RunQueue queue) {
        this.workflows = workflows;
        this.configs = configs;
        this.queue = queue;
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
            all = ThankYouWorkflow.withStored(workflows, clientId, all);
        }
        List<RunRequest> runs = new ArrayList<>();
        for (Triggers.Fired f : fired) {
            for (Workflow w : all) {
                if (w.enabled() && w.trigger() == f.trigger() && ThankYouWorkflow.wanted(configs, w, clientId, provider)) {
                    runs.add(new RunRequest(clientId, w.id(), w.version(), f.trigger().wire(), f.eventId(), orderId,
                            f.trigger().hasOrder() ? null : subject));
                }
            }
        }
        return runs;
    }

    /** Queues the runs; throws if any was refused (the caller's message is then retried). */
    public void send(List<RunRequest> runs) {
        queue.send(runs);
    }
}
