package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.functions.paymentevents.PaymentEventsFunction;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.DynamoOrderRepository;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.order.PaymentEventProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Several payment-events invocations writing one order at the same moment, as on AWS where the payment-events
 * function runs up to
 * ten batches at once: the order's optimistic lock ({@link OrderRepository#save}) is what keeps
 * every event. The processor is called directly, from many threads, against the DynamoDB
 * stand-in; a failure is delivered again, as SQS would.
 */
public class ConcurrentWritersIT {
    private static final int REFUNDS = 30;

    @Test
    void tenPaymentEventInvocationsOnOneOrderApplyEveryEventOnce() throws Exception {
        String clientId = newSite();
        List<PaymentEvent> events = new ArrayList<>();
        events.add(payment(clientId, "evt_many_pay", "pi_many"));
        for (int i = 0; i < REFUNDS; i++) {
            events.add(refund(clientId, "evt_many_refund_" + i, "pi_many"));
        }
        Collections.shuffle(events, new Random(11));
        ConcurrentLinkedQueue<PaymentEvent> queue = new ConcurrentLinkedQueue<>(events);
        AtomicInteger redelivered = new AtomicInteger();
        PaymentEventProcessor processor = TestHub.stack().paymentEventProcessor();
        inThreads(10, () -> {
            PaymentEvent e;
            while ((e = queue.poll()) != null) {
                try {
                    processor.process(e);
                } catch (IllegalStateException keptChanging) {
                    redelivered.incrementAndGet();
                    queue.add(e); // SQS brings a failed message back
                }
            }
        });

        Order order = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", "pi_many")).orElseThrow();
        assertThat(order.appliedEvents()).as("every event applied (%d deliveries failed and came back)", redelivered.get())
                .hasSize(REFUNDS + 1);
        assertThat(order.refundedMinor()).isEqualTo(REFUNDS * 100L);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order.version()).as("one write per event, none lost in between").isEqualTo(REFUNDS + 1);
    }

    @Test
    void aWriterThatLosesTheRaceReadsAgainAndKeepsTheWinnersChange() {
        String clientId = newSite();
        PaymentEventProcessor hub = TestHub.stack().paymentEventProcessor();
        hub.process(payment(clientId, "evt_race_pay", "pi_lost"));
        PaymentEvent mine = refund(clientId, "evt_race_mine", "pi_lost");
        PaymentEvent theirs = refund(clientId, "evt_race_theirs", "pi_lost");
        // Between this writer's read and its write, another invocation applies its own refund.
        AtomicInteger rivalWrites = new AtomicInteger();
        PaymentEventProcessor loser = processor(racing(order -> {
            if (rivalWrites.getAndIncrement() == 0) {
                hub.process(theirs);
            }
        }));

        PaymentEventProcessor.Result r = loser.process(mine);

        assertThat(r.outcome()).isEqualTo(PaymentEventProcessor.Outcome.UPDATED);
        Order order = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", "pi_lost")).orElseThrow();
        assertThat(order.appliedEvents()).containsExactlyInAnyOrder("evt_race_pay", "evt_race_mine", "evt_race_theirs");
        assertThat(order.refundedMinor()).as("both refunds, neither overwritten").isEqualTo(200);
        assertThat(order.version()).isEqualTo(3);
    }

    @Test
    void anOrderThatKeepsChangingFailsTheMessageWhichComesBackAndIsApplied() {
        String clientId = newSite();
        String orderId = OrderIds.of(clientId, "stripe", "pi_busy");
        TestHub.stack().paymentEventProcessor().process(payment(clientId, "evt_busy_pay", "pi_busy"));
        PaymentEvent refund = refund(clientId, "evt_busy_refund", "pi_busy");
        // Another writer changes the order before every one of this invocation's writes.
        DynamoDbClient real = TestHub.stack().dynamoDb();
        String table = TestHub.stack().config().tableName();
        AtomicInteger rivalWrites = new AtomicInteger();
        PaymentEventsFunction function = new PaymentEventsFunction(processor(racing(order -> {
            rivalWrites.incrementAndGet();
            real.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(DynamoOrderRepository.orderPk(clientId, orderId)),
                    "sk", AttributeValue.fromS("#ORDER"))).updateExpression("SET version = version + :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        })), TestHub.stack().failureLog());

        SQSBatchResponse first = function.handleRequest(message("m-busy", refund), null);

        assertThat(first.getBatchItemFailures()).as("kept changing: the message is failed, so SQS delivers it again")
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-busy");
        assertThat(rivalWrites.get()).as("it tried again each time it lost").isGreaterThan(1);
        assertThat(TestHub.stack().orders().find(clientId, orderId).orElseThrow().appliedEvents()).doesNotContain("evt_busy_refund");
        assertThat(TestHub.stack().orders().history(clientId, orderId)).extracting(PaymentEvent::eventId)
                .as("the event is kept in the order's history meanwhile").contains("evt_busy_refund");

        SQSBatchResponse again = new PaymentEventsFunction(TestHub.stack().paymentEventProcessor(), TestHub.stack().failureLog())
                .handleRequest(message("m-busy", refund), null);
        assertThat(again.getBatchItemFailures()).isEmpty();
        Order order = TestHub.stack().orders().find(clientId, orderId).orElseThrow();
        assertThat(order.appliedEvents()).containsExactlyInAnyOrder("evt_busy_pay", "evt_busy_refund");
        assertThat(order.refundedMinor()).isEqualTo(100);
    }

    /**
     * Two events of one order race: the payment naming the buyer's intent claims it, then loses its
     * write to the other event. The claim must not outlive the lost write: the order ends linked to
     * the intent (or, failing that, the intent open again), never in review with its intent taken.
     */
    @Test
    void anIntentClaimedByALosingAttemptIsNotLeftTakenByAnOrderInReview() {
        String clientId = newSite();
        dev.orderhub.intent.Intent intent = TestHub.stack().intents().create(clientId, new dev.orderhub.intent.IntentRepository.Draft(
                "Jo", "jo@example.com", Money.ofMinor(5000, "USD"), "stripe", null, null, false), "hash", Instant.now(),
                java.time.Duration.ofHours(1));
        PaymentEvent pending = event(clientId, "evt_claim_pending", "pi_claim", EventKind.PAYMENT_PENDING, 5000);
        PaymentEvent paid = withMessage(event(clientId, "evt_claim_paid", "pi_claim", EventKind.PAYMENT_SUCCEEDED, 5000),
                "for " + intent.reference());
        AtomicInteger rivalWrites = new AtomicInteger();
        PaymentEventProcessor loser = processor(racing(order -> {
            if (rivalWrites.getAndIncrement() == 0) {
                TestHub.stack().paymentEventProcessor().process(pending); // the other event gets there first
            }
        }));

        loser.process(paid);

        Order order = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", "pi_claim")).orElseThrow();
        dev.orderhub.intent.Intent after = TestHub.stack().intents().find(clientId, intent.intentId(), Instant.now()).orElseThrow();
        assertThat(order.appliedEvents()).containsExactlyInAnyOrder("evt_claim_pending", "evt_claim_paid");
        if (after.state() == dev.orderhub.intent.Intent.State.MATCHED) {
            assertThat(after.orderId()).isEqualTo(order.orderId());
            assertThat(order.match().intentId()).as("an intent taken for the order is the order's match (review: %s)",
                    order.match().reason()).isEqualTo(intent.intentId());
        }
        assertThat(order.match().intentId()).as("the payment names the intent: the order is matched").isEqualTo(intent.intentId());
    }

    private static PaymentEvent withMessage(PaymentEvent e, String message) {
        return new PaymentEvent(e.schemaVersion(), e.eventId(), e.provider(), e.clientId(), e.orderRef(), e.kind(), e.amount(),
                e.buyer(), message, e.items(), e.category(), e.test(), e.occurredAt(), e.receivedAt(), e.attributes(),
                e.rawContentType(), e.raw(), e.records());
    }

    /** The hub's processor over {@code db}. */
    private static PaymentEventProcessor processor(DynamoDbClient db) {
        dev.orderhub.runtime.Stack h = TestHub.stack();
        return new PaymentEventProcessor(new dev.orderhub.order.OrderCommit(new dev.orderhub.order.DynamoOrderCommitStore(
                new DynamoOrderRepository(db, h.config().tableName(), h.reconcilePolicy()), h.audit()), new dev.orderhub.order.OrderEffects(
                        h.workflowDispatcher(), h.statusChanges(), h.intents()), h.clock()),
                h.records(), h.intentMatcher(), h.workflowHooks(), h.clock());
    }

    /**
     * The stand-in's client, except that just before each conditional write of an order item
     * {@code rival} runs: another writer getting there first.
     */
    static DynamoDbClient racing(Consumer<PutItemRequest> rival) {
        DynamoDbClient real = TestHub.stack().dynamoDb();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && args != null && args[0] instanceof PutItemRequest put
                            && "#ORDER".equals(put.item().get("sk").s())) {
                        rival.accept(put);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static SQSEvent message(String id, PaymentEvent e) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(Json.write(e));
        m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:orderhub-local-PaymentEventsQueue");
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    public static PaymentEvent payment(String clientId, String id, String ref) {
        return event(clientId, id, ref, EventKind.PAYMENT_SUCCEEDED, 5000);
    }

    static PaymentEvent refund(String clientId, String id, String ref) {
        return event(clientId, id, ref, EventKind.REFUNDED, 100);
    }

    static PaymentEvent event(String clientId, String id, String ref, EventKind kind, long minor) {
        String now = Instant.now().toString();
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, id, "stripe", clientId, ref, kind, Money.ofMinor(minor, "USD"),
                null, null, List.of(), null, false, now, now, Map.of(), "application/json", "{}", List.of());
    }

    private static String newSite() {
        TestHub.get();
        String clientId = "site_writers" + Long.toString(System.nanoTime(), 36);
        TestHub.stack().sites().create(clientId, "Writers");
        return clientId;
    }

    private static void inThreads(int n, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    work.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
