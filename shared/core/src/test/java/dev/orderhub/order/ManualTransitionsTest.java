package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTransitionsTest {
    @Test
    void everyStatusHasARowAndEveryAllowedChangeMovesUpThePrecedence() {
        assertThat(ManualTransitions.table().keySet()).containsExactlyInAnyOrder(OrderStatus.values());
        ManualTransitions.table().forEach((from, targets) -> targets.forEach(to ->
                assertThat(to.ordinal()).as(from + " -> " + to + " must move up, or the lifecycle's maximum would ignore it")
                        .isGreaterThan(from.ordinal())));
    }

    @Test
    void theTableSaysWhatAdminsExpect() {
        assertThat(ManualTransitions.allowed(OrderStatus.PENDING, OrderStatus.PAID)).isTrue();
        assertThat(ManualTransitions.allowed(OrderStatus.PAID, OrderStatus.DONE)).isTrue();
        assertThat(ManualTransitions.allowed(OrderStatus.PAID, OrderStatus.REFUNDED)).isTrue();
        assertThat(ManualTransitions.allowed(OrderStatus.PAID, OrderStatus.PENDING)).as("never backwards").isFalse();
        assertThat(ManualTransitions.allowed(OrderStatus.REFUNDED, OrderStatus.PAID)).isFalse();
        assertThat(ManualTransitions.allowed(OrderStatus.PAID, OrderStatus.PAID)).as("no-op is not a change").isFalse();
        assertThat(ManualTransitions.targets(OrderStatus.CANCELED)).isEmpty();
    }

    /** Applied through the lifecycle, every allowed change lands exactly on its target. */
    @Test
    void everyAllowedChangeAppliedThroughTheLifecycleGivesItsTarget() {
        for (OrderStatus from : OrderStatus.values()) {
            Order start = orderIn(from);
            assertThat(start.status()).isEqualTo(from);
            for (OrderStatus to : ManualTransitions.targets(from)) {
                Order after = OrderLifecycle.apply(start, OrderLifecycleTest.manual("m", to), start.orderId(), "2026-01-02T00:00:00Z");
                assertThat(after.status()).as(from + " -> " + to).isEqualTo(to);
            }
        }
    }

    private static Order orderIn(OrderStatus s) {
        List<dev.orderhub.event.PaymentEvent> events = switch (s) {
            case PENDING -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_PENDING, 500L));
            case FAILED -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_FAILED, 500L));
            case PAID -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_SUCCEEDED, 500L));
            case DONE -> List.of(OrderLifecycleTest.event("a", EventKind.FULFILLED, 500L));
            case DISPUTED -> List.of(OrderLifecycleTest.event("a", EventKind.DISPUTED, 500L));
            case PARTIALLY_REFUNDED -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_SUCCEEDED, 500L),
                    OrderLifecycleTest.event("r", EventKind.REFUNDED, 100L));
            case REFUNDED -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_SUCCEEDED, 500L),
                    OrderLifecycleTest.event("r", EventKind.REFUNDED, null));
            case CANCELED -> List.of(OrderLifecycleTest.event("a", EventKind.PAYMENT_CANCELED, 500L));
        };
        return OrderLifecycleTest.deliver(events);
    }
}
