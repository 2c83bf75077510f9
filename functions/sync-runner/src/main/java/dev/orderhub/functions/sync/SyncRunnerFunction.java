package dev.orderhub.functions.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.json.Json;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import dev.orderhub.sync.SyncMessage;
import dev.orderhub.sync.SyncRunner;

/**
 * Consumes the sync-jobs queue: one message is "go on with this sync run", which the runner
 * does page by page until the invocation's time runs low, then puts back on the queue. A message
 * whose invocation dies comes back after the visibility timeout and goes on from the last saved page.
 */
public final class SyncRunnerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SyncRunner runner;

    /** Lambda's constructor: once per container, from the function's environment. */
    public SyncRunnerFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public SyncRunnerFunction(Stack stack) {
        this(stack.syncRunner());
    }

    public SyncRunnerFunction(SyncRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private SQSBatchResponse invocation(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> runner.run(Json.read(message.getBody(), SyncMessage.class),
                context::getRemainingTimeInMillis));
    }
}
