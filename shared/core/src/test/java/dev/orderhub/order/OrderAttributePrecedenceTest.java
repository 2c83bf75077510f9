package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each attribute and detail keeps the value of the event that ranks highest, whatever order events arrive in. */
class OrderAttributePrecedenceTest {
    private static PaymentEvent event(String id, EventKind kind, Long minor, String buyer, Map<String, String> attributes) {
        return new PaymentEvent(1, id, "shopify", "site_test", "1001", kind, minor == null ? null : Money.ofMinor(minor, "USD"),
                buyer == null ? null : new PaymentEvent.Buyer(buyer, null), null, List.of(), null, false, "2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z", attributes, "application/json", "{}", List.of());
    }

    private static Order apply(Order o, PaymentEvent... events) {
        for (PaymentEvent e : events) {
            o = OrderLifecycle.apply(o, e, "shopify_x", "2026-01-01T00:02:00Z");
        }
        return o;
    }

    @Test
    void aPendingNoticesAttributeOutranksARiskAssessmentsInEitherOrder() {
        PaymentEvent pending = event("evt_p", EventKind.PAYMENT_PENDING, 500L, null, Map.of("shopify.gateway", "manual"));
        PaymentEvent risk = event("evt_r", EventKind.RISK_ASSESSED, null, null,
                Map.of("shopify.gateway", "from-risk", "shopify.risk_level", "high"));
        for (Order o : List.of(apply(null, pending, risk), apply(null, risk, pending))) {
            assertThat(o.attributes()).containsEntry("shopify.gateway", "manual").containsEntry("shopify.risk_level", "high");
            assertThat(o.attributes().get(OrderLifecycle.RISK_SOURCE)).as("only a risk assessment names itself the risk source")
                    .isEqualTo("2026-01-01T00:00:00Z evt_r");
        }
        assertThat(apply(null, pending).attributes()).doesNotContainKey(OrderLifecycle.RISK_SOURCE);
        assertThat(OrderLifecycle.attributePrecedence(risk)).startsWith("00.");
        assertThat(OrderLifecycle.attributePrecedence(pending)).startsWith("01.2 ");
    }

    @Test
    void anOrderStoredBeforeDetailsHadSourcesKeepsItsPaymentsBuyer() {
        // Written by an earlier version: no attribute sources, details from the amount's event.
        Order stored = new Order("site_test", "shopify_x", "shopify", "1001", OrderStatus.PAID, OrderStatus.PAID,
                Money.ofMinor(500, "USD"), "5:evt_a", 0, false, "Payer", null, null, List.of(), null, false,
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", Set.of("evt_a"), Map.of(), null, null, 1);
        Order after = apply(stored, event("evt_z", EventKind.PAYMENT_PENDING, 500L, "Late pending notice", Map.of()));
        assertThat(after.buyerName()).isEqualTo("Payer");
    }

    @Test
    void theNewerOfTwoRiskAssessmentsWinsEvenWhenItsIdSortsFirst() {
        PaymentEvent older = new PaymentEvent(1, "evt_z", "shopify", "site_test", "1001", EventKind.RISK_ASSESSED, null, null, null,
                List.of(), null, false, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", Map.of("shopify.risk_level", "high"),
                "application/json", "{}", List.of());
        PaymentEvent newer = new PaymentEvent(1, "evt_a", "shopify", "site_test", "1001", EventKind.RISK_ASSESSED, null, null, null,
                List.of(), null, false, "2026-01-01T00:05:00Z", "2026-01-01T00:06:00Z", Map.of("shopify.risk_level", "low"),
                "application/json", "{}", List.of());
        assertThat(apply(null, older, newer).attributes()).containsEntry("shopify.risk_level", "low");
        assertThat(apply(null, newer, older).attributes()).containsEntry("shopify.risk_level", "low");
    }
}
