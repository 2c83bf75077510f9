package dev.orderhub.functions.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import dev.orderhub.sync.SyncScheduler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one {@link SyncScheduler} tick per EventBridge schedule tick: an incremental sync run for
 * every site+provider whose schedule is on and due, put on the sync-jobs queue for the sync runner.
 * The event is taken as a plain map, as the reconciler does (the events library's ScheduledEvent
 * would pull joda-time into the jar for a field the tick does not need). Returns the tick's summary.
 */
public final class SyncSchedulerFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.get(SyncSchedulerFunction.class);
    private final SyncScheduler scheduler;

    /** Lambda's constructor: once per container, from the function's environment. */
    public SyncSchedulerFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public SyncSchedulerFunction(Stack stack) {
        this(stack.syncScheduler());
    }

    public SyncSchedulerFunction(SyncScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private Map<String, Object> invocation(Map<String, Object> event, Context context) {
        SyncScheduler.Summary s = scheduler.tick();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("due", s.due());
        out.put("started", s.started());
        out.put("skipped", s.skipped());
        LOG.info("sync schedule run done", "scheduledAt", event == null ? null : String.valueOf(event.get("time")),
                "due", s.due(), "started", s.started(), "skipped", s.skipped());
        return out;
    }
}
