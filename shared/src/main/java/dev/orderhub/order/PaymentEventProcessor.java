package dev.orderhub.order;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.matching.OrderMatcher;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.WorkflowHooks;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies one queued payment event to its order: records it in the order's history, applies it
 * through {@link OrderLifecycle} with an optimistic-locked write, hands a due auto-reply to
 * {@link AutoReplySender}, and ties a not yet matched order to the buyer's payment intent
 * ({@link OrderMatcher}); analyzes the order's risk and hands the triggers the write fires to the
 * workflows ({@link WorkflowHooks}); announces a status change of an order linked to an intent to
 * buyers watching live ({@link StatusChanges}). Safe to run any number of times for the same event, concurrently.
 */
public final class PaymentEventProcessor {
    private static final JsonLog LOG = JsonLog.get(PaymentEventProcessor.class);
    private static final int MAX_ATTEMPTS = 10;
    /** How long the writer that decided a reply holds it before another delivery may take over. */
    static final long REPLY_LEASE_MILLIS = 60_000;

    private final OrderRepository orders;
    private final RecordRepository records;
    private final SiteRepository sites;
    private final AutoReplySender replies;
    private final OrderMatcher matcher;
    private final WorkflowHooks workflows;
    private final StatusChanges statusChanges;
    private final Clock clock;

    public PaymentEventProcessor(OrderRepository orders, RecordRepository records, SiteRepository sites,
            AutoReplySender replies, OrderMatcher matcher, WorkflowHooks workflows, StatusChanges statusChanges,
            Clock clock) {
        this.orders = orders;
        this.records = records;
        this.sites = sites;
        this.replies = replies;
        this.matcher = matcher;
        this.workflows = workflows;
        this.statusChanges = statusChanges;
        this.clock = clock;
    }

    public Result process(PaymentEvent e) {
        for (NormalizedRecord r : e.records()) {
            records.upsert(e.clientId(), r);
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
                order = workflows.flush(order); // a previous attempt may have stopped before queuing the workflow runs
                replies.sendIfDue(order); // ... or before sending
                if (OrderMatcher.due(order, e.kind()) && order.match().review() == OrderMatch.Review.NONE) {
                    order = matcher.match(order); // ... or before matching
                }
                workflows.afterMatch(order);
                statusChanges.announce(order); // ... or before announcing (the push step skips a status it already pushed)
                return new Result(Outcome.DUPLICATE, order);
            }
            Order next = OrderLifecycle.apply(current.orElse(null), e, orderId, clock.instant().toString());
            if (replyBecomesDue(current.orElse(null), next, e)) {
                next = next.withReply(new Order.Reply(Order.Reply.State.DUE,
                        clock.millis() + REPLY_LEASE_MILLIS, null, null, null));
            }
            next = workflows.beforeSave(current.orElse(null), next, e);
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
                saved = workflows.flush(saved);
                if (saved.reply().state() == Order.Reply.State.DUE) {
                    replies.send(saved); // this write took the lease
                }
                if (OrderMatcher.due(saved, e.kind())) {
                    boolean wasInReview = saved.match().review() == OrderMatch.Review.NEEDED;
                    saved = matcher.match(saved);
                    if (!wasInReview) {
                        workflows.afterMatch(saved);
                    }
                }
                if (current.isEmpty() || current.get().status() != saved.status() || !current.get().match().matched()) {
                    statusChanges.announce(saved); // a new status, or a status the buyer can now see because it just got linked
                }
                return new Result(current.isPresent() ? Outcome.UPDATED : Outcome.CREATED, saved);
            }
            backoff(attempt);
        }
        throw new IllegalStateException("order " + orderId + " kept changing; event " + e.eventId() + " will be retried");
    }

    /** A thank-you is due once per order: on the payment that makes it paid, if the site wants one. */
    private boolean replyBecomesDue(Order before, Order after, PaymentEvent e) {
        if (e.kind() != EventKind.PAYMENT_SUCCEEDED
                || (before != null && before.reply().state() != Order.Reply.State.NONE)
                || !(after.status() == OrderStatus.PAID || after.status() == OrderStatus.DONE)
                || after.buyerEmail() == null || after.buyerEmail().isBlank()) {
            return false;
        }
        AutoReply reply = sites.findConfig(e.clientId(), e.provider()).map(ProviderConfig::autoReply).orElse(AutoReply.OFF);
        return reply.enabled() && reply.from() != null;
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
