package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A queue's batch of payment events over the commit's in-memory store: the batch's orders are read
 * in one batch read and each commit starts from its order as read there, and a read-ahead gone
 * stale before its commit never changes what the commit does.
 */
class PaymentEventBatchTest {
    private static final String SITE = "site_unit";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryOrders store = new InMemoryOrders();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PaymentEventProcessor processor = new PaymentEventProcessor(new OrderCommit(store, new RecordingEffects(), clock),
            null, UnaryOperator.identity(), (o, e) -> o, null, clock);

    @Test
    void tenEventsOfTenOrdersReadTheirOrdersInOneBatchReadAndNoneAlone() {
        List<PaymentEvent> paid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            processor.process(event("evt_pending_" + i, EventKind.PAYMENT_PENDING, "pi_" + i, 5000));
            paid.add(event("evt_paid_" + i, EventKind.PAYMENT_SUCCEEDED, "pi_" + i, 5000));
        }
        store.finds = 0;
        int writes = store.writes;

        PaymentEventProcessor.Batch batch = processor.batch(paid);
        paid.forEach(batch::process);

        assertThat(store.batchReads).isEqualTo(1);
        assertThat(store.finds).as("orders read alone").isZero(); // before this test reads them
        assertThat(store.writes - writes).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            Order o = order("pi_" + i);
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
            assertThat(o.appliedEvents()).containsExactlyInAnyOrder("evt_pending_" + i, "evt_paid_" + i);
        }
    }

    @Test
    void anEventWhoseOrderChangedAfterTheBatchReadIsAppliedToTheOrderAsStoredNow() {
        processor.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_stale", 5000));
        PaymentEvent mine = event("evt_refund_mine", EventKind.REFUNDED, "pi_stale", 100);
        PaymentEventProcessor.Batch batch = processor.batch(List.of(mine));
        // Another invocation applies its refund between the batch read and this event's commit.
        processor.process(event("evt_refund_theirs", EventKind.REFUNDED, "pi_stale", 100));

        PaymentEventProcessor.Result r = batch.process(mine);

        assertThat(r.outcome()).isEqualTo(PaymentEventProcessor.Outcome.UPDATED);
        Order o = order("pi_stale");
        assertThat(o.appliedEvents()).containsExactlyInAnyOrder("evt_paid", "evt_refund_mine", "evt_refund_theirs");
        assertThat(o.refundedMinor()).as("both refunds, neither overwritten").isEqualTo(200);
        assertThat(o.version()).isEqualTo(3);
    }

    @Test
    void anOrderCreatedAfterTheBatchReadFoundItAbsentKeepsBothEvents() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_new", 5000);
        PaymentEventProcessor.Batch batch = processor.batch(List.of(paid));
        processor.process(event("evt_pending", EventKind.PAYMENT_PENDING, "pi_new", 5000));

        PaymentEventProcessor.Result r = batch.process(paid);

        assertThat(r.outcome()).as("the order existed when it was written").isEqualTo(PaymentEventProcessor.Outcome.UPDATED);
        assertThat(order("pi_new").appliedEvents()).containsExactlyInAnyOrder("evt_pending", "evt_paid");
        assertThat(order("pi_new").status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void twoEventsOfOneOrderInOneBatchAreBothAppliedWithoutLosingARaceToEachOther() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_twice", 5000);
        PaymentEvent refund = event("evt_refund", EventKind.REFUNDED, "pi_twice", 100);
        AtomicInteger attempts = new AtomicInteger();
        store.beforeSave = attempts::incrementAndGet;

        PaymentEventProcessor.Batch batch = processor.batch(List.of(paid, refund));
        batch.process(paid);
        batch.process(refund);
        int finds = store.finds;

        Order o = order("pi_twice");
        assertThat(o.appliedEvents()).containsExactlyInAnyOrder("evt_paid", "evt_refund");
        assertThat(o.refundedMinor()).isEqualTo(100);
        assertThat(attempts).as("write attempts: none lost").hasValue(2);
        assertThat(store.batchReads).isEqualTo(1);
        assertThat(finds).as("orders read alone").isZero();
    }

    @Test
    void aKeyTheBatchReadDidNotAnswerIsReadByItsCommitNotTakenForAbsent() {
        processor.process(event("evt_pending", EventKind.PAYMENT_PENDING, "pi_busy", 5000));
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_busy", 5000);
        store.unanswered.add(new OrderKey(SITE, OrderIds.of(SITE, "stripe", "pi_busy")));
        AtomicInteger attempts = new AtomicInteger();
        store.beforeSave = attempts::incrementAndGet;
        store.finds = 0;

        processor.batch(List.of(paid)).process(paid);

        assertThat(store.finds).as("its commit read it").isEqualTo(1);
        assertThat(attempts).as("write attempts: not one from an order taken for absent").hasValue(1);
        assertThat(order("pi_busy").status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aFailingBatchReadLeavesEachEventToReadItsOrder() {
        processor.process(event("evt_pending", EventKind.PAYMENT_PENDING, "pi_down", 5000));
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_down", 5000);
        store.batchReadFails = true;

        PaymentEventProcessor.Result r = processor.batch(List.of(paid)).process(paid);

        assertThat(r.outcome()).isEqualTo(PaymentEventProcessor.Outcome.UPDATED);
        assertThat(order("pi_down").status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aRiskAnalysisThatFailsOnAReadAheadLeavesNoIntentClaimedThatTheOrderIsNotLinkedTo() {
        // Intents as the intent matcher takes them: the first open one is claimed for the order and is open no more.
        List<String> open = new ArrayList<>(List.of("int_1", "int_2"));
        List<String> claimed = new ArrayList<>();
        UnaryOperator<Order> match = o -> {
            String intent = open.remove(0);
            claimed.add(intent);
            return o.withMatch(new OrderMatch(intent, "by email", OrderMatch.Review.NONE, List.of(), NOW.toString(), null, null));
        };
        AtomicInteger analyses = new AtomicInteger();
        PaymentEventProcessor matching = new PaymentEventProcessor(new OrderCommit(store, new RecordingEffects(), clock), null,
                match, (o, e) -> {
                    if (analyses.incrementAndGet() == 1) {
                        throw new IllegalStateException("the customer table did not answer");
                    }
                    return o;
                }, null, clock);
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, "pi_claim", 5000);

        matching.batch(List.of(paid)).process(paid);

        Order o = order("pi_claim");
        assertThat(o.match().intentId()).isNotNull();
        assertThat(claimed).as("intents taken for the order").containsExactly(o.match().intentId());
    }

    private Order order(String ref) {
        return store.find(SITE, OrderIds.of(SITE, "stripe", ref)).orElseThrow();
    }

    private static PaymentEvent event(String id, EventKind kind, String ref, long minor) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", SITE, ref, kind, Money.ofMinor(minor, "USD"),
                null, null, List.of(), null, false, NOW.toString(), NOW.toString(), Map.of(), "application/json", "{}",
                List.of());
    }
}
