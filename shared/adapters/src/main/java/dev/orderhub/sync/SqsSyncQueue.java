package dev.orderhub.sync;

import dev.orderhub.json.Json;
import dev.orderhub.queue.SqsSender;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Puts a sync run on the sync-jobs queue, where the sync runner picks it up. */
public final class SqsSyncQueue implements SyncQueue {
    private final SqsSender sqs;
    private final String queueUrl;

    public SqsSyncQueue(SqsClient sqs, String queueUrl) {
        this.sqs = new SqsSender(sqs);
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(SyncMessage m, int delaySeconds) {
        if (queueUrl == null) {
            throw new IllegalStateException("SYNC_JOBS_QUEUE_URL is not set");
        }
        sqs.send(queueUrl, new SqsSender.Message(Json.write(m), Map.of(), delaySeconds));
    }
}
