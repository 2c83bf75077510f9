package dev.orderhub.order;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.matching.OrderMatcher;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.workflow.WorkflowHooks;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies one queued payment event to its order: records it in the order's history, applies it
 * through {@link OrderLifecycle}, decides the match to the buyer's payment intent when due
 * ({@link OrderMatcher}), analyzes the order's risk and notes the workflow triggers the change
 * fires ({@link WorkflowHooks}), all in one optimistic-locked write of the order; then queues the
 * workflow runs (the thank-you e-mail is one, see {@link dev.orderhub.workflow.ThankYouWorkflow})
 * and announces a status change of an order linked to an intent to buyers watching live
 * ({@link StatusChanges}). So a paying event costs two writes: its history item and the order
 * (plus the intent's claim when there is one to claim). Safe to run any number of times for the
 * same event, concurrently.
 */
public final class PaymentEventProcessor {
    private static final JsonLog LOG = JsonLog.get(PaymentEventProcessor.class);
    private static final int MAX_ATTEMPTS = 10;

    private final OrderRepository orders;
    private final RecordRepository records;
    private final OrderMatcher matcher;
    private final WorkflowHooks workflows;
    private final StatusChanges statusChanges;
    private final Clock clock;

    public PaymentEventProcessor(OrderRepository orders, RecordRepository records, OrderMatcher matcher,
            WorkflowHooks workflows, StatusChanges statusChanges, Clock clock) {
        this.orders = orders;
        this.records = records;
        this.matcher = matcher;
        this.workflows = workflows;
        this.statusChanges = statusChanges;
        this.clock = clock;
    }

    public Result process(PaymentEvent e) {
        for (NormalizedRecord r : e.records()) {
            records.upsertIfChanged(e.clientId(), r);
        }
        if (!OrderLifecycle.touchesOrders(e.kind())) {
            workflows.subscriptionEvent(e);
            LOG.info("event recorded without order change", "provider", e.provider(), "clientId", e.clientId(),
                    "eventId", e.eventId(), "kind", e.kind().name());
            return new Result(Outcome.NOT_AN_ORDER_EVENT, null);
        }
        String orderId = OrderIds.of(e.clientId(), e.provider(), e.orderRef());
        orders.addHistory(orderId, e);

        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> current = orders.find(e.clientId(), orderId);
            if (current.isPresent() && current.get().hasApplied(e.eventId())) {
                Order order = current.get();
                LOG.info("duplicate event", "provider", e.provider(), "clientId", e.clientId(), "orderId", orderId,
                        "eventId", e.eventId(), "status", order.status().wire());
                Metrics.count("EventDuplicate", e.provider(), e.clientId());
                workflows.flush(order); // a previous attempt may have stopped before queuing the workflow runs
                workflows.afterMatch(order); // ... or before queuing review.needed
                statusChanges.announce(order); // ... or before announcing (the push step skips a status it already pushed)
                return new Result(Outcome.DUPLICATE, order);
            }
            Order before = current.orElse(null);
            Order next = OrderLifecycle.apply(before, e, orderId, clock.instant().toString());
            if (OrderMatcher.due(next, e.kind())) {
                next = matcher.decide(next);
            }
            WorkflowHooks.Planned planned = workflows.beforeSave(before, next, e);
            next = planned.order();
            long readVersion = current.map(Order::version).orElse(0L);
            if (orders.save(next, readVersion)) {
                Order saved = next.withVersion(readVersion + 1);
                LOG.info("order updated", "provider", e.provider(), "clientId", e.clientId(), "orderId", orderId,
                        "eventId", e.eventId(), "kind", e.kind().name(),
                        "from", current.map(o -> o.status().wire()).orElse("none"), "to", saved.status().wire(),
                        "attempt", attempt);
                Metrics.count("EventApplied", e.provider(), e.clientId());
                Metrics.millis("EventAge", Math.max(0, clock.millis() - java.time.Instant.parse(e.receivedAt()).toEpochMilli()),
                        e.provider(), e.clientId());
                workflows.queue(planned);
                if (before == null || before.match().review() != OrderMatch.Review.NEEDED) {
                    workflows.afterMatch(saved); // review.needed once, when the order first goes to review
                }
                if (before == null || before.status() != saved.status() || !before.match().matched()) {
                    statusChanges.announce(saved); // a new status, or a status the buyer can now see because it just got linked
                }
                return new Result(current.isPresent() ? Outcome.UPDATED : Outcome.CREATED, saved);
            }
            backoff(attempt);
        }
        throw new IllegalStateException("order " + orderId + " kept changing; event " + e.eventId() + " will be retried");
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ie);
        }
    }

    public enum Outcome { CREATED, UPDATED, DUPLICATE, NOT_AN_ORDER_EVENT }

    public record Result(Outcome outcome, Order order) {}
}
