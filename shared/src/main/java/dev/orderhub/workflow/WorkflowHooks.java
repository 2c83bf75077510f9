package dev.orderhub.workflow;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.risk.RiskAnalysis;
import dev.orderhub.risk.RiskAssessment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the matcher meets risk analysis and workflows. Before an order write: analyze the order's
 * risk when due and, if any switched-on workflow listens to a trigger the write fires, note the
 * triggers on the order in the same conditional write (attribute {@value #PENDING}). After the
 * write: queue the runs, then remove the note. If the process stops in between, the note is still
 * there when the event (or the order's next event) is processed again, and the runs are queued
 * again; the runner runs each once. So a trigger is never lost, never run twice, and queuing never
 * holds up the order write itself.
 */
public final class WorkflowHooks {
    private static final JsonLog LOG = JsonLog.get(WorkflowHooks.class);
    /** Triggers fired by a write and not yet queued, as "trigger|eventId" joined by spaces. */
    public static final String PENDING = "hub.workflow.pending";

    private final RiskAnalysis risk;
    private final WorkflowDispatcher dispatcher;
    private final OrderRepository orders;
    private final Clock clock;

    public WorkflowHooks(RiskAnalysis risk, WorkflowDispatcher dispatcher, OrderRepository orders, Clock clock) {
        this.risk = risk;
        this.dispatcher = dispatcher;
        this.orders = orders;
        this.clock = clock;
    }

    /** The order to write: with its risk analysis when due, and the triggers to dispatch noted. */
    public Order beforeSave(Order current, Order next, PaymentEvent e) {
        if (RiskAnalysis.due(e.kind(), next)) {
            RiskAssessment a = risk.assess(next, e.eventId(), clock.instant());
            Map<String, String> attributes = new HashMap<>(next.attributes());
            attributes.putAll(a.attributes());
            next = next.withAttributes(attributes);
            LOG.info("order risk analyzed", "clientId", next.clientId(), "orderId", next.orderId(),
                    "level", a.level().wire(), "score", a.score());
        }
        List<Triggers.Fired> fired = Triggers.between(current, next, e.eventId());
        if (fired.isEmpty() || dispatcher.runsFor(next.clientId(), next.orderId(), fired, null).isEmpty()) {
            return next;
        }
        Set<String> pending = new LinkedHashSet<>(pending(next));
        fired.forEach(f -> pending.add(f.encode()));
        Map<String, String> attributes = new HashMap<>(next.attributes());
        attributes.put(PENDING, String.join(" ", pending));
        return next.withAttributes(attributes);
    }

    /** After a write (or on a repeat of its event): queues the noted triggers and removes the note. */
    public Order flush(Order saved) {
        List<String> pending = pending(saved);
        if (pending.isEmpty()) {
            return saved;
        }
        List<Triggers.Fired> fired = pending.stream().map(Triggers.Fired::decode).filter(f -> f.trigger() != null).toList();
        dispatcher.send(dispatcher.runsFor(saved.clientId(), saved.orderId(), fired, null));
        if (!orders.removeAttribute(saved, PENDING)) {
            // Someone wrote the order meanwhile and carried the note along: whoever processes it
            // next queues the same runs again, which the runner ignores.
            return saved;
        }
        Map<String, String> attributes = new HashMap<>(saved.attributes());
        attributes.remove(PENDING);
        return saved.withAttributes(attributes).withVersion(saved.version() + 1);
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
        dispatcher.send(dispatcher.runsFor(matched.clientId(), matched.orderId(),
                List.of(new Triggers.Fired(Trigger.REVIEW_NEEDED, key)), null));
    }

    /** Subscription events make no order; their triggers carry the event's data. */
    public void subscriptionEvent(PaymentEvent e) {
        Trigger t = e.kind() == EventKind.SUBSCRIPTION_STARTED ? Trigger.SUBSCRIPTION_CREATED
                : e.kind() == EventKind.SUBSCRIPTION_CANCELED ? Trigger.SUBSCRIPTION_CANCELED : null;
        if (t == null) {
            return;
        }
        dispatcher.send(dispatcher.runsFor(e.clientId(), null, List.of(new Triggers.Fired(t, e.eventId())), Subject.of(e)));
    }

    private static List<String> pending(Order o) {
        String p = o.attributes().get(PENDING);
        return p == null || p.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(p.trim().split(" ")));
    }
}
