package dev.orderhub.functions.reconciler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.runtime.Stack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link Reconciler} once per EventBridge schedule tick. The event is taken as a plain map:
 * the scheduled event carries nothing the run needs (it only logs the event's {@code time}), and
 * the events library's ScheduledEvent would pull joda-time into the jar for that one field.
 * Returns the run's summary, which `./orderhub reconcile` prints.
 */
public final class ReconcilerFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.get(ReconcilerFunction.class);
    /** No new look-up starts in the last 20 s before the timeout (one look-up retries for at most about that). */
    private static final long RESERVE_MILLIS = 20_000;
    private final Reconciler reconciler;

    /** Lambda's constructor: once per container, from the function's environment. */
    public ReconcilerFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public ReconcilerFunction(Stack stack) {
        this(stack.reconciler());
    }

    public ReconcilerFunction(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private Map<String, Object> invocation(Map<String, Object> event, Context context) {
        Reconciler.Summary s = reconciler.runOnce(() -> context.getRemainingTimeInMillis() > RESERVE_MILLIS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checked", s.checked());
        out.put("updated", s.updated());
        out.put("stillPending", s.stillPending());
        out.put("failed", s.failed());
        out.put("gaveUp", s.gaveUp());
        LOG.info("reconcile run done", "scheduledAt", event == null ? null : String.valueOf(event.get("time")),
                "checked", s.checked(), "updated", s.updated(), "stillPending", s.stillPending(), "failed", s.failed(),
                "gaveUp", s.gaveUp());
        return out;
    }
}
