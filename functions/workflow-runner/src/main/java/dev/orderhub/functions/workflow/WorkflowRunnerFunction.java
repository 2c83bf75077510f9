package dev.orderhub.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.json.Json;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.WorkflowRunner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumes the workflow-runs queue: one message is one run of one workflow version for one
 * trigger (see {@link WorkflowRunner}). Failures are reported per message, so a run whose action
 * must be retried comes back alone, and after the queue's maxReceiveCount lands in its
 * dead-letter queue with the run recorded as waiting for a retry.
 */
public final class WorkflowRunnerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** SQS's longest visibility timeout. */
    private static final long MAX_POSTPONE_SECONDS = 43_200;
    /**
     * The runs of a batch (5 on AWS) are run side by side, so one site's receiver that hangs until
     * its deadline delays none of the other runs of its batch; the per-site cap on runs calling out
     * ({@link dev.orderhub.workflow.OutboundSlots}) keeps one site from filling the runners.
     */
    private static final ExecutorService RUNS = Executors.newFixedThreadPool(5, r -> {
        Thread t = new Thread(r, "workflow-run");
        t.setDaemon(true);
        return t;
    });
    private final WorkflowRunner runner;
    private final SqsBatch.Postponer postponer;
    private final SqsBatch.FailureListener failures;

    /** Lambda's constructor: once per container, from the function's environment. */
    public WorkflowRunnerFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public WorkflowRunnerFunction(Stack stack) {
        this(stack.workflowRunner(), postponer(stack.sqs(), stack.workflowConfig().runsQueueUrl()), failureLog(stack));
    }

    private static SqsBatch.FailureListener failureLog(Stack stack) {
        dev.orderhub.deadletter.FailureLog log = stack.failureLog();
        return (m, e) -> log.record(DeadLetters.WORKFLOW_RUNS, m, e);
    }

    public WorkflowRunnerFunction(WorkflowRunner runner, SqsBatch.Postponer postponer) {
        this(runner, postponer, (m, e) -> { });
    }

    /** @param failures told of each failed run, so that the site's dead-letter list can show it with why */
    public WorkflowRunnerFunction(WorkflowRunner runner, SqsBatch.Postponer postponer, SqsBatch.FailureListener failures) {
        this.runner = runner;
        this.postponer = postponer;
        this.failures = failures;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private SQSBatchResponse invocation(SQSEvent event, Context context) {
        return SqsBatch.processConcurrently(event, message -> runner.run(Json.read(message.getBody(), RunRequest.class)),
                failures, postponer, RUNS);
    }

    /**
     * A run held by another worker's lease comes back when the lease ends, not after the queue's
     * visibility timeout: sooner on AWS (360 s against a 2-minute lease), and never so soon that
     * its receives run out while the lease still holds.
     */
    static SqsBatch.Postponer postponer(SqsClient sqs, String queueUrl) {
        return (m, after) -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.getReceiptHandle())
                .visibilityTimeout((int) Math.min(MAX_POSTPONE_SECONDS, Math.max(1, after.toSeconds()))));
    }
}
