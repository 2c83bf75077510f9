package dev.orderhub.queue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The one way the hub puts messages on an SQS queue. A batch send may succeed for some entries and fail for
 * others without any exception from the SDK; here every chunk of ten is sent and the entries SQS refused are
 * handed back in {@link NotSent}, so that no caller can acknowledge work of which a part never reached the
 * queue. Callers let it propagate: their own caller (a provider's retry, SQS's redelivery) sends everything
 * again, which the consumers of every queue treat as a harmless repeat.
 */
public final class SqsSender {
    /** SQS's largest batch. */
    static final int BATCH = 10;
    private final SqsClient sqs;

    public SqsSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** One message: its body, message attributes (may be empty) and delay in seconds (0–900). */
    public record Message(String body, Map<String, MessageAttributeValue> attributes, int delaySeconds) {
        public Message {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        public static Message of(String body) {
            return new Message(body, Map.of(), 0);
        }
    }

    /** A message SQS refused, with its position in the list sent and SQS's error code. */
    public record Refused(int index, Message message, String code, boolean senderFault) {}

    /** Thrown when SQS refused some messages of a list: the others were queued. */
    public static final class NotSent extends IllegalStateException {
        private final List<Refused> refused;

        NotSent(List<Refused> refused, int of) {
            super("SQS refused " + refused.size() + " of " + of + " messages ("
                    + refused.stream().map(Refused::code).distinct().toList() + ")");
            this.refused = List.copyOf(refused);
        }

        public List<Refused> refused() {
            return refused;
        }
    }

    /** Sends one message; the SDK throws when SQS refuses it. */
    public void send(String queueUrl, Message m) {
        SendMessageRequest.Builder r = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(m.body());
        if (!m.attributes().isEmpty()) {
            r.messageAttributes(m.attributes());
        }
        if (m.delaySeconds() > 0) {
            r.delaySeconds(m.delaySeconds());
        }
        sqs.sendMessage(r.build());
    }

    /**
     * Sends all messages, in batches of ten (one plain send for a single message). Every batch is sent even
     * when an earlier one was refused in part; then throws {@link NotSent} naming each refused message.
     */
    public void sendAll(String queueUrl, List<Message> messages) {
        if (messages.size() == 1) {
            send(queueUrl, messages.get(0));
            return;
        }
        List<Refused> refused = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, messages.size()); i++) {
                Message m = messages.get(i);
                SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(m.body());
                if (!m.attributes().isEmpty()) {
                    e.messageAttributes(m.attributes());
                }
                if (m.delaySeconds() > 0) {
                    e.delaySeconds(m.delaySeconds());
                }
                entries.add(e.build());
            }
            SendMessageBatchResponse r = sqs.sendMessageBatch(SendMessageBatchRequest.builder()
                    .queueUrl(queueUrl).entries(entries).build());
            for (BatchResultErrorEntry f : r.hasFailed() ? r.failed() : List.<BatchResultErrorEntry>of()) {
                int i = Integer.parseInt(f.id());
                refused.add(new Refused(i, messages.get(i), f.code(), Boolean.TRUE.equals(f.senderFault())));
            }
            // An entry neither accepted nor refused is not known to be queued: count it refused.
            Set<String> answered = new HashSet<>();
            r.successful().forEach(s -> answered.add(s.id()));
            r.failed().forEach(f -> answered.add(f.id()));
            for (SendMessageBatchRequestEntry e : entries) {
                if (!answered.contains(e.id())) {
                    int i = Integer.parseInt(e.id());
                    refused.add(new Refused(i, messages.get(i), "NoAnswer", false));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new NotSent(refused, messages.size());
        }
    }
}
