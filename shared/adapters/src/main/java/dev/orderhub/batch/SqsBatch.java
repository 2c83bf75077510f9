package dev.orderhub.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LogContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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

    /** Makes a message invisible for a while (SQS ChangeMessageVisibility with its receipt handle). */
    public interface Postponer {
        void postpone(SQSEvent.SQSMessage message, Duration after);
    }

    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler, FailureListener listener) {
        return process(event, handler, listener, null);
    }

    /**
     * As above; a handler that throws {@link RetryLater} has its message postponed by
     * {@code postponer} (when given) and reported as failed, so it comes back when it can succeed.
     */
    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler, FailureListener listener,
            Postponer postponer) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean fifo = !records.isEmpty() && records.get(0).getEventSourceArn() != null
                && records.get(0).getEventSourceArn().endsWith(".fifo");
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = records.get(i);
            try {
                handler.accept(m);
            } catch (RuntimeException e) {
                if (e instanceof RetryLater later && postponer != null) {
                    postpone(postponer, m, later);
                } else {
                    LOG.error("message failed", e, "messageId", m.getMessageId(), "receiveCount", receiveCount(m));
                }
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

    /**
     * As {@link #process(SQSEvent, Consumer, FailureListener, Postponer)}, with the messages of a
     * standard (not FIFO) queue handled at the same time on {@code executor}: one slow message
     * (a receiver that hangs until its deadline) does not hold back the others of its batch. A
     * FIFO batch is handled in order, one message after the other.
     */
    public static SQSBatchResponse processConcurrently(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler,
            FailureListener listener, Postponer postponer, ExecutorService executor) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean fifo = !records.isEmpty() && records.get(0).getEventSourceArn() != null
                && records.get(0).getEventSourceArn().endsWith(".fifo");
        if (fifo || records.size() < 2) {
            return process(event, handler, listener, postponer);
        }
        List<Future<SQSBatchResponse>> each = new ArrayList<>();
        for (SQSEvent.SQSMessage m : records) {
            SQSEvent one = new SQSEvent();
            one.setRecords(List.of(m));
            // The worker logs with this invocation's request id, and with none once the task is done.
            each.add(executor.submit(LogContext.carry(() -> process(one, handler, listener, postponer))));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            try {
                failures.addAll(each.get(i).get().getBatchItemFailures());
            } catch (ExecutionException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static void postpone(Postponer postponer, SQSEvent.SQSMessage m, RetryLater later) {
        try {
            postponer.postpone(m, later.after());
            LOG.info("message postponed", "messageId", m.getMessageId(), "receiveCount", receiveCount(m),
                    "seconds", later.after().toSeconds(), "why", later.getMessage());
        } catch (RuntimeException e) {
            // It comes back after the queue's visibility timeout instead.
            LOG.error("could not postpone the message", e, "messageId", m.getMessageId());
        }
    }

    private static String receiveCount(SQSEvent.SQSMessage m) {
        return m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
    }
}
