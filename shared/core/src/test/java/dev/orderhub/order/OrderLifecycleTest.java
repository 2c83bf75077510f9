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

    /** Delivers events as the payment-events function does: a repeat of an applied event id changes nothing. */
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

    /** A refund covers an order of nothing (a free order, or one whose amount a provider reported as 0). */
    @Test
    void aRefundOfAnOrderOfZeroIsARefundNotAPartialOne() {
        Order o = deliver(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, 0L), event("r", EventKind.REFUNDED, 100L)));
        assertThat(o.status()).isEqualTo(OrderStatus.REFUNDED);
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

    @Property(tries = 1000)
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

        // The whole order: status, amount, refunds, buyer, details, attributes and where each came from.
        assertThat(any).usingRecursiveComparison().isEqualTo(inOrder);
    }

    @Test
    void theAttributesOfTheHighestRankingEventWinWhateverOrderTheyArriveIn() {
        PaymentEvent authorized = withAttributes(event("evt_a", EventKind.PAYMENT_AUTHORIZED, 500L),
                Map.of("stripe.event_type", "payment_intent.amount_capturable_updated"));
        PaymentEvent pending = withAttributes(event("evt_p", EventKind.PAYMENT_PENDING, 500L),
                Map.of("stripe.event_type", "payment_intent.processing"));
        PaymentEvent paid = withAttributes(event("evt_s", EventKind.PAYMENT_SUCCEEDED, 500L),
                Map.of("stripe.event_type", "payment_intent.succeeded"));
        assertThat(deliver(List.of(authorized, pending)).attributes())
                .isEqualTo(deliver(List.of(pending, authorized)).attributes())
                .containsEntry("stripe.event_type", "payment_intent.amount_capturable_updated");
        assertThat(deliver(List.of(paid, pending, authorized)).attributes())
                .isEqualTo(deliver(List.of(authorized, pending, paid)).attributes())
                .containsEntry("stripe.event_type", "payment_intent.succeeded");
    }

    private static final List<PaymentEvent.Buyer> BUYERS = java.util.Arrays.asList(null,
            new PaymentEvent.Buyer("Ann", "ann@example.com"), new PaymentEvent.Buyer("Bo", "bo@example.com"),
            new PaymentEvent.Buyer(null, "anon@example.com"));

    /** What Stripe would name an event of this kind (its {@code stripe.event_type} attribute). */
    private static String stripeType(EventKind kind, int variant) {
        return switch (kind) {
            case PAYMENT_PENDING -> variant % 2 == 0 ? "payment_intent.processing" : "payment_intent.created";
            case PAYMENT_AUTHORIZED -> "payment_intent.amount_capturable_updated";
            case PAYMENT_SUCCEEDED -> variant % 2 == 0 ? "payment_intent.succeeded" : "charge.succeeded";
            case PAYMENT_FAILED -> "payment_intent.payment_failed";
            case PAYMENT_CANCELED -> "payment_intent.canceled";
            case REFUNDED -> variant % 2 == 0 ? "charge.refunded" : "refund.created";
            case DISPUTED -> "charge.dispute.created";
            case FULFILLED -> "checkout.session.completed";
            default -> "event." + variant;
        };
    }

    private static PaymentEvent withAttributes(PaymentEvent e, Map<String, String> attributes) {
        return new PaymentEvent(e.schemaVersion(), e.eventId(), e.provider(), e.clientId(), e.orderRef(), e.kind(), e.amount(),
                e.buyer(), e.message(), e.items(), e.category(), e.test(), e.occurredAt(), e.receivedAt(), attributes,
                e.rawContentType(), e.raw(), e.records());
    }

    /**
     * Histories of one order as providers deliver them: every kind, amounts in several currencies
     * or none, several buyers (or none), messages, items and categories on some events, a
     * realistic {@code stripe.event_type} on each and sometimes a second attribute shared with
     * other events, occurrence times that tie, and distinct events with identical content.
     */
    @Provide
    Arbitrary<List<PaymentEvent>> histories() {
        Arbitrary<EventKind> kinds = Arbitraries.of(EventKind.PAYMENT_PENDING, EventKind.PAYMENT_AUTHORIZED,
                EventKind.PAYMENT_SUCCEEDED, EventKind.PAYMENT_FAILED, EventKind.PAYMENT_CANCELED, EventKind.FULFILLED,
                EventKind.REFUNDED, EventKind.DISPUTED, EventKind.RISK_ASSESSED, EventKind.MANUAL_STATUS);
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 10_000).injectNull(0.3);
        Arbitrary<String> currencies = Arbitraries.of("USD", "EUR", "JPY");
        Arbitrary<Integer> buyers = Arbitraries.integers().between(0, BUYERS.size() - 1);
        Arbitrary<Integer> variants = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 3);
        Arbitrary<OrderStatus> manualTargets = Arbitraries.of(OrderStatus.class);
        Arbitrary<Boolean> copies = Arbitraries.of(false, false, false, true);
        Arbitrary<Object[]> spec = Combinators.combine(kinds, amounts, currencies, buyers, variants, seconds, manualTargets, copies)
                .as((k, a, c, b, v, sec, target, copy) -> new Object[] {k, a, c, b, v, sec, target, copy});
        return spec.list().ofMinSize(1).ofMaxSize(8).map(specs -> {
            List<PaymentEvent> events = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                Object[] s = specs.get(i);
                String id = "evt_" + i;
                if (Boolean.TRUE.equals(s[7]) && !events.isEmpty()) {
                    // The same content under another event id (a provider sending one change twice).
                    PaymentEvent twin = events.get(events.size() - 1);
                    events.add(new PaymentEvent(1, id, twin.provider(), twin.clientId(), twin.orderRef(), twin.kind(),
                            twin.amount(), twin.buyer(), twin.message(), twin.items(), twin.category(), twin.test(),
                            twin.occurredAt(), twin.receivedAt(), twin.attributes(), twin.rawContentType(), twin.raw(),
                            twin.records()));
                    continue;
                }
                EventKind kind = (EventKind) s[0];
                int variant = (Integer) s[4];
                String occurredAt = "2026-01-01T00:00:0" + s[5] + "Z";
                if (kind == EventKind.MANUAL_STATUS) {
                    events.add(manual(id, (OrderStatus) s[6]));
                    continue;
                }
                if (kind == EventKind.RISK_ASSESSED) {
                    events.add(new PaymentEvent(1, id, "stripe", "site_test", "pi_1", kind, null, null, null, List.of(),
                            null, false, occurredAt, "2026-01-01T00:01:00Z",
                            Map.of("stripe.risk_level", variant % 2 == 0 ? "normal" : "elevated", "stripe.risk_score", "" + variant * 10),
                            "application/json", "{}", List.of()));
                    continue;
                }
                Map<String, String> attributes = new java.util.HashMap<>();
                attributes.put("stripe.event_type", stripeType(kind, variant));
                if (variant >= 3) {
                    attributes.put("stripe.livemode", variant == 3 ? "false" : "true");
                }
                Long minor = (Long) s[1];
                events.add(new PaymentEvent(1, id, "stripe", "site_test", "pi_1", kind,
                        minor == null ? null : Money.ofMinor(minor, (String) s[2]), BUYERS.get((Integer) s[3]),
                        variant == 1 ? null : "message " + variant, variant == 2 ? List.of() : List.of("item " + variant),
                        variant == 0 ? null : "category " + variant, variant == 5, occurredAt, "2026-01-01T00:01:00Z",
                        attributes, "application/json", "{}", List.of()));
            }
            return events;
        });
    }
}
