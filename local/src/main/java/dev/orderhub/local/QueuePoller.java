package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.log.JsonLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Drives a function from an SQS queue as Lambda's event source mapping does: long-polls a batch
 * (up to the source's batch size, gathered for up to its batching window), invokes the function
 * with an SQS event, deletes the messages that succeeded, and leaves the failed ones (all of them
 * if the function threw) to come back after the visibility timeout, until the queue's redrive
 * policy moves them to the dead-letter queue. As many pollers as the source's maximum
 * concurrency run at once (see {@link #start}), so batches of one queue are handled in parallel
 * and two writers may touch the same order, as on AWS.
 */
public final class QueuePoller implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.get(QueuePoller.class);
    private final SqsClient sqs;
    private final LambdaFunctions functions;
    private final SamTemplate.SqsSource source;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private final long batchingWindowMillis;
    private final int visibilityTimeout;
    private final Thread thread;

    /**
     * The source's pollers: {@code maximumConcurrency} of them, each invoking the function with
     * one batch at a time.
     *
     * @param visibilityTimeout the queue's visibility timeout in seconds. Gathering a batch holds
     *     its first messages invisible, so the batching window is kept under half of it: with the
     *     tests' 1 s timeout a longer wait would make held messages visible again before the
     *     batch is even invoked (on AWS the template's timeouts are far longer than its windows).
     */
    public static List<QueuePoller> start(SqsClient sqs, LambdaFunctions functions, SamTemplate.SqsSource source,
            String queueUrl, String region, int visibilityTimeout) {
        long window = Math.min(source.batchingWindowSeconds() * 1000L, visibilityTimeout * 500L);
        List<QueuePoller> out = new ArrayList<>();
        for (int i = 1; i <= Math.max(1, source.maximumConcurrency()); i++) {
            out.add(new QueuePoller(sqs, functions, source, queueUrl, region, window, visibilityTimeout, i));
        }
        return out;
    }

    private QueuePoller(SqsClient sqs, LambdaFunctions functions, SamTemplate.SqsSource source, String queueUrl, String region,
            long batchingWindowMillis, int visibilityTimeout, int number) {
        this.sqs = sqs;
        this.batchingWindowMillis = batchingWindowMillis;
        this.visibilityTimeout = visibilityTimeout;
        this.functions = functions;
        this.source = source;
        this.queueUrl = queueUrl;
        this.region = region;
        this.queueArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        this.thread = new Thread(this::run, "poller-" + source.functionId() + "-" + number);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running.get()) {
            try {
                if (paused.get()) {
                    sleep(50);
                    continue;
                }
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.error("poll failed", e, "function", source.functionId());
                    sleep(500);
                }
            }
        }
    }

    /** One receive–invoke–delete round; returns how many messages it received. */
    int pollOnce() {
        int batchSize = Math.min(10, source.batchSize());
        List<Message> messages = new ArrayList<>(receive(batchSize, 1));
        if (messages.isEmpty()) {
            return 0;
        }
        // The batching window: keep gathering until the batch is full or the window is over.
        long windowEnds = System.nanoTime() + batchingWindowMillis * 1_000_000L;
        while (messages.size() < batchSize && System.nanoTime() < windowEnds && running.get()) {
            List<Message> more = receive(batchSize - messages.size(), 0);
            if (more.isEmpty()) {
                sleep(Math.min(50, Math.max(1, (windowEnds - System.nanoTime()) / 1_000_000L)));
            }
            messages.addAll(more);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        Set<String> failed = new HashSet<>();
        Thread heartbeat = heartbeat(messages);
        try {
            Object response = functions.invoke(source.functionId(), event);
            if (source.reportsBatchItemFailures() && response instanceof SQSBatchResponse r && r.getBatchItemFailures() != null) {
                r.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            LOG.error("function failed; whole batch will be retried", e, "function", source.functionId());
            messages.forEach(m -> failed.add(m.messageId()));
        } finally {
            heartbeat.interrupt();
            messages.forEach(m -> PostponedMessages.forget(m.receiptHandle()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl).entries(done).build());
        }
        return messages.size();
    }

    /**
     * Keeps the batch invisible while the function runs. On AWS a message never reappears while
     * its batch still runs, because the template's visibility timeouts are six times the
     * functions' timeouts; the tests shorten the timeout to 1 s so that a failed message comes
     * back at once, and with concurrent pollers a slow batch would otherwise be received again
     * by another poller mid-run. A message the function postponed itself is left alone.
     */
    private Thread heartbeat(List<Message> messages) {
        Thread t = new Thread(() -> {
            long every = Math.max(200, visibilityTimeout * 500L);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                // One request for the batch (at most 10 messages, SQS's batch limit), not one per message:
                // the SQS stand-in shares the cores with the functions.
                List<ChangeMessageVisibilityBatchRequestEntry> keep = new ArrayList<>();
                for (Message m : messages) {
                    if (!PostponedMessages.postponed(m.receiptHandle())) {
                        keep.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(keep.size()))
                                .receiptHandle(m.receiptHandle()).visibilityTimeout(visibilityTimeout).build());
                    }
                }
                if (keep.isEmpty() || Thread.currentThread().isInterrupted()) {
                    continue;
                }
                try {
                    sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(keep));
                } catch (RuntimeException e) {
                    // the stand-in is frozen: the function's outcome decides (an entry deleted meanwhile fails alone)
                }
            }
        }, "heartbeat-" + thread.getName());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build()).messages();
    }

    private SQSEvent.SQSMessage toRecord(Message m) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setMd5OfBody(m.md5OfBody());
        r.setEventSource("aws:sqs");
        r.setEventSourceArn(queueArn);
        r.setAwsRegion(region);
        Map<String, String> attrs = new HashMap<>();
        m.attributesAsStrings().forEach(attrs::put);
        r.setAttributes(attrs);
        Map<String, SQSEvent.MessageAttribute> mattrs = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            mattrs.put(k, a);
        });
        r.setMessageAttributes(mattrs);
        return r;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops consuming (the function is "disabled") so a test can look at what is on the queue. */
    public void pause(boolean pause) {
        paused.set(pause);
    }

    /** Asks the poller to stop after its current round, without waiting (stop many, then {@link #close} each). */
    public void stop() {
        running.set(false);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
