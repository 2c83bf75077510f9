package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.provider.Providers;
import dev.orderhub.reconcile.ReconcilePolicy;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.workflow.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's decision after a look-up, through the commit over the in-memory store: a look-up that left
 * the order pending schedules the next one; giving up puts the order in review and out of the index; and either
 * applies only to the order as it was looked up, never over a callback that changed it meanwhile.
 */
class ReconcilerDecisionTest {
    private static final String SITE = "site_unit";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final ReconcilePolicy POLICY = new ReconcilePolicy(Providers.REGISTRY);

    private final InMemoryOrders store = new InMemoryOrders();
    private final RecordingEffects effects = new RecordingEffects();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final OrderCommit commit = new OrderCommit(store, effects, clock);
    private final PaymentEventProcessor events = new PaymentEventProcessor(commit, null, UnaryOperator.identity(),
            (o, e) -> o, null, clock);
    private String orderId;

    @BeforeEach
    void pendingStripeOrder() {
        orderId = events.process(event("evt_pending", EventKind.PAYMENT_PENDING)).order().orderId();
        assertThat(POLICY.reconcilable(order())).isTrue();
    }

    @Test
    void aLookUpThatLeftTheOrderPendingSchedulesTheNextOne() {
        Order lookedUp = order();

        OrderCommit.Result r = commit.commit(SITE, orderId, Reconciler.nextLookUp(lookedUp, 1, "2026-03-02T10:30:00.000Z"),
                OrderCommit.Cause.system("reconcile_1_1"));

        assertThat(r.written()).isTrue();
        assertThat(order().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order().reconcile()).isEqualTo(new Order.Reconcile(1, "2026-03-02T10:30:00.000Z", false));
        assertThat(POLICY.dueAt(order())).isEqualTo("2026-03-02T10:30:00.000Z");
    }

    @Test
    void aCallbackThatCameDuringTheLookUpIsNotOverwrittenByTheSchedule() {
        Order lookedUp = order();
        events.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED)); // the callback, while the provider was asked

        OrderCommit.Result r = commit.commit(SITE, orderId, Reconciler.nextLookUp(lookedUp, 1, "2026-03-02T10:30:00.000Z"),
                OrderCommit.Cause.system("reconcile_1_1"));

        assertThat(r.written()).isFalse();
        assertThat(order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(order().reconcile().attempts()).isZero();
    }

    @Test
    void givingUpPutsTheOrderInReviewWithTheReasonTakesItOutOfTheIndexAndStartsReviewNeeded() {
        Order lookedUp = order();
        OrderMatch review = new OrderMatch(null, "reconciliation gave up: stripe still says processing (after 8 look-ups)",
                OrderMatch.Review.NEEDED, List.of(), NOW.toString());

        OrderCommit.Result r = commit.commit(SITE, orderId, Reconciler.givingUp(lookedUp, 8, review),
                OrderCommit.Cause.system("reconcile_1_8"));

        assertThat(r.written()).isTrue();
        assertThat(order().match().review()).isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(order().match().reason()).startsWith("reconciliation gave up: stripe still says processing");
        assertThat(order().reconcile().gaveUp()).isTrue();
        assertThat(POLICY.reconcilable(order())).isFalse();
        assertThat(effects.runs).anyMatch(f -> f.trigger() == Trigger.REVIEW_NEEDED);
    }

    @Test
    void givingUpOnAnOrderPaidMeanwhileChangesNothing() {
        Order lookedUp = order();
        events.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED));
        OrderMatch review = new OrderMatch(null, "reconciliation gave up", OrderMatch.Review.NEEDED, List.of(), NOW.toString());

        OrderCommit.Result r = commit.commit(SITE, orderId, Reconciler.givingUp(lookedUp, 8, review),
                OrderCommit.Cause.system("reconcile_1_8"));

        assertThat(r.written()).isFalse();
        assertThat(order().match().review()).isNotEqualTo(OrderMatch.Review.NEEDED);
        assertThat(order().reconcile().gaveUp()).isFalse();
        assertThat(effects.runs).noneMatch(f -> f.trigger() == Trigger.REVIEW_NEEDED);
    }

    private Order order() {
        return store.find(SITE, orderId).orElseThrow();
    }

    private static PaymentEvent event(String id, EventKind kind) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", SITE, "pi_unit", kind, Money.ofMinor(5000, "USD"),
                null, null, List.of(), null, false, NOW.toString(), NOW.toString(), Map.of(), "application/json", "{}",
                List.of());
    }
}
