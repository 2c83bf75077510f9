package dev.orderhub.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.json.Json;
import dev.orderhub.runtime.Hub;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.WorkflowRunner;

/**
 * Consumes the workflow-runs queue: one message is one run of one workflow version for one
 * trigger (see {@link WorkflowRunner}). Failures are reported per message, so a run whose action
 * must be retried comes back alone, and after the queue's maxReceiveCount lands in its
 * dead-letter queue with the run recorded as waiting for a retry.
 */
public final class WorkflowRunnerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final WorkflowRunner runner;

    public WorkflowRunnerFunction() {
        this(Hub.get().workflowRunner());
    }

    public WorkflowRunnerFunction(WorkflowRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> runner.run(Json.read(message.getBody(), RunRequest.class)));
    }
}
