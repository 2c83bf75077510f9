package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order keeps both times: the provider's (createdAt) and the hub's (receivedAt). */
class OrderTimesTest {
    private static PaymentEvent event(String id, EventKind kind, String occurredAt, String receivedAt) {
        return new PaymentEvent(1, id, "stripe", "site_test", "pi_1", kind, Money.ofMinor(500, "USD"), null, null,
                List.of(), null, false, occurredAt, receivedAt, Map.of(), "application/json", "{}", List.of());
    }

    private static Order apply(List<PaymentEvent> events) {
        Order o = null;
        for (PaymentEvent e : events) {
            o = OrderLifecycle.apply(o, e, "ord_1", "2026-03-05T00:00:00Z");
        }
        return o;
    }

    @Test
    void createdAtIsTheProvidersEarliestTimeAndReceivedAtTheHubsEarliest() {
        // A synced, months-old payment first, its authorization delivered (late) afterwards.
        PaymentEvent paid = event("p", EventKind.PAYMENT_SUCCEEDED, "2025-12-01T12:05:00Z", "2026-03-01T09:00:00Z");
        PaymentEvent authorized = event("a", EventKind.PAYMENT_AUTHORIZED, "2025-12-01T12:00:00Z", "2026-03-02T09:00:00Z");

        for (List<PaymentEvent> order : List.of(List.of(paid, authorized), List.of(authorized, paid))) {
            Order o = apply(order);
            assertThat(o.createdAt()).isEqualTo("2025-12-01T12:00:00Z");
            assertThat(o.receivedAt()).isEqualTo("2026-03-01T09:00:00Z");
        }
    }

    @Test
    void anAdminsStatusChangeIsNotWhenTheHubReceivedThePurchase() {
        Order o = apply(List.of(event("p", EventKind.PAYMENT_SUCCEEDED, "2026-03-01T12:00:00Z", "2026-03-01T12:00:02Z"),
                OrderLifecycleTest.manual("m", OrderStatus.DONE)));
        assertThat(o.receivedAt()).isEqualTo("2026-03-01T12:00:02Z");
    }
}
