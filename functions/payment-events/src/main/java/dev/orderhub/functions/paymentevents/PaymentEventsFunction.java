package dev.orderhub.functions.paymentevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.deadletter.FailureLog;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.order.PaymentEventProcessor;
import dev.orderhub.runtime.Stack;

/**
 * Consumes the payment-event queue and keeps each order right: see
 * {@link PaymentEventProcessor}. Failures are reported per message, so a poison message is
 * retried alone and then dead-lettered.
 */
public final class PaymentEventsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final PaymentEventProcessor processor;
    private final FailureLog failures;

    /** Lambda's constructor: once per container, from the function's environment. */
    public PaymentEventsFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public PaymentEventsFunction(Stack stack) {
        this(stack.paymentEventProcessor(), stack.failureLog());
    }

    public PaymentEventsFunction(PaymentEventProcessor processor, FailureLog failures) {
        this.processor = processor;
        this.failures = failures;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private SQSBatchResponse invocation(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> processor.process(Json.read(message.getBody(), PaymentEvent.class)),
                (m, e) -> failures.record(DeadLetters.PAYMENT_EVENTS, m, e));
    }
}
