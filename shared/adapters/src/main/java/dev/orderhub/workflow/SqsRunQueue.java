package dev.orderhub.workflow;

import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.queue.SqsSender;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The workflow-runs SQS queue: one message per run. */
public final class SqsRunQueue implements RunQueue {
    private static final JsonLog LOG = JsonLog.get(SqsRunQueue.class);
    private final SqsSender sqs;
    private final String queueUrl;

    public SqsRunQueue(SqsClient sqs, String queueUrl) {
        this.sqs = new SqsSender(sqs);
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<RunRequest> runs) {
        if (runs.isEmpty()) {
            return;
        }
        sqs.sendAll(queueUrl, runs.stream().map(run -> SqsSender.Message.of(Json.write(run))).toList());
        runs.forEach(run -> LOG.info("workflow run queued", "clientId", run.clientId(), "workflowId", run.workflowId(),
                "version", run.version(), "trigger", run.trigger(), "orderId", run.orderId()));
    }
}
