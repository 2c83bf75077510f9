package dev.orderhub.order;

import dev.orderhub.intent.IntentRepository;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.Triggers;
import dev.orderhub.workflow.WorkflowDispatcher;
import java.util.List;

/**
 * The commit's effects in the deployed hub: workflow runs on the runs queue
 * ({@link WorkflowDispatcher}), live status on the status-changes queue ({@link StatusChanges}),
 * intent claims in the table ({@link IntentRepository#release}).
 */
public final class OrderEffects implements OrderCommit.Effects {
    private final WorkflowDispatcher dispatcher;
    private final StatusChanges statusChanges;
    private final IntentRepository intents;

    public OrderEffects(WorkflowDispatcher dispatcher, StatusChanges statusChanges, IntentRepository intents) {
        this.dispatcher = dispatcher;
        this.statusChanges = statusChanges;
        this.intents = intents;
    }

    @Override
    public List<RunRequest> runsFor(Order order, List<Triggers.Fired> fired) {
        return dispatcher.runsFor(order.clientId(), order.orderId(), order.provider(), fired, null);
    }

    @Override
    public void send(List<RunRequest> runs) {
        if (!runs.isEmpty()) {
            dispatcher.send(runs);
        }
    }

    @Override
    public void announce(Order order) {
        statusChanges.announce(order);
    }

    @Override
    public void releaseClaim(String clientId, String intentId, String orderId, long readVersion) {
        intents.release(clientId, intentId, orderId, readVersion);
    }
}
