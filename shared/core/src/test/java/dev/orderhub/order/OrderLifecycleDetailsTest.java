package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which event an order takes its amount, buyer, dates and flags from, whatever order the events arrive in. */
class OrderLifecycleDetailsTest {
    private static final String ORDER_ID = "stripe_aaaaaaaaaaaaaaaaaaaa";

    private static PaymentEvent event(String id, EventKind kind, Long minor, String buyer, String occurredAt, boolean test,
            Map<String, String> attributes) {
        return new PaymentEvent(1, id, "stripe", "site_test", "pi_1", kind, minor == null ? null : Money.ofMinor(minor, "USD"),
                buyer == null ? null : new PaymentEvent.Buyer(buyer, buyer.toLowerCase() + "@example.com"),
                buyer == null ? null : "message from " + buyer, buyer == null ? List.of() : List.of("item of " + buyer),
                buyer == null ? null : "category of " + buyer, test, occurredAt, "2026-01-01T00:09:00Z", attributes,
                "application/json", "{}", List.of());
    }

    private static PaymentEvent event(String id, EventKind kind, Long minor, String buyer) {
        return event(id, kind, minor, buyer, "2026-01-01T00:00:00Z", false, Map.of());
    }

    private static Order apply(PaymentEvent... events) {
        Order o = null;
        for (PaymentEvent e : events) {
            o = OrderLifecycle.apply(o, e, ORDER_ID, "2026-01-01T00:10:00Z");
        }
        return o;
    }

    @Test
    void thePaymentsAmountAndBuyerWinOverAPendingOnesInEitherOrder() {
        PaymentEvent paid = event("evt_a", EventKind.PAYMENT_SUCCEEDED, 700L, "Payer");
        PaymentEvent pending = event("evt_z", EventKind.PAYMENT_PENDING, 500L, "Pending");
        for (Order o : List.of(apply(paid, pending), apply(pending, paid))) {
            assertThat(o.amount()).isEqualTo(Money.ofMinor(700, "USD"));
            assertThat(o.amountSource()).isEqualTo("5:evt_a");
            assertThat(o.buyerName()).isEqualTo("Payer");
            assertThat(o.buyerEmail()).isEqualTo("payer@example.com");
            assertThat(o.message()).isEqualTo("message from Payer");
            assertThat(o.items()).containsExactly("item of Payer");
            assertThat(o.category()).isEqualTo("category of Payer");
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        }
        PaymentEvent authorized = event("evt_b", EventKind.PAYMENT_AUTHORIZED, 600L, "Holder");
        assertThat(apply(pending, authorized).amount()).isEqualTo(Money.ofMinor(600, "USD"));
        assertThat(apply(authorized, pending).amount()).isEqualTo(Money.ofMinor(600, "USD"));
        PaymentEvent fulfilled = event("evt_c", EventKind.FULFILLED, 650L, "Shipper");
        assertThat(apply(fulfilled, authorized).amount()).isEqualTo(Money.ofMinor(650, "USD"));
        assertThat(apply(paid, fulfilled).amount()).isEqualTo(Money.ofMinor(700, "USD"));
        PaymentEvent failed = event("evt_d", EventKind.PAYMENT_FAILED, 400L, "Failer");
        assertThat(apply(pending, failed).amount()).as("a pending amount outranks a failed attempt's").isEqualTo(Money.ofMinor(500, "USD"));
    }

    @Test
    void aLaterEventWithoutDetailsKeepsTheBuyerItHad() {
        Order o = apply(event("evt_a", EventKind.PAYMENT_PENDING, 500L, "Ann"),
                event("evt_b", EventKind.PAYMENT_SUCCEEDED, 500L, null));
        assertThat(o.buyerName()).isEqualTo("Ann");
        assertThat(o.buyerEmail()).isEqualTo("ann@example.com");
        assertThat(o.message()).isEqualTo("message from Ann");
        assertThat(o.items()).containsExactly("item of Ann");
        assertThat(o.category()).isEqualTo("category of Ann");
    }

    @Test
    void aRefundNeverReplacesTheBuyerOrTheAmount() {
        Order o = apply(event("evt_a", EventKind.PAYMENT_SUCCEEDED, 500L, "Ann"),
                event("evt_r", EventKind.REFUNDED, 200L, "Refunder"));
        assertThat(o.buyerName()).isEqualTo("Ann");
        assertThat(o.message()).isEqualTo("message from Ann");
        assertThat(o.amount()).isEqualTo(Money.ofMinor(500, "USD"));
        assertThat(o.refundedMinor()).isEqualTo(200);
        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        Order canceled = apply(event("evt_a", EventKind.PAYMENT_PENDING, 500L, "Ann"),
                event("evt_c", EventKind.PAYMENT_CANCELED, null, "Other"));
        assertThat(canceled.buyerName()).isEqualTo("Ann");
    }

