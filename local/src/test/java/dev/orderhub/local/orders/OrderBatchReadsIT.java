package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.OrderReads;
import dev.orderhub.local.TablePolicyGuard;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the payment-events function reads of the orders of one SQS batch, over the local stack
 * (the function invoked as Lambda would, so its role's statements are checked too): the orders of
 * all its events in one BatchGetItem, none alone when nothing raced, and every event applied.
 */
class OrderBatchReadsIT {
    private final String clientId = newSite();

    @AfterEach
    void stopWatching() {
        OrderReads.unwatch(clientId);
    }

    @Test
    void aBatchOfTenPaymentEventsOfTenOrdersReadsTheOrdersInOneBatchGetItem() {
        List<PaymentEvent> pending = new ArrayList<>();
        List<PaymentEvent> paid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pending.add(ConcurrentWritersIT.event(clientId, "evt_batch_pending_" + i, "pi_batch_" + i, EventKind.PAYMENT_PENDING, 5000));
            paid.add(ConcurrentWritersIT.event(clientId, "evt_batch_paid_" + i, "pi_batch_" + i, EventKind.PAYMENT_SUCCEEDED, 5000));
        }
        assertThat(invoke(pending).getBatchItemFailures()).isEmpty();
        List<OrderReads.Read> reads = OrderReads.watch(clientId);

        SQSBatchResponse r = invoke(paid);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(reads.stream().filter(x -> x.function().equals("PaymentEventsFunction")))
                .as("order reads of the payment-events function")
                .containsExactly(new OrderReads.Read("BatchGetItem", "PaymentEventsFunction", 10));
        for (int i = 0; i < 10; i++) {
            Order o = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", "pi_batch_" + i)).orElseThrow();
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
            assertThat(o.appliedEvents()).containsExactlyInAnyOrder("evt_batch_pending_" + i, "evt_batch_paid_" + i);
            assertThat(o.version()).isEqualTo(2);
        }
        assertThat(TablePolicyGuard.refusals()).as("requests the function's role would refuse on AWS")
                .noneMatch(x -> x.startsWith("PaymentEventsFunction"));
    }

    @Test
    void aMessageThatIsNoEventFailsAloneAndTheOthersOfItsBatchAreApplied() {
        List<OrderReads.Read> reads = OrderReads.watch(clientId);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        messages.add(message("m-first", Json.write(ConcurrentWritersIT.event(clientId, "evt_mixed_1", "pi_mixed_1",
                EventKind.PAYMENT_SUCCEEDED, 5000))));
        messages.add(message("m-garbage", "{\"eventId\": [not json"));
        messages.add(message("m-second", Json.write(ConcurrentWritersIT.event(clientId, "evt_mixed_2", "pi_mixed_2",
                EventKind.PAYMENT_SUCCEEDED, 5000))));

        SQSBatchResponse r = deliver(messages);

        assertThat(r.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-garbage");
        for (String ref : List.of("pi_mixed_1", "pi_mixed_2")) {
            assertThat(TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", ref)).orElseThrow().status())
                    .isEqualTo(OrderStatus.PAID);
        }
        assertThat(reads.stream().filter(x -> x.function().equals("PaymentEventsFunction")))
                .containsExactly(new OrderReads.Read("BatchGetItem", "PaymentEventsFunction", 2));
    }

    private static SQSBatchResponse invoke(List<PaymentEvent> events) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (PaymentEvent e : events) {
            messages.add(message("m-" + e.eventId(), Json.write(e)));
        }
        return deliver(messages);
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setReceiptHandle("receipt-" + id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return m;
    }

    /** The messages as one batch to the function, as Lambda delivers a queue's batch. */
    private static SQSBatchResponse deliver(List<SQSEvent.SQSMessage> messages) {
        SQSEvent batch = new SQSEvent();
        batch.setRecords(messages);
        return (SQSBatchResponse) TestHub.get().functions().invoke("PaymentEventsFunction", batch);
    }

    private static String newSite() {
        TestHub.get();
        String clientId = "site_batchreads" + Long.toString(System.nanoTime(), 36);
        TestHub.stack().sites().create(clientId, "Batch reads");
        return clientId;
    }
}
