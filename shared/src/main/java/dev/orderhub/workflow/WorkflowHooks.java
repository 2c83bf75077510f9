package dev.orderhub.workflow;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.risk.RiskAnalysis;
import dev.orderhub.risk.RiskAssessment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the matcher meets risk analysis and workflows. Before an order write: analyze the order's
 * risk when due and, if any switched-on workflow listens to a trigger the write fires, note the
 * triggers on the order in the same conditional write (attribute {@value #PENDING}). After the
 * write: queue the runs. The note is not removed by a write of its own (that would be a third
 * write per event): it stays until the order's next write by the matcher, which queues the noted
 * runs again before it replaces the note with its own, and a repeat of the event queues them again
 * too. So if the process stops between the write and the queuing, the runs are queued by whoever
 * processes the event or the order next; the runner runs each once ({@link RunStore}). A trigger
 * is never lost, never run twice, and queuing never holds up the order write itself.
 */
public final class WorkflowHooks {
    private static final JsonLog LOG = JsonLog.get(WorkflowHooks.class);
    /** Triggers fired by the order's last write by the matcher, as "trigger|eventId" joined by spaces. */
    public static final String PENDING = "hub.workflow.pending";

    private final RiskAnalysis risk;
    private final WorkflowDispatcher dispatcher;
    private final Clock clock;

    public WorkflowHooks(RiskAnalysis risk, WorkflowDispatcher dispatcher, Clock clock) {
        this.risk = risk;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * The order to write and the runs its write starts, to {@link #queue} once the write succeeded
     * (worked out once here: the site's workflows and auto-reply settings are read once per write).
     */
    public record Planned(Order order, List<RunRequest> runs) {}

    /**
     * The order to write: with its risk analysis when due, and the triggers this write fires noted
     * in place of those of the previous write, whose runs are queued (again) first.
     */
    public Planned beforeSave(Order current, Order next, PaymentEvent e) {
        if (current != null) {
            flush(current);
        }
        Map<String, String> attributes = new HashMap<>(next.attributes());
        attributes.remove(PENDING);
        if (RiskAnalysis.due(e.kind(), next)) {
            RiskAssessment a = risk.assess(next, e.eventId(), clock.instant());
            attributes.putAll(a.attributes());
            LOG.info("order risk analyzed", "clientId", next.clientId(), "orderId", next.orderId(),
                    "riskLevel", a.level().wire(), "riskScore", a.score());
        }
        next = next.withAttributes(attributes);
        List<Triggers.Fired> fired = Triggers.between(current, next, e.eventId());
        List<RunRequest> runs = dispatcher.runsFor(next.clientId(), next.orderId(), next.provider(), fired, null);
        if (runs.isEmpty()) {
            return new Planned(next, runs);
        }
        List<String> pending = new ArrayList<>();
        fired.forEach(f -> pending.add(f.encode()));
        attributes.put(PENDING, String.join(" ", pending));
        return new Planned(next.withAttributes(attributes), runs);
    }

    /** After the write of a {@link Planned} order: queues its runs. */
    public void queue(Planned written) {
        dispatcher.send(written.runs());
    }

    /** On a repeat of the write's event, or before the order's next write: queues the noted triggers' runs again. */
    public void flush(Order saved) {
        List<String> pending = pending(saved);
        if (pending.isEmpty()) {
            return;
        }
        List<Triggers.Fired> fired = pending.stream().map(Triggers.Fired::decode).filter(f -> f.trigger() != null).toList();
        dispatcher.send(dispatcher.runsFor(saved.clientId(), saved.orderId(), saved.provider(), fired, null));
    }

    /**
     * After matching: an order that waits for review fires review.needed, once per order (the
     * trigger's key is the same every time, so calling this again queues runs the runner ignores).
     */
    public void afterMatch(Order matched) {
        if (matched.match().review() != OrderMatch.Review.NEEDED) {
            return;
        }
        String key = "review";
        dispatcher.send(dispatcher.runsFor(matched.clientId(), matched.orderId(), matched.provider(),
                List.of(new Triggers.Fired(Trigger.REVIEW_NEEDED, key)), null));
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

    private static List<String> pending(Order o) {
        String p = o.attributes().get(PENDING);
        return p == null || p.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(p.trim().split(" ")));
    }
}
