package dev.orderhub.order;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.matching.IntentMatcher;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.workflow.WorkflowHooks;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Applies one queued payment event to its order, as one change through {@link OrderCommit}: the
 * event is kept in the order's history, applied through {@link OrderLifecycle}, the match to the
 * buyer's payment intent decided when due ({@link IntentMatcher}) and the order's risk analyzed
 * ({@link WorkflowHooks#analyzeRisk}); the commit writes it with the triggers it fires, then queues
 * the workflow runs (the thank-you e-mail is one, see {@link dev.orderhub.workflow.ThankYouWorkflow})
 * and announces a new status to buyers watching live. So a paying event costs two writes: its
 * history item and the order (plus the intent's claim when there is one to claim). Safe to run any
 * number of times for the same event, concurrently: a repeat finds nothing to do, and the commit
 * then queues what the first delivery may not have. A queue's batch of events reads its orders in
 * one request ({@link #batch}) instead of one read per event; each commit starts from its order as
 * read there, which it trusts only for a write that succeeds (see {@link OrderCommit}).
 */
public final class PaymentEventProcessor {
    private static final JsonLog LOG = JsonLog.get(PaymentEventProcessor.class);

    private final OrderCommit commit;
    private final RecordRepository records;
    private final UnaryOperator<Order> match;
    private final BiFunction<Order, PaymentEvent, Order> risk;
    private final WorkflowHooks workflows;
    private final Clock clock;

    public PaymentEventProcessor(OrderCommit commit, RecordRepository records, IntentMatcher matcher,
            WorkflowHooks workflows, Clock clock) {
        this(commit, records, matcher::decide, workflows::analyzeRisk, workflows, clock);
    }

    /** With the match decision and the risk analysis as functions (tests run it over an in-memory store). */
    PaymentEventProcessor(OrderCommit commit, RecordRepository records, UnaryOperator<Order> match,
            BiFunction<Order, PaymentEvent, Order> risk, WorkflowHooks workflows, Clock clock) {
        this.commit = commit;
        this.records = records;
        this.match = match;
        this.risk = risk;
        this.workflows = workflows;
        this.clock = clock;
    }

    /**
     * The orders of a queue's batch of events, read in one request of the store, for
     * {@link Batch#process} to start each event's commit from. A read that fails only costs the
     * batch its read-ahead: each commit then reads its order itself.
     */
    public Batch batch(List<PaymentEvent> events) {
        Set<OrderKey> keys = new LinkedHashSet<>();
        for (PaymentEvent e : events) {
            try {
                if (OrderLifecycle.touchesOrders(e.kind())) {
                    keys.add(keyOf(e));
                }
            } catch (RuntimeException malformed) {
                // Its own processing fails it, alone.
            }
        }
        Map<OrderKey, Optional<Order>> read = Map.of();
        if (!keys.isEmpty()) {
            try {
                read = commit.findAll(keys);
            } catch (RuntimeException e) {
                LOG.warn("batch read of the orders failed; each event reads its order", "orders", keys.size(),
                        "error", String.valueOf(e));
            }
        }
        return new Batch(new ConcurrentHashMap<>(read));
    }

    /** A batch's events with their orders read ahead; process them one by one, in the queue's order. */
    public final class Batch {
        private final Map<OrderKey, Optional<Order>> read;

        private Batch(Map<OrderKey, Optional<Order>> read) {
            this.read = read;
        }

        /** As {@link PaymentEventProcessor#process}, starting from the order as the batch read it (or as this batch left it). */
        public Result process(PaymentEvent e) {
            if (!OrderLifecycle.touchesOrders(e.kind())) {
                return PaymentEventProcessor.this.process(e);
            }
            OrderKey key = keyOf(e);
            // Taken out while its commit runs: if that fails, the next event of the order reads it itself.
            Optional<Order> ahead = read.remove(key);
            Result r = PaymentEventProcessor.this.process(e, ahead == null ? null : new OrderCommit.ReadAhead(ahead.orElse(null)));
            read.put(key, Optional.ofNullable(r.order())); // as stored now: the next event of the order starts from it
            return r;
        }
    }

    private static OrderKey keyOf(PaymentEvent e) {
        return new OrderKey(e.clientId(), OrderIds.of(e.clientId(), e.provider(), e.orderRef()));
    }

    /** @throws OrderCommit.KeptChanging when the order changed before every write; the event is delivered again */
    public Result process(PaymentEvent e) {
        return process(e, null);
    }

    private Result process(PaymentEvent e, OrderCommit.ReadAhead readAhead) {
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
        OrderCommit.Result r = commit.commit(e.clientId(), orderId, current -> apply(current, e, orderId),
                OrderCommit.Cause.event(e), readAhead);
        if (!r.written()) {
            LOG.info("duplicate event", "provider", e.provider(), "clientId", e.clientId(), "orderId", orderId,
                    "eventId", e.eventId(), "status", r.after().status().wire());
            Metrics.count("EventDuplicate", e.provider(), e.clientId());
            return new Result(Outcome.DUPLICATE, r.after());
        }
        LOG.info("order updated", "provider", e.provider(), "clientId", e.clientId(), "orderId", orderId,
                "eventId", e.eventId(), "kind", e.kind().name(),
                "from", r.before() == null ? "none" : r.before().status().wire(), "to", r.after().status().wire());
        Metrics.count("EventApplied", e.provider(), e.clientId());
        Metrics.millis("EventAge", Math.max(0, clock.millis() - java.time.Instant.parse(e.receivedAt()).toEpochMilli()),
                e.provider(), e.clientId());
        return new Result(r.before() != null ? Outcome.UPDATED : Outcome.CREATED, r.after());
    }

    /** The event's change: nothing for an event already applied. */
    private Order apply(Order current, PaymentEvent e, String orderId) {
        if (current != null && current.hasApplied(e.eventId())) {
            return current;
        }
        Order next = OrderLifecycle.apply(current, e, orderId, clock.instant().toString());
        // The risk analysis first (it does not look at the match): the match claims an intent, and
        // nothing may fail after that claim, since a change that fails has no lost write whose
        // claim the commit releases (decided again, the intent is no longer open to it).
        next = risk.apply(next, e);
        if (IntentMatcher.due(next, e.kind())) {
            next = match.apply(next);
        }
        return next;
    }

    public enum Outcome { CREATED, UPDATED, DUPLICATE, NOT_AN_ORDER_EVENT }

    public record Result(Outcome outcome, Order order) {}
}