    @Test
    void aFirstEventWithoutAmountStillGivesTheBuyer() {
        Order o = apply(event("evt_r", EventKind.REFUNDED, null, "Ann"));
        assertThat(o.buyerName()).isEqualTo("Ann");
        assertThat(o.items()).containsExactly("item of Ann");
        assertThat(o.fullyRefunded()).isTrue();
        assertThat(o.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void anOrderWasCreatedWhenItsEarliestEventHappened() {
        PaymentEvent late = event("evt_a", EventKind.PAYMENT_SUCCEEDED, 500L, null, "2026-01-01T00:05:00Z", false, Map.of());
        PaymentEvent early = event("evt_b", EventKind.PAYMENT_PENDING, 500L, null, "2026-01-01T00:01:00Z", false, Map.of());
        PaymentEvent undated = event("evt_c", EventKind.FULFILLED, null, null, null, false, Map.of());
        assertThat(apply(late, early).createdAt()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(apply(early, late).createdAt()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(apply(late, undated).createdAt()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(apply(undated, late).createdAt()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(apply(late).updatedAt()).isEqualTo("2026-01-01T00:10:00Z");
    }

    @Test
    void oneTestEventMakesTheOrderATestOrderForGood() {
        PaymentEvent live = event("evt_a", EventKind.PAYMENT_PENDING, 500L, null, "2026-01-01T00:00:00Z", false, Map.of());
        PaymentEvent sandbox = event("evt_b", EventKind.PAYMENT_SUCCEEDED, 500L, null, "2026-01-01T00:00:00Z", true, Map.of());
        PaymentEvent live2 = event("evt_c", EventKind.FULFILLED, null, null, "2026-01-01T00:00:00Z", false, Map.of());
        assertThat(apply(live, live2).test()).isFalse();
        assertThat(apply(sandbox, live2).test()).isTrue();
        assertThat(apply(live, sandbox).test()).isTrue();
    }

    @Test
    void aProvidersAttributesLandOnTheOrder() {
        Order o = apply(event("evt_a", EventKind.PAYMENT_SUCCEEDED, 500L, null, "2026-01-01T00:00:00Z", false,
                Map.of("stripe.risk_level", "normal")), event("evt_b", EventKind.FULFILLED, null, null,
                "2026-01-01T00:01:00Z", false, Map.of("stripe.shipping", "express")));
        assertThat(o.attributes()).containsEntry("stripe.risk_level", "normal").containsEntry("stripe.shipping", "express");
    }

    @Test
    void aFreeOrderIsPaidNotRefunded() {
        Order o = apply(event("evt_a", EventKind.PAYMENT_SUCCEEDED, 0L, "Ann"));
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(apply(event("evt_a", EventKind.PAYMENT_SUCCEEDED, 500L, "Ann"), event("evt_r", EventKind.REFUNDED, 500L, null))
                .status()).as("a refund of the whole amount").isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void onlyOrderEventsTouchOrders() {
        assertThat(OrderLifecycle.touchesOrders(EventKind.MANUAL_STATUS)).isTrue();
        assertThat(OrderLifecycle.touchesOrders(EventKind.RISK_ASSESSED)).isTrue();
        assertThat(OrderLifecycle.touchesOrders(EventKind.PAYMENT_PENDING)).isTrue();
        assertThat(OrderLifecycle.touchesOrders(EventKind.REFUNDED)).isTrue();
        assertThat(OrderLifecycle.touchesOrders(EventKind.RECORD)).isFalse();
        assertThat(OrderLifecycle.touchesOrders(EventKind.SUBSCRIPTION_STARTED)).isFalse();
        assertThat(OrderLifecycle.touchesOrders(EventKind.SUBSCRIPTION_CANCELED)).isFalse();
    }

    @Test
    void statusPrecedenceIsTheDeclarationOrder() {
        assertThat(OrderStatus.max(OrderStatus.PAID, OrderStatus.PAID)).isEqualTo(OrderStatus.PAID);
        assertThat(OrderStatus.max(OrderStatus.PAID, OrderStatus.FAILED)).isEqualTo(OrderStatus.PAID);
        assertThat(OrderStatus.max(OrderStatus.FAILED, OrderStatus.PAID)).isEqualTo(OrderStatus.PAID);
        assertThat(OrderStatus.max(null, OrderStatus.DONE)).isEqualTo(OrderStatus.DONE);
        assertThat(OrderStatus.max(OrderStatus.DONE, null)).isEqualTo(OrderStatus.DONE);
        assertThat(OrderStatus.fromWire("partially_refunded")).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(OrderStatus.PARTIALLY_REFUNDED.wire()).isEqualTo("partially_refunded");
        assertThat(List.of(OrderStatus.values()).stream().filter(OrderStatus::isPaidOrLater).toList())
                .containsExactly(OrderStatus.PAID, OrderStatus.DONE, OrderStatus.DISPUTED, OrderStatus.PARTIALLY_REFUNDED,
                        OrderStatus.REFUNDED);
    }
}
