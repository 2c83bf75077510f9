package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {
    private static final String ORDER_ID = "kofi_aaaaaaaaaaaaaaaaaaaa";

    static PaymentEvent event(String id, EventKind kind, Long minor) {
        return new PaymentEvent(1, id, "stripe", "site_test", "pi_1", kind,
                minor == null ? null : Money.ofMinor(minor, "USD"), new PaymentEvent.Buyer("A", "a@example.com"),
                null, List.of(), null, false, "2026-01-01T00:00:0" + (Math.abs(id.hashCode()) % 10) + "Z",
                "2026-01-01T00:01:00Z", Map.of(), "application/json", "{}", List.of());
    }

    static PaymentEvent risk(String id, String occurredAt, String level) {
        return new PaymentEvent(1, id, "shopify", "site_test", "pi_1", EventKind.RISK_ASSESSED, null, null, null,
                List.of(), null, false, occurredAt, "2026-01-01T00:01:00Z", Map.of("shopify.risk_level", level),
                "application/json", "{}", List.of());
    }

    /** An admin's status change, as {@link ManualStatusChange} makes it. */
    static PaymentEvent manual(String id, OrderStatus target) {
        return new PaymentEvent(1, id, "stripe", "site_test", "pi_1", EventKind.MANUAL_STATUS, null, null, null,
                List.of(), null, false, "2026-01-01T00:05:00Z", "2026-01-01T00:05:00Z",
                Map.of(OrderLifecycle.MANUAL_STATUS, target.wire()), "application/json", "{}", List.of());
    }

    @Test
    void aManualStatusIsNotUndoneByALaterCallback() {
        Order o = deliver(List.of(event("p", EventKind.PAYMENT_PENDING, 500L), manual("m", OrderStatus.PAID),
                event("p2", EventKind.PAYMENT_PENDING, 500L), event("f", EventKind.PAYMENT_FAILED, null)));
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.attributes()).doesNotContainKey(OrderLifecycle.MANUAL_STATUS);
        Order refunded = deliver(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, 500L), manual("m", OrderStatus.DONE),
                event("r", EventKind.REFUNDED, null)));
        assertThat(refunded.status()).as("a later, higher provider status still moves past it").isEqualTo(OrderStatus.REFUNDED);
    }

    /** Delivers events as the matcher does: a repeat of an applied event id changes nothing. */
    static Order deliver(List<PaymentEvent> deliveries) {
        Order o = null;
        for (PaymentEvent e : deliveries) {
            if (o != null && o.hasApplied(e.eventId())) {
                continue;
            }
            o = OrderLifecycle.apply(o, e, ORDER_ID, "2026-01-01T00:02:00Z");
        }
        return o;
    }

    @Test
    void latePaymentNeverUndoesARefund() {
        Order o = deliver(List.of(event("e1", EventKind.PAYMENT_SUCCEEDED, 500L),
                event("e2", EventKind.REFUNDED, null), event("e3", EventKind.PAYMENT_SUCCEEDED, 500L)));
        assertThat(o.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void doneIsNotReopenedByAnotherPaid() {
        Order o = deliver(List.of(event("e1", EventKind.PAYMENT_SUCCEEDED, 500L), event("e2", EventKind.FULFILLED, null),
                event("e1", EventKind.PAYMENT_SUCCEEDED, 500L), event("e3", EventKind.PAYMENT_SUCCEEDED, 500L)));
        assertThat(o.status()).isEqualTo(OrderStatus.DONE);
    }

    @Test
    void partialRefundsAddUpToAFullRefund() {
        Order partial = deliver(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, 1000L), event("r1", EventKind.REFUNDED, 300L)));
        assertThat(partial.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(partial.refundedMinor()).isEqualTo(300);
        Order full = deliver(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, 1000L), event("r1", EventKind.REFUNDED, 300L),
                event("r2", EventKind.REFUNDED, 700L)));
        assertThat(full.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void aFailedAttemptFollowedByASuccessIsPaid() {
        Order o = deliver(List.of(event("f", EventKind.PAYMENT_FAILED, 500L), event("s", EventKind.PAYMENT_SUCCEEDED, 500L)));
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        Order late = deliver(List.of(event("s", EventKind.PAYMENT_SUCCEEDED, 500L), event("f", EventKind.PAYMENT_FAILED, 500L)));
        assertThat(late.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aDuplicateChangesNothing() {
        Order once = deliver(List.of(event("s", EventKind.PAYMENT_SUCCEEDED, 500L), event("r", EventKind.REFUNDED, 100L)));
        Order twice = deliver(List.of(event("s", EventKind.PAYMENT_SUCCEEDED, 500L), event("r", EventKind.REFUNDED, 100L),
                event("r", EventKind.REFUNDED, 100L)));
        assertThat(twice.refundedMinor()).isEqualTo(once.refundedMinor()).isEqualTo(100);
        assertThat(twice).usingRecursiveComparison().isEqualTo(once);
    }

    @Test
    void aRiskAssessmentBeforeTheOrderIsKeptAndTheOrderStillTakesItsOwnStatusAndAmount() {
        assertThat(OrderLifecycle.touchesOrders(EventKind.RISK_ASSESSED)).isTrue();
        assertThat(OrderLifecycle.impliedStatus(EventKind.RISK_ASSESSED)).isNull();

        Order shell = deliver(List.of(risk("r1", "2026-01-01T00:00:05Z", "high")));
        assertThat(shell.status()).as("risk alone implies no status").isEqualTo(OrderStatus.PENDING);
        assertThat(shell.amount()).isNull();
        assertThat(shell.attributes()).containsEntry("shopify.risk_level", "high");

        Order paid = deliver(List.of(risk("r1", "2026-01-01T00:00:05Z", "high"),
                event("p", EventKind.PAYMENT_SUCCEEDED, 500L)));
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.amount()).isEqualTo(Money.ofMinor(500, "USD"));
        assertThat(paid.buyerName()).isEqualTo("A");
        assertThat(paid.attributes()).containsEntry("shopify.risk_level", "high");

        Order refunded = deliver(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, 500L), event("x", EventKind.REFUNDED, null),
                risk("r1", "2026-01-01T00:00:05Z", "low")));
        assertThat(refunded.status()).as("a risk assessment never moves a status back").isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void theNewestRiskAssessmentWinsWhateverOrderTheyArriveIn() {
        PaymentEvent older = risk("r1", "2026-01-01T00:00:01Z", "low");
        PaymentEvent newer = risk("r2", "2026-01-01T00:00:09Z", "high");
        assertThat(deliver(List.of(older, newer)).attributes()).containsEntry("shopify.risk_level", "high");
        assertThat(deliver(List.of(newer, older)).attributes()).containsEntry("shopify.risk_level", "high");
    }

    @Property(tries = 500)
    void anyPermutationWithDuplicatesGivesTheSameOrder(@ForAll("histories") List<PaymentEvent> history,
            @ForAll long seed) {
        Order inOrder = deliver(history);

        List<PaymentEvent> shuffled = new ArrayList<>(history);
        Random random = new Random(seed);
        int repeats = random.nextInt(history.size() + 1);
        for (int i = 0; i < repeats; i++) {
            shuffled.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(shuffled, random);
        Order any = deliver(shuffled);

        assertThat(any.status()).isEqualTo(inOrder.status());
        assertThat(any.amount()).isEqualTo(inOrder.amount());
        assertThat(any.refundedMinor()).isEqualTo(inOrder.refundedMinor());
        assertThat(any.appliedEvents()).isEqualTo(inOrder.appliedEvents());
        assertThat(any.createdAt()).isEqualTo(inOrder.createdAt());
        assertThat(any.attributes()).isEqualTo(inOrder.attributes());
    }

    @Provide
    Arbitrary<List<PaymentEvent>> histories() {
        Arbitrary<EventKind> kinds = Arbitraries.of(EventKind.PAYMENT_PENDING, EventKind.PAYMENT_AUTHORIZED,
                EventKind.PAYMENT_SUCCEEDED, EventKind.PAYMENT_FAILED, EventKind.PAYMENT_CANCELED, EventKind.FULFILLED,
                EventKind.REFUNDED, EventKind.DISPUTED, EventKind.RISK_ASSESSED, EventKind.MANUAL_STATUS);
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 10_000);
        Arbitrary<Boolean> hasAmount = Arbitraries.of(true, true, false);
        Arbitrary<OrderStatus> manualTargets = Arbitraries.of(OrderStatus.class);
        return Combinators.combine(kinds, amounts, hasAmount, manualTargets)
                .as((k, a, has, target) -> new Object[] {k, has ? a : null, target})
                .list().ofMinSize(1).ofMaxSize(8)
                .map(specs -> {
                    List<PaymentEvent> events = new ArrayList<>();
                    for (int i = 0; i < specs.size(); i++) {
                        Object[] spec = specs.get(i);
                        EventKind kind = (EventKind) spec[0];
                        events.add(kind == EventKind.MANUAL_STATUS ? manual("evt_" + i, (OrderStatus) spec[2])
                                : kind == EventKind.RISK_ASSESSED
                                ? risk("evt_" + i, "2026-01-01T00:00:0" + (i % 3) + "Z", "level" + i)
                                : event("evt_" + i, kind, (Long) spec[1]));
                    }
                    return events;
                });
    }
}
