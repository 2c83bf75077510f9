package dev.orderhub.queue;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Sends payment events to the matcher's SQS queue, one JSON message per event. */
public final class SqsEventQueue implements EventQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<PaymentEvent> events) {
        if (events.size() == 1) {
            PaymentEvent e = events.get(0);
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(Json.write(e))
                    .messageAttributes(attributes(e)).build());
            return;
        }
        for (int from = 0; from < events.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, events.size()); i++) {
                PaymentEvent e = events.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(e)).messageAttributes(attributes(e)).build());
            }
            SendMessageBatchResponse r = sqs.sendMessageBatch(SendMessageBatchRequest.builder()
                    .queueUrl(queueUrl).entries(entries).build());
            if (r.hasFailed() && !r.failed().isEmpty()) {
                // The caller answers the provider with a 5xx so it retries the whole callback;
                // the entries that did get through are harmless repeats then.
                throw new IllegalStateException("SQS refused " + r.failed().size() + " of " + entries.size() + " events");
            }
        }
    }

    private static Map<String, MessageAttributeValue> attributes(PaymentEvent e) {
        return Map.of(
                "provider", MessageAttributeValue.builder().dataType("String").stringValue(e.provider()).build(),
                "clientId", MessageAttributeValue.builder().dataType("String").stringValue(e.clientId()).build());
    }
}
