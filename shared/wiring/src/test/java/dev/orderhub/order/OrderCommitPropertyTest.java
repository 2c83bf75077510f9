package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.provider.Providers;
import dev.orderhub.reconcile.ReconcilePolicy;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.action.OrderEdits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The five writers of an order (payment events with repeats and refunds in any order, an admin's
 * status change, an admin's match, workflow actions, the reconciler) as changes through
 * {@link OrderCommit} over an in-memory store, with writers racing: one writer's write is
 * overtaken by another's (nested, as in the table: the overtaken write loses and is made again),
 * and the process sometimes stops between a write and its queuing (the event is delivered again).
 * Whatever the interleaving, the order ends as if the changes had been made one after another in
 * the order they took effect, every trigger the sequence of orders implies is queued exactly once
 * whoever caused it, nothing noted in the outbox stays unqueued, and an intent is taken exactly
 * when the order is linked to it. Payment events start their commits from the order read alone,
 * read ahead, or read ahead long before (stale): that changes none of this.
 */
class OrderCommitPropertyTest {
    static final String SITE = "site_p";
    static final String ORDER = OrderIds.of(SITE, "stripe", "order");
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final List<String> INTENTS = List.of("in_a", "in_b");
    static final ReconcilePolicy POLICY = new ReconcilePolicy(Providers.REGISTRY);

    /** One writer's action; {@code n} picks among its variants. */
    record Op(int writer, int n, boolean overtaken, boolean stops, String id) {
        Op(int writer, int n, boolean overtaken, boolean stops) {
            this(writer, n, overtaken, stops, "");
        }

        Op as(String id, boolean overtaken, boolean stops) {
            return new Op(writer, n, overtaken, stops, id);
        }

        @Override
        public String toString() {
            return List.of("pay", "status", "match", "workflow", "reconcile").get(writer) + n + (overtaken ? "^" : "")
                    + (stops ? "!" : "");
        }
    }

    /** The order, the store and the effects one run of a sequence makes. */
    static final class World {
        final InMemoryOrders store = new InMemoryOrders();
        final RecordingEffects effects = new RecordingEffects();
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final OrderCommit commit = new OrderCommit(store, effects, clock);
        final PaymentEventProcessor events = new PaymentEventProcessor(commit, null, UnaryOperator.identity(),
                (o, e) -> o, null, clock);
        final ManualStatusChange status = new ManualStatusChange(commit, clock);
        final OrderEdits edits = new OrderEdits(commit);
        /** Status after each op, for the triggers the sequence implies. */
        final List<Order> seen = new ArrayList<>();

        Optional<Order> order() {
            return store.find(SITE, ORDER);
        }

        /** Runs one op; true when it took effect (a reconciler's look-up overtaken by a change is dropped). */
        boolean run(Op op) {
            switch (op.writer()) {
                case 0 -> pay(EVENTS.get(op.n() % EVENTS.size()), op.n() / EVENTS.size());
                case 1 -> manualStatus(STATUSES.get(op.n() % STATUSES.size()), "key_admin");
                case 2 -> manualMatch(INTENTS.get(op.n() % INTENTS.size()));
                case 3 -> workflowAction(op.n() % 4, "run_" + op.id()); // each run's action has its own key
                default -> {
                    return reconcile(op.n() % 2 == 0);
                }
            }
            return true;
        }

        /** A batch read once and used for events all along, while every other writer writes: its read-ahead goes stale. */
        PaymentEventProcessor.Batch longBatch;

        /**
         * A payment event: read alone by its commit (0), read ahead in a batch of its own (1), or
         * from a batch read long before, as a stale read-ahead (2).
         */
        void pay(PaymentEvent e, int how) {
            switch (how) {
                case 0 -> events.process(e);
                case 1 -> events.batch(List.of(e)).process(e);
                default -> {
                    if (longBatch == null) {
                        longBatch = events.batch(EVENTS);
                    }
                    longBatch.process(e);
                }
            }
        }

        void manualStatus(OrderStatus target, String by) {
            try {
                status.apply(SITE, ORDER, target, "by hand", by);
            } catch (ManualStatusChange.IllegalTransition refused) {
                // the table refused it: the order is not written
            }
        }

        /** As {@link dev.orderhub.matching.IntentMatcher#matchManually}: refused when matched or the intent is taken. */
        void manualMatch(String intentId) {
            try {
                commit.commit(SITE, ORDER, OrderCommit.Change.ofExisting(o -> {
                    if (o.match().matched() || !effects.claim(intentId, ORDER, o.version())) {
                        throw new IllegalArgumentException("refused");
                    }
                    return o.withMatch(new OrderMatch(intentId, "manual", OrderMatch.Review.RESOLVED, List.of(),
                            NOW.toString(), null, null));
                }), OrderCommit.Cause.person("key_admin", "match", Map.of("intentId", intentId), null));
            } catch (IllegalArgumentException refused) {
                // taken, or the order already matched
            }
        }

        /** The workflow actions that change the order: tag, untag, mark for review, set_status canceled. */
        void workflowAction(int which, String key) {
            switch (which) {
                case 0, 1 -> edits.edit(SITE, ORDER, key, o -> {
                    TreeSet<String> tags = new TreeSet<>(o.tags());
                    if (!(which == 0 ? tags.add("vip") : tags.remove("vip"))) {
                        return o;
                    }
                    return o.withTags(tags);
                });
                case 2 -> edits.edit(SITE, ORDER, key, o -> o.match().review() == OrderMatch.Review.NEEDED ? o
                        : o.withMatch(new OrderMatch(o.match().intentId(), "workflow: look", OrderMatch.Review.NEEDED,
                                o.match().candidates(), NOW.toString(), o.match().suggested(), o.match().expected())));
                default -> manualStatus(OrderStatus.CANCELED, "workflow:wf_cancel");
            }
        }

        /** As {@link Reconciler}: looks the order up, then schedules the next look-up or gives up. */
        boolean reconcile(boolean giveUp) {
            Optional<Order> lookedUp = order();
            if (lookedUp.isEmpty() || !POLICY.reconcilable(lookedUp.get())) {
                return true;
            }
            Order o = lookedUp.get();
            int attempts = o.reconcile().attempts() + 1;
            OrderCommit.Change change = giveUp
                    ? Reconciler.givingUp(o, attempts, new OrderMatch(o.match().intentId(), "reconciliation gave up",
                            OrderMatch.Review.NEEDED, o.match().candidates(), NOW.toString()))
                    : Reconciler.nextLookUp(o, attempts, NOW.plusSeconds(3600L * attempts).toString());
            return commit.commit(SITE, ORDER, change, OrderCommit.Cause.system("reconcile_" + o.version() + "_" + attempts))
                    .written();
        }
    }

    static final List<PaymentEvent> EVENTS = List.of(
            event("evt_pending", EventKind.PAYMENT_PENDING, 5000),
            event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000),
            event("evt_refund_1", EventKind.REFUNDED, 1000),
            event("evt_refund_2", EventKind.REFUNDED, 1500),
            event("evt_failed", EventKind.PAYMENT_FAILED, 5000),
            event("evt_canceled", EventKind.PAYMENT_CANCELED, 5000),
            event("evt_fulfilled", EventKind.FULFILLED, 5000));

    static final List<OrderStatus> STATUSES = List.of(OrderStatus.PAID, OrderStatus.CANCELED, OrderStatus.DONE,
            OrderStatus.REFUNDED, OrderStatus.FAILED);

    static PaymentEvent event(String id, EventKind kind, long minor) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", SITE, "order", kind, Money.ofMinor(minor, "USD"),
                null, null, List.of(), null, false, NOW.toString(), NOW.toString(), Map.of(), "application/json", "{}",
                List.of());
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 9))
                .as((writer, n, overtaken, stops) -> new Op(writer, n, overtaken == 0, stops == 0 && writer == 0));
        // Most sequences start with the order's first event: every other writer needs the order to exist.
        return op.list().ofMinSize(1).ofMaxSize(14).map(ops -> {
            List<Op> out = new ArrayList<>();
            out.add(new Op(0, 0, false, false, "0"));
            for (Op o : ops) {
                out.add(o.as(Integer.toString(out.size()), o.overtaken(), o.stops()));
            }
            return out;
        });
    }

    @Property(tries = 400)
    void interleavedWritersEndAsTheirSequentialOrderAndFireEachTriggerOnce(@ForAll("sequences") List<Op> ops) {
        World world = new World();
        List<Op> tookEffect = runInterleaved(world, ops);

        World sequential = new World();
        for (Op op : tookEffect) {
            sequential.run(op);
            sequential.order().ifPresent(sequential.seen::add);
        }

        Order order = world.order().orElseThrow();
        Order expected = sequential.order().orElseThrow();
        assertThat(view(order)).as("the order as the changes made one after another: %s", tookEffect).isEqualTo(view(expected));
        assertThat(world.effects.counts()).as("triggers queued, each (trigger, cause) once").isEqualTo(sequential.effects.counts());
        assertThat(world.effects.counts()).isEqualTo(implied(sequential.seen));
        assertThat(world.effects.runs).as("everything noted in the outbox was queued").containsAll(order.outbox());
        for (String intentId : INTENTS) {
            assertThat(world.effects.claims.containsKey(intentId)).as("%s taken exactly when the order is linked to it", intentId)
                    .isEqualTo(intentId.equals(order.match().intentId()));
        }
    }

    /**
     * Two writers on two threads, each with its own sequence, on one order at once: whatever the
     * scheduling, each trigger the orders imply is queued once and the intent claims match the link.
     */
    @Property(tries = 60)
    void twoThreadsRacingOnOneOrderFireEachTriggerOnce(@ForAll("sequences") List<Op> first, @ForAll("sequences") List<Op> second)
            throws Exception {
        World world = new World();
        world.run(new Op(0, 0, false, false));
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (List<Op> ops : List.of(first, second)) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (Op op : ops) {
                        world.run(op.as(Thread.currentThread().getName() + op.id(), false, false));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        Order order = world.order().orElseThrow();
        Map<Trigger, Long> counts = world.effects.counts();
        assertThat(counts.get(Trigger.ORDER_CREATED)).isEqualTo(1L);
        assertThat(counts.getOrDefault(Trigger.ORDER_PAID, 0L)).as("order.paid at most once").isLessThanOrEqualTo(1L);
        if (order.status().isPaidOrLater()) {
            assertThat(counts.get(Trigger.ORDER_PAID)).as("a paid order fired order.paid").isEqualTo(1L);
        }
        assertThat(counts.getOrDefault(Trigger.ORDER_CANCELED, 0L)).isEqualTo(order.status() == OrderStatus.CANCELED ? 1L : 0L);
        assertThat(world.effects.runs).containsAll(order.outbox());
        assertThat(order.version()).as("one version per write, none lost").isEqualTo(world.store.writes);
        for (String intentId : INTENTS) {
            assertThat(world.effects.claims.containsKey(intentId)).isEqualTo(intentId.equals(order.match().intentId()));
        }
    }

    /**
     * Runs the ops, letting an op marked overtaken have the next op run just before its write
     * (nested: that one may be overtaken too), and an op marked stops fail between write and
     * queuing, delivered again at the end as SQS would. Returns the ops in the order they took effect.
     */
    private static List<Op> runInterleaved(World world, List<Op> ops) {
        Deque<Op> pending = new ArrayDeque<>(ops);
        List<Op> tookEffect = new ArrayList<>();
        Deque<Op> overtaking = new ArrayDeque<>();
        world.store.beforeSave = () -> {
            if (!overtaking.isEmpty() && !pending.isEmpty()) {
                overtaking.pop();
                runOne(world, pending, tookEffect, overtaking);
            }
        };
        while (!pending.isEmpty()) {
            runOne(world, pending, tookEffect, overtaking);
        }
        return tookEffect;
    }

    private static void runOne(World world, Deque<Op> pending, List<Op> tookEffect, Deque<Op> overtaking) {
        Op op = pending.poll();
        if (op.overtaken()) {
            overtaking.push(op);
        }
        if (op.stops()) {
            world.effects.failSendOf = EVENTS.get(op.n() % EVENTS.size()).eventId();
        }
        try {
            if (world.run(op)) {
                tookEffect.add(op);
            }
        } catch (IllegalStateException stopped) {
            tookEffect.add(op); // written, not queued
            pending.add(op.as(op.id(), false, false)); // delivered again
        } finally {
            overtaking.remove(op);
        }
    }

    /**
     * The triggers a sequence of orders implies, counted: created, paid and canceled once, refunded
     * per refund that leaves the order (partially) refunded, review.needed per entry into review.
     */
    private static Map<Trigger, Long> implied(List<Order> seen) {
        Map<Trigger, Long> out = new HashMap<>();
        out.put(Trigger.ORDER_CREATED, 1L);
        Order before = null;
        for (Order o : seen) {
            if (before != null && !before.status().isPaidOrLater() && o.status().isPaidOrLater()) {
                out.merge(Trigger.ORDER_PAID, 1L, Long::sum);
            }
            if (before == null && o.status().isPaidOrLater()) {
                out.merge(Trigger.ORDER_PAID, 1L, Long::sum);
            }
            if (o.status() == OrderStatus.CANCELED && (before == null || before.status() != OrderStatus.CANCELED)) {
                out.merge(Trigger.ORDER_CANCELED, 1L, Long::sum);
            }
            if (o.match().review() == OrderMatch.Review.NEEDED && (before == null || before.match().review() != OrderMatch.Review.NEEDED)) {
                out.merge(Trigger.REVIEW_NEEDED, 1L, Long::sum);
            }
            boolean refundedStatus = o.status() == OrderStatus.REFUNDED || o.status() == OrderStatus.PARTIALLY_REFUNDED;
            if (refundedStatus && (before == null ? o.refundedMinor() > 0 : o.refundedMinor() > before.refundedMinor())) {
                out.merge(Trigger.ORDER_REFUNDED, 1L, Long::sum);
            }
            before = o;
        }
        return out;
    }

    /** What the order holds, without the ids an admin's change draws at random. */
    private static List<Object> view(Order o) {
        return List.of(o.status(), String.valueOf(o.eventStatus()), String.valueOf(o.amount()), o.refundedMinor(),
                o.fullyRefunded(), String.valueOf(o.match().intentId()), o.match().review(),
                List.copyOf(o.tags()), o.reconcile(),
                new TreeSet<>(o.appliedEvents().stream().map(id -> id.startsWith("manual_") ? "manual" : id).toList()),
                o.appliedEvents().size(), o.version());
    }
}
