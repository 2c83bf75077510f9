package dev.orderhub.reconcile;

import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderCommit;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.provider.api.ProviderApi;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.queue.EventQueue;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The scheduled fallback for callbacks that never came (Kill Bill calls it the janitor): finds the
 * orders whose look-up is due (index gsi3, see {@link ReconcilePolicy}), asks each one's provider
 * what happened, and puts the answer on the events queue as the callback would have, so the
 * payment-events function applies it with the usual dedup and monotonic status rules. The look-up itself changes
 * nothing on the order but its schedule: one change through {@link OrderCommit} per order,
 * doubling the wait. After {@code maxAttempts} look-ups that left the order pending, the order goes
 * to review ("reconciliation gave up: …"), leaves the index, fires review.needed like any change
 * that puts an order in review, and metric {@code ReconcileGaveUp} is emitted. Both changes apply
 * only to the order as it was when looked up: one that changed meanwhile (a callback restarted its
 * schedule) is left alone.
 */
public final class Reconciler {
    private static final JsonLog LOG = JsonLog.get(Reconciler.class);
    /** Orders looked at per provider per run; the rest wait for the next run. */
    static final int MAX_PER_PROVIDER = 100;

    private final OrderRepository orders;
    private final OrderCommit commit;
    private final SiteRepository sites;
    private final EventQueue queue;
    private final List<ProviderApi> apis;
    private final ReconcilePolicy policy;
    private final Clock clock;
    private final int maxAttempts;

