package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.Triggers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Payment-event processing against the commit's in-memory store and effects: what one event does to its order,
 * what a repeated or late event does, and that the match and risk decisions are written with the event.
 */
class PaymentEventProcessorTest {
    private static final String SITE = "site_unit";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryOrders store = new InMemoryOrders();
    private final RecordingEffects effects = new RecordingEffects();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicInteger matchDecisions = new AtomicInteger();
    private final PaymentEventProcessor processor = new PaymentEventProcessor(new OrderCommit(store, effects, clock), null,
            o -> {
                matchDecisions.incrementAndGet();
                return o;
            },
            (o, e) -> {
                Map<String, String> a = new HashMap<>(o.attributes());
                a.put("riskLevel", "low");
                return o.withAttributes(a);
            }, null, clock);

    @Test
    void aPaidEventCreatesThePaidOrderWithItsHistoryAndStartsOrderCreatedAndOrderPaid() {
        PaymentEventProcessor.Result r = processor.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000));

        assertThat(r.outcome()).isEqualTo(PaymentEventProcessor.Outcome.CREATED);
        Order stored = store.find(SITE, r.order().orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.PAID);
        assertThat(stored.amount()).isEqualTo(Money.ofMinor(5000, "USD"));
        assertThat(store.writes).isEqualTo(1);
        assertThat(store.history).containsExactly(stored.orderId() + "#evt_paid");
        assertThat(effects.runs).containsExactlyInAnyOrder(new Triggers.Fired(Trigger.ORDER_CREATED, "evt_paid"),
                new Triggers.Fired(Trigger.ORDER_PAID, "evt_paid"));
    }

    @Test
    void theSameEventDeliveredAgainIsADuplicateThatWritesNothingAndStartsNothingNew() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000);
        processor.process(paid);

        PaymentEventProcessor.Result again = processor.process(paid);

        assertThat(again.outcome()).isEqualTo(PaymentEventProcessor.Outcome.DUPLICATE);
        assertThat(again.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.writes).isEqualTo(1);
        assertThat(effects.runs).hasSize(2);
    }

    @Test
    void aFullRefundAfterThePaymentUpdatesTheOrderToRefunded() {
        processor.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000));

        PaymentEventProcessor.Result r = processor.process(event("evt_refund", EventKind.REFUNDED, 5000));

        assertThat(r.outcome()).isEqualTo(PaymentEventProcessor.Outcome.UPDATED);
        assertThat(store.find(SITE, r.order().orderId()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(effects.runs).contains(new Triggers.Fired(Trigger.ORDER_REFUNDED, "evt_refund"));
        assertThat(store.writes).isEqualTo(2);
    }

    @Test
    void aPaymentDeliveredLateAgainAfterTheRefundLeavesTheOrderRefunded() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000);
        processor.process(paid);
        processor.process(event("evt_refund", EventKind.REFUNDED, 5000));

        PaymentEventProcessor.Result late = processor.process(paid);

        assertThat(late.outcome()).isEqualTo(PaymentEventProcessor.Outcome.DUPLICATE);
        assertThat(store.find(SITE, late.order().orderId()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(store.writes).isEqualTo(2);
    }

    @Test
    void theMatchAndRiskDecisionsAreWrittenWithThePaymentAndTheMatchIsNotDecidedAgainForADuplicate() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED, 5000);
        PaymentEventProcessor.Result r = processor.process(paid);
        processor.process(paid);

        assertThat(store.find(SITE, r.order().orderId()).orElseThrow().attributes()).containsEntry("riskLevel", "low");
        assertThat(matchDecisions).hasValue(1);
    }

    private static PaymentEvent event(String id, EventKind kind, long minor) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", SITE, "pi_unit", kind, Money.ofMinor(minor, "USD"),
                null, null, List.of(), null, false, NOW.toString(), NOW.toString(), Map.of(), "application/json", "{}",
                List.of());
    }
}
