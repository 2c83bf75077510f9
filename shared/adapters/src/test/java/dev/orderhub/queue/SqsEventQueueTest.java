package dev.orderhub.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** SQS may accept some entries of a batch and refuse others; the callback must not be acknowledged then. */
class SqsEventQueueTest {
    /** A queue that refuses the entries whose event id is in {@code refuse} (once each), and keeps the rest. */
    private static final class PartialQueue {
        final Set<String> refuse = new LinkedHashSet<>();
        final List<String> queued = new ArrayList<>();

        SqsClient client() {
            return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("sendMessageBatch") || !(args[0] instanceof SendMessageBatchRequest r)) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
                        List<BatchResultErrorEntry> failed = new ArrayList<>();
                        for (SendMessageBatchRequestEntry e : r.entries()) {
                            String eventId = Json.read(e.messageBody(), PaymentEvent.class).eventId();
                            if (refuse.remove(eventId)) {
                                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false).build());
                            } else {
                                queued.add(eventId);
                                ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + eventId).build());
                            }
                        }
                        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
                    });
        }
    }

    private static List<PaymentEvent> events(int n) {
        List<PaymentEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PaymentEvent(1, "evt_" + i, "stripe", "site_test", "pi_1", EventKind.REFUNDED, Money.ofMinor(100, "USD"),
                    null, null, List.of(), null, false, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", Map.of(),
                    "application/json", "{}", List.of()));
        }
        return out;
    }

    @Test
    void aBatchSqsAcceptsOnlyInPartIsAFailureAndTheRetryLosesNothing() {
        PartialQueue sqs = new PartialQueue();
        sqs.refuse.add("evt_1");
        SqsEventQueue queue = new SqsEventQueue(sqs.client(), "https://sqs.example/queue");
        List<PaymentEvent> events = events(3);

        assertThatThrownBy(() -> queue.send(events)).as("never reported as queued: the callback answers 5xx")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 3");
        assertThat(sqs.queued).containsExactly("evt_0", "evt_2");

        queue.send(events); // the provider delivers the callback again
        assertThat(Set.copyOf(sqs.queued)).as("every event queued; the repeats are idempotent for the payment-events function")
                .containsExactlyInAnyOrder("evt_0", "evt_1", "evt_2");
    }

    @Test
    void aRefusalInALaterChunkOfTenIsAFailureToo() {
        PartialQueue sqs = new PartialQueue();
        sqs.refuse.add("evt_11");
        SqsEventQueue queue = new SqsEventQueue(sqs.client(), "https://sqs.example/queue");
        assertThatThrownBy(() -> queue.send(events(12))).isInstanceOf(IllegalStateException.class);
        assertThat(sqs.queued).doesNotContain("evt_11").hasSize(11);
    }
}
