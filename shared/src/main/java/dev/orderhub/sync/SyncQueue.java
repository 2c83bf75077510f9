package dev.orderhub.sync;

import dev.orderhub.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Puts a sync run on the sync-jobs queue, where the sync runner picks it up. */
public final class SyncQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SyncQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @param delaySeconds how long SQS holds the message back (0–900), e.g. after a failed page */
    public void send(SyncMessage m, int delaySeconds) {
        if (queueUrl == null) {
            throw new IllegalStateException("SYNC_JOBS_QUEUE_URL is not set");
        }
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(Json.write(m))
                .delaySeconds(delaySeconds).build());
    }
}
