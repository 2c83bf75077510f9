package dev.orderhub.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Processes an SQS batch message by message and reports the failures only
 * ({@code ReportBatchItemFailures}), so that one bad message is retried alone and the good ones
 * in its batch are deleted. A message that keeps failing reaches the dead-letter queue after the
 * queue's maxReceiveCount.
 */
public final class SqsBatch {
    private static final JsonLog LOG = JsonLog.get(SqsBatch.class);

    private SqsBatch() {}

    /** Told about each failed message, e.g. to keep why it failed for the dead-letter list. */
    public interface FailureListener {
        void failed(SQSEvent.SQSMessage message, RuntimeException error);
    }

    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler) {
        return process(event, handler, (m, e) -> { });
    }

    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler, FailureListener listener) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean fifo = !records.isEmpty() && records.get(0).getEventSourceArn() != null
                && records.get(0).getEventSourceArn().endsWith(".fifo");
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = records.get(i);
            try {
                handler.accept(m);
            } catch (RuntimeException e) {
                LOG.error("message failed", e, "messageId", m.getMessageId(), "receiveCount", receiveCount(m));
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                try {
                    listener.failed(m, e);
                } catch (RuntimeException listenerError) {
                    LOG.error("could not record the failure", listenerError, "messageId", m.getMessageId());
                }
                if (fifo) {
                    // FIFO order must hold: the rest of the batch waits for this message.
                    for (int j = i + 1; j < records.size(); j++) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(records.get(j).getMessageId()));
                    }
                    break;
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static String receiveCount(SQSEvent.SQSMessage m) {
        return m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
    }
}
