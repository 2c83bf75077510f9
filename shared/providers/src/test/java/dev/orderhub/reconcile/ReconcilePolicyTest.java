package dev.orderhub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.Providers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilePolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ReconcilePolicy POLICY = new ReconcilePolicy(Providers.REGISTRY);

    static Order order(String provider, String ref, OrderStatus status, Order.Reconcile r) {
        return new Order("site_a", provider + "_x", provider, ref, status, status, null, null, 0, false, null, null, null,
                List.of(), null, false, "2026-03-01T11:00:00Z", "2026-03-01T11:00:00Z", Set.of(), null, null, r, 1);
    }

    @Test
    void theWaitDoublesFromTheThresholdUpToADay() {
        List<Duration> waits = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(n -> Duration.between(NOW, POLICY.nextCheckAt("stripe", n, NOW))).toList();
        assertThat(waits).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(24),
                Duration.ofHours(24));
        assertThat(Duration.between(NOW, POLICY.nextCheckAt("shopify", 1, NOW))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void onlyPendingOrdersOfProvidersWithAnOrderApiAreReconciled() {
        assertThat(POLICY.reconcilable(order("stripe", "pi_1", OrderStatus.PENDING, null))).isTrue();
        assertThat(POLICY.reconcilable(order("stripe", "ch_1", OrderStatus.PENDING, null)))
                .as("only payment intents can be looked up").isFalse();
        assertThat(POLICY.reconcilable(order("shopify", "820982911946154508", OrderStatus.PENDING, null))).isTrue();
        assertThat(POLICY.reconcilable(order("xsolla", "100510", OrderStatus.PENDING, null))).isTrue();
        assertThat(POLICY.reconcilable(order("kofi", "t-1", OrderStatus.PENDING, null))).as("no order API").isFalse();
        assertThat(POLICY.reconcilable(order("bmc", "t-1", OrderStatus.PENDING, null))).as("no order API").isFalse();
        for (OrderStatus s : OrderStatus.values()) {
            if (s != OrderStatus.PENDING) {
                assertThat(POLICY.reconcilable(order("stripe", "pi_1", s, null))).as(s.wire()).isFalse();
            }
        }
        assertThat(POLICY.reconcilable(order("stripe", "pi_1", OrderStatus.PENDING, new Order.Reconcile(8, null, true))))
                .as("given up").isFalse();
    }

    @Test
    void theFirstLookUpIsDueTheThresholdAfterTheLastChangeThenWhenScheduled() {
        assertThat(POLICY.dueAt(order("stripe", "pi_1", OrderStatus.PENDING, null))).isEqualTo("2026-03-01T11:15:00.000Z");
        assertThat(POLICY.dueAt(order("stripe", "pi_1", OrderStatus.PENDING,
                new Order.Reconcile(2, "2026-03-01T13:00:00.000Z", false)))).isEqualTo("2026-03-01T13:00:00.000Z");
    }
}
