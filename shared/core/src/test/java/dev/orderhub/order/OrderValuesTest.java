package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderValuesTest {
    private static final Order ORDER = new Order("site_a", "kofi_x", "kofi", "t-1", OrderStatus.PAID, OrderStatus.PAID,
            Money.ofMinor(500, "USD"), "5:evt_1", 0, false, "Ann", "ann@example.com", "hi", List.of("Mug"), "Shop Order", false,
            "t0", "t1", Set.of("evt_1"), Map.of("a", "1"), null, null, 3);

    @Test
    void copiesChangeOnlyWhatTheyName() {
        OrderMatch m = new OrderMatch("int_1", "reference", OrderMatch.Review.NONE, List.of(), "t");
        Order.Reconcile r = new Order.Reconcile(2, "t9", false);
        assertThat(ORDER.withMatch(m)).isEqualTo(new Order("site_a", "kofi_x", "kofi", "t-1", OrderStatus.PAID, OrderStatus.PAID,
                Money.ofMinor(500, "USD"), "5:evt_1", 0, false, "Ann", "ann@example.com", "hi", List.of("Mug"), "Shop Order", false,
                "t0", "t1", Set.of("evt_1"), Map.of("a", "1"), m, null, 3));
        assertThat(ORDER.withVersion(4).version()).isEqualTo(4);
        assertThat(ORDER.withVersion(4).withVersion(3)).isEqualTo(ORDER);
        assertThat(ORDER.withAttributes(Map.of("b", "2")).attributes()).containsExactly(Map.entry("b", "2"));
        assertThat(ORDER.withAttributes(Map.of("b", "2")).withAttributes(Map.of("a", "1"))).isEqualTo(ORDER);
        assertThat(ORDER.withReconcile(r).reconcile()).isEqualTo(r);
        assertThat(ORDER.withReconcile(r).withReconcile(null)).isEqualTo(ORDER);
        assertThat(ORDER.match()).isEqualTo(OrderMatch.NONE);
        assertThat(ORDER.match().matched()).isFalse();
        assertThat(ORDER.withMatch(m).match().matched()).isTrue();
        assertThat(ORDER.hasApplied("evt_1")).isTrue();
        assertThat(ORDER.hasApplied("evt_2")).isFalse();
    }

    @Test
    void anOrderIdIsTheProviderAndAStableDigestOfSiteProviderAndReference() {
        String id = OrderIds.of("site_a", "kofi", "t-1");
        assertThat(id).startsWith("kofi_").hasSizeGreaterThan("kofi_".length() + 10);
        assertThat(OrderIds.of("site_a", "kofi", "t-1")).isEqualTo(id);
        assertThat(OrderIds.of("site_b", "kofi", "t-1")).isNotEqualTo(id);
        assertThat(OrderIds.of("site_a", "kofi", "t-2")).isNotEqualTo(id);
    }

    @Test
    void manualTargetsAreTheTablesRow() {
        assertThat(ManualTransitions.targets(OrderStatus.PAID))
                .containsExactlyInAnyOrder(OrderStatus.DONE, OrderStatus.REFUNDED, OrderStatus.CANCELED);
        assertThat(ManualTransitions.targets(OrderStatus.REFUNDED)).isEmpty();
    }
}
