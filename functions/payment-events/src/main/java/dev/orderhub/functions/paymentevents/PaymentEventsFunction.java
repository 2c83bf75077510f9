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
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the payment-event queue and keeps each order right: see
 * {@link PaymentEventProcessor}. The orders of a batch's events are read in one request
 * ({@link PaymentEventProcessor#batch}) before the events are applied one by one. Failures are
 * reported per message (one that cannot be read as an event included), so a poison message is
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
        Map<SQSEvent.SQSMessage, PaymentEvent> events = new IdentityHashMap<>();
        List<PaymentEvent> readable = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                PaymentEvent e = Json.read(m.getBody(), PaymentEvent.class);
                if (e != null) {
                    events.put(m, e);
                    readable.add(e);
                }
            } catch (RuntimeException unreadable) {
                // Failed as its own message below, when it is read again.
            }
        }
        PaymentEventProcessor.Batch batch = processor.batch(readable);
        return SqsBatch.process(event, message -> {
            PaymentEvent e = events.get(message);
            batch.process(e != null ? e : Json.read(message.getBody(), PaymentEvent.class));
        }, (m, e) -> failures.record(DeadLetters.PAYMENT_EVENTS, m, e));
    }
}
