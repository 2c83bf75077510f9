package dev.orderhub.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.WorkflowDispatcher;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** A batch SQS accepts only in part is never reported as sent, whichever part of it went missing. */
class SqsSenderTest {
    /**
     * A queue that refuses (as a failed entry) the bodies in {@code refuse} and leaves out of its answer
     * altogether the bodies in {@code unanswered}; it keeps the rest, with their attributes and delays.
     */
    private static final class FakeQueue {
        final Set<String> refuse = new LinkedHashSet<>();
        final Set<String> unanswered = new LinkedHashSet<>();
        final List<String> queued = new ArrayList<>();
        final List<Map<String, MessageAttributeValue>> attributes = new ArrayList<>();
        final List<Integer> delays = new ArrayList<>();
        int batches;

        SqsClient client() {
            return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendMessage") && args[0] instanceof SendMessageRequest r) {
                            queued.add(r.messageBody());
                            attributes.add(r.messageAttributes());
                            delays.add(r.delaySeconds() == null ? 0 : r.delaySeconds());
                            return SendMessageResponse.builder().messageId("m").build();
                        }
                        if (!method.getName().equals("sendMessageBatch") || !(args[0] instanceof SendMessageBatchRequest r)) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        batches++;
                        assertThat(r.entries()).hasSizeLessThanOrEqualTo(10);
                        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
                        List<BatchResultErrorEntry> failed = new ArrayList<>();
                        for (SendMessageBatchRequestEntry e : r.entries()) {
                            if (refuse.contains(e.messageBody())) {
                                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false).build());
                            } else if (!unanswered.contains(e.messageBody())) {
                                queued.add(e.messageBody());
                                attributes.add(e.messageAttributes());
                                delays.add(e.delaySeconds() == null ? 0 : e.delaySeconds());
                                ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + e.id()).build());
                            }
                        }
                        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
                    });
        }
    }

    private static List<SqsSender.Message> messages(int n) {
        return IntStream.range(0, n).mapToObj(i -> SqsSender.Message.of("body-" + i)).toList();
    }

    @Test
    void everyChunkIsSentAndEachRefusedMessageIsHandedBack() {
        FakeQueue sqs = new FakeQueue();
        sqs.refuse.add("body-3");
        sqs.refuse.add("body-21");
        List<SqsSender.Message> messages = messages(25);

        assertThatThrownBy(() -> new SqsSender(sqs.client()).sendAll("https://sqs.example/q", messages))
                .isInstanceOfSatisfying(SqsSender.NotSent.class, e -> {
                    assertThat(e.refused()).extracting(SqsSender.Refused::index).containsExactly(3, 21);
                    assertThat(e.refused()).extracting(r -> r.message().body()).containsExactly("body-3", "body-21");
                    assertThat(e).hasMessageContaining("2 of 25");
                });
        assertThat(sqs.batches).isEqualTo(3);
        assertThat(sqs.queued).hasSize(23).doesNotContain("body-3", "body-21");
    }

    @Test
    void anEntrySqsLeftOutOfItsAnswerIsNotCountedAsQueued() {
        FakeQueue sqs = new FakeQueue();
        sqs.unanswered.add("body-1");

        assertThatThrownBy(() -> new SqsSender(sqs.client()).sendAll("https://sqs.example/q", messages(3)))
                .isInstanceOfSatisfying(SqsSender.NotSent.class,
                        e -> assertThat(e.refused()).extracting(SqsSender.Refused::index).containsExactly(1));
    }

    @Test
    void attributesAndDelaysReachTheQueueInBatchesAndAlone() {
        FakeQueue sqs = new FakeQueue();
        Map<String, MessageAttributeValue> a = Map.of("provider",
                MessageAttributeValue.builder().dataType("String").stringValue("stripe").build());
        SqsSender sender = new SqsSender(sqs.client());
        sender.sendAll("https://sqs.example/q", List.of(new SqsSender.Message("x", a, 5), new SqsSender.Message("y", a, 0)));
        sender.send("https://sqs.example/q", new SqsSender.Message("z", Map.of(), 30));

        assertThat(sqs.queued).containsExactly("x", "y", "z");
        assertThat(sqs.attributes.get(0)).isEqualTo(a);
        assertThat(sqs.delays).containsExactly(5, 0, 30);
    }

    @Test
    void theWorkflowDispatcherDoesNotReportARunSqsLeftOutOfItsAnswerAsQueued() {
        FakeQueue sqs = new FakeQueue();
        List<RunRequest> runs = IntStream.range(0, 3)
                .mapToObj(i -> new RunRequest("site_a", "wf" + i, 1, "order.paid", "evt_" + i, "ord_" + i, null)).toList();
        sqs.unanswered.add(dev.orderhub.json.Json.write(runs.get(2)));
        WorkflowDispatcher dispatcher = new WorkflowDispatcher(null, null,
                new dev.orderhub.workflow.SqsRunQueue(sqs.client(), "https://sqs.example/runs"));

        assertThatThrownBy(() -> dispatcher.send(runs)).as("the payment-events function's message is retried, not acknowledged")
                .isInstanceOf(IllegalStateException.class);
    }
}
