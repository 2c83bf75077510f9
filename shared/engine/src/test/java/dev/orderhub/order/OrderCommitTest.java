package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.Triggers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit, the one way an order changes, over the in-memory store: a change that loses the race to another
 * writer is applied again to what that writer wrote; a person's change that refuses writes nothing; and a write whose runs
 * were never queued (the process stopped after it) has them queued by the next delivery of its cause.
 */
class OrderCommitTest {
    private static final String SITE = "site_unit";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryOrders store = new InMemoryOrders();
    private final RecordingEffects effects = new RecordingEffects();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final OrderCommit commit = new OrderCommit(store, effects, clock);
    private final PaymentEventProcessor events = new PaymentEventProcessor(commit, null, UnaryOperator.identity(),
            (o, e) -> o, null, clock);
    private String orderId;

    @BeforeEach
    void pendingOrder() {
        orderId = events.process(event("evt_pending", EventKind.PAYMENT_PENDING)).order().orderId();
    }

    @Test
    void aChangeThatLosesTheRaceIsAppliedAgainToWhatTheOtherWriterWrote() {
        AtomicBoolean otherWriterFirst = new AtomicBoolean(true);
        store.beforeSave = () -> {
            if (otherWriterFirst.getAndSet(false)) {
                commit.commit(SITE, orderId, OrderCommit.Change.ofExisting(o -> withAttribute(o, "note", "by the other writer")),
                        OrderCommit.Cause.system("other"));
            }
        };

        OrderCommit.Result r = commit.commit(SITE, orderId, OrderCommit.Change.ofExisting(o -> withAttribute(o, "tag", "vip")),
                OrderCommit.Cause.system("mine"));

        assertThat(r.written()).isTrue();
        Order stored = store.find(SITE, orderId).orElseThrow();
        assertThat(stored.attributes()).containsEntry("note", "by the other writer").containsEntry("tag", "vip");
        assertThat(stored.version()).isEqualTo(3);
    }

    @Test
    void aPersonsChangeThatRefusesWritesNothingAndLeavesNoHistoryNorAudit() {
        int writes = store.writes;
        PaymentEvent refused = event("evt_refused", EventKind.PAYMENT_SUCCEEDED);

        assertThatThrownBy(() -> commit.commit(SITE, orderId, o -> {
            throw new IllegalArgumentException("not now");
        }, OrderCommit.Cause.person("key_admin", "status", Map.of(), refused))).hasMessage("not now");

        assertThat(store.writes).isEqualTo(writes);
        assertThat(store.find(SITE, orderId).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(store.history).noneMatch(h -> h.endsWith("#evt_refused"));
        assertThat(store.audit).isEmpty();
    }

    @Test
    void runsThatTheWriteNeverQueuedAreQueuedWhenItsEventIsDeliveredAgain() {
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED);
        effects.failSendOf = "evt_paid";
        assertThatThrownBy(() -> events.process(paid)).isInstanceOf(IllegalStateException.class);
        assertThat(store.find(SITE, orderId).orElseThrow().status()).as("written before the send failed")
                .isEqualTo(OrderStatus.PAID);
        assertThat(effects.runs).doesNotContain(new Triggers.Fired(Trigger.ORDER_PAID, "evt_paid"));

        PaymentEventProcessor.Result again = events.process(paid);

        assertThat(again.outcome()).isEqualTo(PaymentEventProcessor.Outcome.DUPLICATE);
        assertThat(effects.runs).contains(new Triggers.Fired(Trigger.ORDER_PAID, "evt_paid"));
    }

    @Test
    void aChangeWithNothingToDoOnAReadAheadIsAppliedToTheOrderAsStoredNow() {
        // The batch read found no order; it was created since.
        OrderCommit.Result r = commit.commit(SITE, orderId, OrderCommit.Change.ofExisting(o -> withAttribute(o, "tag", "vip")),
                OrderCommit.Cause.system("tag"), new OrderCommit.ReadAhead(null));

        assertThat(r.written()).isTrue();
        assertThat(store.find(SITE, orderId).orElseThrow().attributes()).containsEntry("tag", "vip");
    }

    @Test
    void aChangeThatRefusesAReadAheadIsDecidedOnTheOrderAsStoredNow() {
        Order readAhead = store.find(SITE, orderId).orElseThrow();
        events.process(event("evt_paid", EventKind.PAYMENT_SUCCEEDED));

        OrderCommit.Result r = commit.commit(SITE, orderId, current -> {
            if (current.status() != OrderStatus.PAID) {
                throw new IllegalArgumentException("only a paid order ships");
            }
            return withAttribute(current, "shipped", "yes");
        }, OrderCommit.Cause.system("ship"), new OrderCommit.ReadAhead(readAhead));

        assertThat(r.written()).isTrue();
        assertThat(store.find(SITE, orderId).orElseThrow().attributes()).containsEntry("shipped", "yes");
    }

    @Test
    void aCurrentReadAheadSavesWithoutReadingTheOrderAgain() {
        Order readAhead = store.find(SITE, orderId).orElseThrow();
        store.finds = 0;

        OrderCommit.Result r = commit.commit(SITE, orderId, OrderCommit.Change.ofExisting(o -> withAttribute(o, "tag", "vip")),
                OrderCommit.Cause.system("tag"), new OrderCommit.ReadAhead(readAhead));

        assertThat(r.written()).isTrue();
        assertThat(store.finds).isZero();
        assertThat(store.find(SITE, orderId).orElseThrow().version()).isEqualTo(readAhead.version() + 1);
    }

    @Test
    void anotherSitesOrderHandedAsTheReadAheadIsRefusedAndNothingIsWritten() {
        Order other = store.find(SITE, orderId).orElseThrow();
        int writes = store.writes;

        assertThatThrownBy(() -> commit.commit("site_other", orderId, OrderCommit.Change.ofExisting(o -> withAttribute(o, "tag", "x")),
                OrderCommit.Cause.system("tag"), new OrderCommit.ReadAhead(other))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.writes).isEqualTo(writes);
        assertThat(store.find(SITE, orderId).orElseThrow().attributes()).doesNotContainKey("tag");
    }

    @Test
    void anotherOrdersReadAheadForAProvidersEventIsRefusedBeforeTheEventIsKeptInHistory() {
        Order other = events.process(new PaymentEvent(PaymentEvent.SCHEMA_VERSION, "evt_other", "stripe", SITE, "pi_other",
                EventKind.PAYMENT_PENDING, Money.ofMinor(5000, "USD"), null, null, List.of(), null, false, NOW.toString(),
                NOW.toString(), Map.of(), "application/json", "{}", List.of())).order();
        PaymentEvent paid = event("evt_paid", EventKind.PAYMENT_SUCCEEDED);

        assertThatThrownBy(() -> commit.commit(SITE, orderId, current -> current, OrderCommit.Cause.event(paid),
                new OrderCommit.ReadAhead(other))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.history).as("nothing written, the event's history item included").doesNotContain(orderId + "#evt_paid")
                .doesNotContain(other.orderId() + "#evt_paid");
    }

    private static Order withAttribute(Order o, String name, String value) {
        Map<String, String> a = new HashMap<>(o.attributes());
        a.put(name, value);
        return o.withAttributes(a);
    }

    private static PaymentEvent event(String id, EventKind kind) {
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", SITE, "pi_unit", kind, Money.ofMinor(5000, "USD"),
                null, null, List.of(), null, false, NOW.toString(), NOW.toString(), Map.of(), "application/json", "{}",
                List.of());
    }
}
