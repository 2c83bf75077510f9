package dev.orderhub.workflow;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.Order;
import dev.orderhub.risk.RiskAnalysis;
import dev.orderhub.risk.RiskAssessment;
import java.time.Clock;
import java.util.List;

/**
 * Where the payment-events function meets risk analysis and workflows: the risk analysis a payment event's change
 * makes when due, and the triggers of subscription events (which make no order). The triggers of
 * order changes, whoever makes them, are fired by {@link dev.orderhub.order.OrderCommit}.
 */
public final class WorkflowHooks {
    private static final JsonLog LOG = JsonLog.get(WorkflowHooks.class);

    private final RiskAnalysis risk;
    private final WorkflowDispatcher dispatcher;
    private final Clock clock;

    public WorkflowHooks(RiskAnalysis risk, WorkflowDispatcher dispatcher, Clock clock) {
        this.risk = risk;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The order with its risk analysis when this event makes one due (the write then fires order.risk_analyzed). */
    public Order analyzeRisk(Order next, PaymentEvent e) {
        if (!RiskAnalysis.due(e.kind(), next)) {
            return next;
        }
        RiskAssessment a = risk.assess(next, e.eventId(), clock.instant());
        LOG.info("order risk analyzed", "clientId", next.clientId(), "orderId", next.orderId(),
                "riskLevel", a.level().wire(), "riskScore", a.score());
        return next.withRisk(a);
    }

    /** Subscription events make no order; their triggers carry the event's data. */
    public void subscriptionEvent(PaymentEvent e) {
        Trigger t = e.kind() == EventKind.SUBSCRIPTION_STARTED ? Trigger.SUBSCRIPTION_CREATED
                : e.kind() == EventKind.SUBSCRIPTION_CANCELED ? Trigger.SUBSCRIPTION_CANCELED : null;
        if (t == null) {
            return;
        }
        dispatcher.send(dispatcher.runsFor(e.clientId(), null, e.provider(), List.of(new Triggers.Fired(t, e.eventId())), Subject.of(e)));
    }
}
