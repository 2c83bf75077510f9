package dev.orderhub.order;

import dev.orderhub.db.Ids;
import dev.orderhub.db.Timestamps;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.Triggers;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The one way an order changes. Whoever changes it (a payment event, an admin, a workflow action,
 * the reconciler, SES's bounce of an e-mail about it) hands a {@link Change}: a function from the order as stored to the order wanted,
 * which may refuse by throwing or return the same order when there is nothing to do. The commit
 * then, for every writer alike:
 * <ol>
 *   <li>reads the order, applies the change and writes the result only if nobody wrote the order
 *       since it was read (a single-item conditional write on its version, see
 *       {@link OrderRepository#save}); on a lost race it reads again, applies the change again,
 *       with backoff, up to {@value #MAX_ATTEMPTS} times ({@link KeptChanging} after that). A
 *       caller that read several orders at once ({@link #findAll}, the payment events of a queue's
 *       batch) hands the order as read there ({@link ReadAhead}), which the first attempt starts
 *       from instead of reading: it may be stale, so it only counts when the write at its version
 *       succeeds; a change that finds nothing to do on it, or refuses it, is applied again to the
 *       order read now, and only that decides (so a stale read-ahead never changes an outcome);</li>
 *   <li>works out the workflow triggers between the order read and the order written
 *       ({@link Triggers#between}, keyed by the cause), and notes those that start runs in the
 *       order's {@link Order#outbox() outbox}, in the same write; the previous write's outbox is
 *       queued (again) first. So a manual paid fires order.paid, a workflow's set_status canceled
 *       fires order.canceled, any write that puts the order in review fires review.needed;</li>
 *   <li>after the write: keeps the cause's event in the order's history and what a person did in
 *       its audit trail, queues the runs, and announces a new status or a new intent link to
 *       buyers watching live;</li>
 *   <li>releases an intent the losing attempt claimed (see {@link Effects#releaseClaim}), so a
 *       lost race never leaves an intent taken by an order that is not linked to it.</li>
 * </ol>
 * Safe under at-least-once delivery: a change that finds nothing to do (on the order read now,
 * never on a read-ahead) queues the stored order's outbox again (and, for a repeated event,
 * announces again), since the process that wrote it may have stopped before that. The runner runs each (workflow, trigger, key) once. The note is not
 * cleared by a write of its own: that would cost a third write per payment event.
 */
public final class OrderCommit {
    private static final JsonLog LOG = JsonLog.get(OrderCommit.class);
    static final int MAX_ATTEMPTS = 10;

    /** The order as stored now (null: it does not exist) to the order wanted; return it unchanged (or null) for "nothing to do". */
    @FunctionalInterface
    public interface Change {
        Order apply(Order current);

        /** A change of an order that must exist: nothing to do when it does not. */
        static Change ofExisting(UnaryOperator<Order> change) {
            return current -> current == null ? null : change.apply(current);
        }
    }

    /** What happens around the write besides it: workflow runs, live status, intent claims. */
    public interface Effects {
        /** The runs these triggers of this order start (reads the site's workflows; no writes). */
        List<RunRequest> runsFor(Order order, List<Triggers.Fired> fired);

        /** Queues runs; throws when it could not (the caller's message is then retried). */
        void send(List<RunRequest> runs);

        /** Tells buyers watching the order's intent that it changed. */
        void announce(Order order);

        /**
         * An attempt linked the order to {@code intentId} (claiming it at {@code readVersion}) and
         * its write lost, and the order as read again is not linked to it: reopen the intent
         * unless a later attempt claimed it since.
         */
        void releaseClaim(String clientId, String intentId, String orderId, long readVersion);
    }

    /**
     * Why the order changes.
     *
     * @param key names the change in the triggers it fires (the workflow runs' idempotency key):
     *     the same for a repeat of the same cause
     * @param event kept in the order's history, or null
     * @param eventFirst the event is from outside (a provider): kept in history before the first
     *     attempt, even if the change is refused; otherwise only after the write
     * @param by who caused it: an admin key id or "workflow:&lt;id&gt;", recorded in the audit trail;
     *     null for the hub itself
     * @param action the audit entry's action ("status", "match"), with {@code details}; from and
     *     to are added when the status changed
     */
    public record Cause(String key, PaymentEvent event, boolean eventFirst, String by, String action,
            Map<String, String> details) {
        public Cause {
            Objects.requireNonNull(key, "key");
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** A provider's event (or the reconciler's answer) applied to the order. */
        public static Cause event(PaymentEvent e) {
            return new Cause(e.eventId(), e, true, null, null, null);
        }

        /** A person's (or a workflow's) decision, audited; {@code history} (nullable) is kept after the write. */
        public static Cause person(String by, String action, Map<String, String> details, PaymentEvent history) {
            return new Cause(history != null ? history.eventId() : action + "_" + Ids.random(16), history, false, by,
                    action, details);
        }

        /** The hub's own bookkeeping or a workflow action, keyed so that a repeat is the same cause. */
        public static Cause system(String key) {
            return new Cause(key, null, false, null, null, null);
        }
    }

    /**
     * The order as a batch read found it before this commit ({@link #findAll}), null when it did
     * not exist then; it may be stale by now.
     */
    public record ReadAhead(Order order) {}

    /**
     * @param before the order as read by the attempt that counted (null: it did not exist)
     * @param after the order as stored now (null: it does not exist)
     * @param written whether this commit wrote it
     * @param fired the triggers the write fired
     */
    public record Result(Order before, Order after, boolean written, List<Triggers.Fired> fired) {}

    /** The order changed before every one of {@value #MAX_ATTEMPTS} writes; a queued cause is retried. */
    public static final class KeptChanging extends IllegalStateException {
        KeptChanging(String orderId) {
            super("order " + orderId + " kept changing; try again");
        }
    }

    private final OrderCommitStore store;
    private final Effects effects;
    private final Clock clock;

    public OrderCommit(OrderCommitStore store, Effects effects, Clock clock) {
        this.store = store;
        this.effects = effects;
        this.clock = clock;
    }

    /** The order as stored now (a consistent read), for a caller that shapes its change or its cause from it. */
    public Optional<Order> find(String clientId, String orderId) {
        return store.find(clientId, orderId);
    }

    /**
     * Several orders as stored now, in one read, to hand each to its commit as a {@link ReadAhead}:
     * a key left out of the answer was not read.
     */
    public Map<OrderKey, Optional<Order>> findAll(Collection<OrderKey> keys) {
        return store.findAll(keys);
    }

    /** Applies the change (see the class comment); a refusal thrown by the change reaches the caller. */
    public Result commit(String clientId, String orderId, Change change, Cause cause) {
        return commit(clientId, orderId, change, cause, null);
    }

    /** As {@link #commit(String, String, Change, Cause)}, starting from the order read ahead (null: read it now). */
    public Result commit(String clientId, String orderId, Change change, Cause cause, ReadAhead readAhead) {
        // A read-ahead is only trusted by a write that succeeds at its version: anything else
        // (nothing to do, a refusal, a lost race) is decided again on the order as stored now.
        // One of another order is refused before anything is written, the event's history included.
        boolean fresh = readAhead == null;
        if (!fresh && readAhead.order() != null
                && !(readAhead.order().clientId().equals(clientId) && readAhead.order().orderId().equals(orderId))) {
            throw new IllegalArgumentException("the order read ahead is not " + clientId + "/" + orderId);
        }
        if (cause.event() != null && cause.eventFirst()) {
            store.addHistory(orderId, cause.event());
        }
        Order current = fresh ? store.find(clientId, orderId).orElse(null) : readAhead.order();
        int lost = 0;
        while (true) {
            Order next;
            try {
                next = change.apply(current);
            } catch (RuntimeException refused) {
                if (fresh) {
                    throw refused;
                }
                current = store.find(clientId, orderId).orElse(null);
                fresh = true;
                continue;
            }
            if (next != null) {
                // Whoever moved it there: an order in a final status has nothing left to confirm.
                next = ReviewChanges.closeIfFinal(next, clock.instant().toString());
            }
            if (next == null || next.equals(current)) {
                if (!fresh) {
                    current = store.find(clientId, orderId).orElse(null);
                    fresh = true;
                    continue;
                }
                if (current != null) {
                    again(current, cause);
                }
                return new Result(current, current, false, List.of());
            }
            List<Triggers.Fired> fired = Triggers.between(current, next, cause.key());
            List<RunRequest> runs = effects.runsFor(next, fired);
            next = next.withOutbox(runs.isEmpty() ? List.of() : fired);
            if (current != null) {
                queueOutbox(current); // before its note is replaced: the write that made it may have stopped short
            }
            long readVersion = current == null ? 0 : current.version();
            if (store.save(next, readVersion)) {
                Order saved = next.withVersion(readVersion + 1);
                afterWrite(current, saved, cause, runs);
                return new Result(current, saved, true, fired);
            }
            Order read = current;
            current = store.find(clientId, orderId).orElse(null);
            fresh = true;
            releaseLostClaim(read, next, current, readVersion);
            if (++lost == MAX_ATTEMPTS) {
                throw new KeptChanging(orderId);
            }
            backoff(lost);
        }
    }

    private void afterWrite(Order before, Order saved, Cause cause, List<RunRequest> runs) {
        if (cause.event() != null && !cause.eventFirst()) {
            store.addHistory(saved.orderId(), cause.event()); // only now: a refused change leaves no trace
        }
        if (cause.by() != null) {
            Map<String, String> details = new HashMap<>(cause.details());
            if (before != null && before.status() != saved.status()) {
                details.put("from", before.status().wire());
                details.put("to", saved.status().wire());
            }
            store.addAudit(saved.clientId(), saved.orderId(),
                    new AuditTrail.Entry(Timestamps.fixed(clock.instant()), cause.action(), cause.by(), details));
        }
        LOG.info("order committed", "clientId", saved.clientId(), "orderId", saved.orderId(), "cause", cause.key(),
                "from", before == null ? "none" : before.status().wire(), "to", saved.status().wire(),
                "triggers", saved.outbox().size());
        effects.send(runs);
        if (before == null || before.status() != saved.status()
                || !Objects.equals(before.match().intentId(), saved.match().intentId())) {
            effects.announce(saved); // a new status, or one the buyer can now see because it just got linked
        }
    }

    /** Nothing to do: the write that made the stored order may have stopped before its after-write steps. */
    private void again(Order stored, Cause cause) {
        queueOutbox(stored);
        if (cause.eventFirst()) {
            effects.announce(stored); // a repeated event (the push step skips a status it already pushed)
        }
    }

    private void queueOutbox(Order stored) {
        if (!stored.outbox().isEmpty()) {
            effects.send(effects.runsFor(stored, stored.outbox()));
        }
    }

    /** The lost attempt linked an intent the order it read was not linked to: it claimed it. */
    private void releaseLostClaim(Order read, Order attempted, Order now, long readVersion) {
        String claimed = attempted.match().intentId();
        if (claimed == null || (read != null && claimed.equals(read.match().intentId()))
                || (now != null && claimed.equals(now.match().intentId()))) {
            return;
        }
        effects.releaseClaim(attempted.clientId(), claimed, attempted.orderId(), readVersion);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ie);
        }
    }
}