    public Reconciler(OrderRepository orders, OrderCommit commit, SiteRepository sites, EventQueue queue,
            List<ProviderApi> apis, ReconcilePolicy policy, Clock clock, int maxAttempts) {
        this.orders = orders;
        this.commit = commit;
        this.sites = sites;
        this.queue = queue;
        this.apis = List.copyOf(apis);
        this.policy = policy;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** What one run did. */
    public record Summary(int checked, int updated, int stillPending, int gaveUp, int failed) {
        Summary plus(Outcome o) {
            return new Summary(checked + 1, updated + (o == Outcome.UPDATED ? 1 : 0),
                    stillPending + (o == Outcome.STILL_PENDING ? 1 : 0), gaveUp + (o == Outcome.GAVE_UP ? 1 : 0),
                    failed + (o == Outcome.FAILED ? 1 : 0));
        }
    }

    enum Outcome { UPDATED, STILL_PENDING, FAILED, GAVE_UP, SKIPPED }

    /**
     * One pass over every provider's due orders.
     *
     * @param timeLeft false once the caller's time is nearly up: no new look-up starts then
     */
    public Summary runOnce(BooleanSupplier timeLeft) {
        Summary s = new Summary(0, 0, 0, 0, 0);
        for (ProviderApi api : apis) {
            String now = Timestamps.fixed(clock.instant());
            for (Order due : orders.dueForReconcile(api.provider(), now, MAX_PER_PROVIDER)) {
                if (!timeLeft.getAsBoolean()) {
                    LOG.info("reconcile run stopped early; the rest wait for the next run", "provider", api.provider());
                    return s;
                }
                Outcome o = check(api, due);
                if (o != Outcome.SKIPPED) {
                    s = s.plus(o);
                }
            }
        }
        return s;
    }

    private Outcome check(ProviderApi api, Order fromIndex) {
        // The index is eventually consistent: act only on the order as it is now.
        Optional<Order> read = orders.find(fromIndex.clientId(), fromIndex.orderId());
        Instant now = clock.instant();
        if (read.isEmpty() || !policy.reconcilable(read.get())
                || policy.dueAt(read.get()).compareTo(Timestamps.fixed(now)) > 0) {
            return Outcome.SKIPPED;
        }
        Order order = read.get();
        int attempts = order.reconcile().attempts() + 1;
        String problem;
        Outcome outcome;
        try {
            ProviderConfig config = sites.findConfig(order.clientId(), order.provider()).orElse(null);
            Lookup answer = api.lookup(order, config, now);
            switch (answer.outcome()) {
                case ANSWERED -> {
                    if (!answer.events().isEmpty()) {
                        queue.send(answer.events());
                        Metrics.count("ReconcileUpdated", order.provider(), order.clientId());
                        LOG.info("reconcile found news", "provider", order.provider(), "clientId", order.clientId(),
                                "orderId", order.orderId(), "providerStatus", answer.providerStatus(),
                                "events", answer.events().size());
                        problem = null;
                        outcome = Outcome.UPDATED;
                    } else {
                        problem = order.provider() + " still says " + answer.providerStatus();
                        outcome = Outcome.STILL_PENDING;
                    }
                }
                case NOT_FOUND -> {
                    problem = order.provider() + " does not know " + order.orderRef();
                    outcome = Outcome.FAILED;
                }
                default -> {
                    problem = "the site has no " + answer.providerStatus() + " for " + order.provider();
                    outcome = Outcome.FAILED;
                }
            }
        } catch (ProviderApiException e) {
            problem = e.getMessage();
            outcome = Outcome.FAILED;
            Metrics.count("ReconcileFailed", order.provider(), order.clientId());
            LOG.info("reconcile look-up failed", "provider", order.provider(), "clientId", order.clientId(),
                    "orderId", order.orderId(), "attempt", attempts, "problem", problem);
        }
        // Never give up on an answer just queued: the payment-events function is about to apply it.
        if (outcome != Outcome.UPDATED && attempts >= maxAttempts) {
            return giveUp(order, attempts, problem) ? Outcome.GAVE_UP : outcome;
        }
        // A queued answer is applied by the payment-events function, which takes the order out of the index once
        // it leaves pending; until then the next look-up is scheduled like any other.
        String next = Timestamps.fixed(policy.nextCheckAt(order.provider(), attempts, now));
        commit.commit(order.clientId(), order.orderId(), nextLookUp(order, attempts, next),
                OrderCommit.Cause.system(checkKey(order, attempts)));
        return outcome;
    }

    /** The change of a look-up that left the order pending: {@code attempts} made, the next one at {@code nextCheckAt}. */
    public static OrderCommit.Change nextLookUp(Order lookedUp, int attempts, String nextCheckAt) {
        return unchangedSince(lookedUp, o -> o.withReconcile(new Order.Reconcile(attempts, nextCheckAt, false)));
    }

    /** The change of giving up: no more look-ups, the order in review with {@code review}. */
    public static OrderCommit.Change givingUp(Order lookedUp, int attempts, OrderMatch review) {
        return unchangedSince(lookedUp, o -> o.withMatch(review).withReconcile(new Order.Reconcile(attempts, null, true)));
    }

    /** The change, applied only to the order as it was looked up (the version read before the look-up). */
    private static OrderCommit.Change unchangedSince(Order lookedUp, java.util.function.UnaryOperator<Order> change) {
        return OrderCommit.Change.ofExisting(o -> o.version() == lookedUp.version() ? change.apply(o) : o);
    }

    /** The same look-up of the same order names the same cause. */
    private static String checkKey(Order o, int attempts) {
        return "reconcile_" + o.version() + "_" + attempts;
    }

    private boolean giveUp(Order order, int attempts, String problem) {
        OrderMatch m = order.match();
        String reason = "reconciliation gave up: " + problem + " (after " + attempts + " look-ups)";
        OrderMatch review = new OrderMatch(m.intentId(), reason, OrderMatch.Review.NEEDED, m.candidates(),
                Timestamps.fixed(clock.instant()));
        OrderCommit.Result r = commit.commit(order.clientId(), order.orderId(), givingUp(order, attempts, review),
                OrderCommit.Cause.system(checkKey(order, attempts)));
        if (!r.written()) {
            return false; // the order changed meanwhile; it is looked at again if still due
        }
        Metrics.count("ReconcileGaveUp", order.provider(), order.clientId());
        LOG.warn("reconcile gave up; order needs review", "provider", order.provider(), "clientId", order.clientId(),
                "orderId", order.orderId(), "attempts", attempts, "reason", problem);
        return true;
    }
}
