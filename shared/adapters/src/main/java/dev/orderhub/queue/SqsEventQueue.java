package dev.orderhub.queue;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Sends payment events to the payment-events function's SQS queue, one JSON message per event. */
public final class SqsEventQueue implements EventQueue {
    private final SqsSender sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = new SqsSender(sqs);
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<PaymentEvent> events) {
        // When SQS refuses a part, the caller answers the provider with a 5xx so it retries the whole
        // callback; the events that did get through are harmless repeats then.
        sqs.sendAll(queueUrl, events.stream().map(e -> new SqsSender.Message(Json.write(e), attributes(e), 0)).toList());
    }

    private static Map<String, MessageAttributeValue> attributes(PaymentEvent e) {
        return Map.of(
                "provider", MessageAttributeValue.builder().dataType("String").stringValue(e.provider()).build(),
                "clientId", MessageAttributeValue.builder().dataType("String").stringValue(e.clientId()).build());
    }
}
