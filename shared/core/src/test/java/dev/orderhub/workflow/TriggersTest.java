package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which triggers one order write fires: each once per order, refunds and analyses once per event. */
class TriggersTest {
    private static Order order(OrderStatus status, long refunded, boolean fullyRefunded, Map<String, String> attributes) {
        return new Order("site_a", "kofi_x", "kofi", "t-1", status, status, Money.ofMinor(1000, "USD"), null, refunded,
                fullyRefunded, "B", "b@example.com", null, List.of(), null, false, "t", "t", Set.of(), attributes, null, null, 1);
    }

    private static Order order(OrderStatus status) {
        return order(status, 0, false, Map.of());
    }

    private static List<Trigger> fired(Order before, Order after) {
        List<Triggers.Fired> fired = Triggers.between(before, after, "evt_1");
        return fired.stream().map(Triggers.Fired::trigger).toList();
    }

    @Test
    void aNewPendingOrderFiresCreatedOnly() {
        assertThat(Triggers.between(null, order(OrderStatus.PENDING), "evt_1"))
                .containsExactly(new Triggers.Fired(Trigger.ORDER_CREATED, "evt_1"));
    }

    @Test
    void paidFiresOnceWhenTheOrderFirstReachesAPaidStatus() {
        assertThat(fired(null, order(OrderStatus.PAID))).containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID);
        assertThat(fired(order(OrderStatus.PENDING), order(OrderStatus.PAID))).containsExactly(Trigger.ORDER_PAID);
        assertThat(fired(order(OrderStatus.PAID), order(OrderStatus.DONE))).isEmpty();
        assertThat(fired(order(OrderStatus.PENDING), order(OrderStatus.FAILED))).isEmpty();
    }

    @Test
    void canceledFiresOnce() {
        assertThat(fired(order(OrderStatus.PENDING), order(OrderStatus.CANCELED))).containsExactly(Trigger.ORDER_CANCELED);
        assertThat(fired(order(OrderStatus.CANCELED), order(OrderStatus.CANCELED))).isEmpty();
    }

    @Test
    void refundedFiresForEveryRefundThatRaisesTheRefundedAmount() {
        Order paid = order(OrderStatus.PAID);
        Order partly = order(OrderStatus.PARTIALLY_REFUNDED, 300, false, Map.of());
        Order more = order(OrderStatus.PARTIALLY_REFUNDED, 600, false, Map.of());
        Order all = order(OrderStatus.REFUNDED, 600, true, Map.of());
        assertThat(fired(paid, partly)).containsExactly(Trigger.ORDER_REFUNDED);
        assertThat(fired(partly, more)).containsExactly(Trigger.ORDER_REFUNDED);
        assertThat(fired(more, all)).containsExactly(Trigger.ORDER_REFUNDED);
        assertThat(fired(more, more)).as("a repeat refunds nothing more").isEmpty();
        assertThat(fired(all, all)).isEmpty();
        assertThat(fired(null, all)).containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID, Trigger.ORDER_REFUNDED);
        assertThat(fired(null, order(OrderStatus.REFUNDED, 0, true, Map.of()))).as("a whole refund with no amount comes first")
                .containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID, Trigger.ORDER_REFUNDED);
        assertThat(fired(null, order(OrderStatus.PARTIALLY_REFUNDED, 1, false, Map.of())))
                .containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID, Trigger.ORDER_REFUNDED);
    }

    @Test
    void aRefundedAmountOnAnOrderThatIsNotRefundedFiresNothing() {
        // A dispute outranks a partial refund: the order is DISPUTED, not refunded.
        assertThat(fired(order(OrderStatus.DISPUTED), order(OrderStatus.DISPUTED, 300, false, Map.of()))).isEmpty();
        assertThat(fired(null, order(OrderStatus.DISPUTED, 300, true, Map.of())))
                .containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID);
    }

    @Test
    void riskAnalyzedFiresPerAnalysisNamedByItsId() {
        Order first = order(OrderStatus.PAID).withRisk(new RiskAssessment(RiskLevel.LOW, 0, List.of(), "evt_a", "t"));
        Order second = order(OrderStatus.PAID).withRisk(new RiskAssessment(RiskLevel.LOW, 0, List.of(), "evt_b", "t"));
        assertThat(Triggers.between(order(OrderStatus.PAID), first, "evt_a"))
                .containsExactly(new Triggers.Fired(Trigger.ORDER_RISK_ANALYZED, "evt_a"));
        assertThat(Triggers.between(first, second, "evt_x"))
                .containsExactly(new Triggers.Fired(Trigger.ORDER_RISK_ANALYZED, "evt_b"));
        assertThat(fired(first, first)).isEmpty();
        assertThat(fired(null, first)).containsExactly(Trigger.ORDER_CREATED, Trigger.ORDER_PAID, Trigger.ORDER_RISK_ANALYZED);
    }

    @Test
    void aFiredTriggerSurvivesItsEncoding() {
        Triggers.Fired f = new Triggers.Fired(Trigger.ORDER_RISK_ANALYZED, "evt|with|bars");
        assertThat(f.encode()).isEqualTo("order.risk_analyzed|evt|with|bars");
        assertThat(Triggers.Fired.decode(f.encode())).isEqualTo(f);
    }
}
