package dev.orderhub.log;

import com.amazonaws.services.lambda.runtime.Context;
import dev.orderhub.config.HubConfig;
import java.util.function.Supplier;

/**
 * A Lambda handler's way into {@link LogContext}: the request id from the invocation's
 * {@link Context}, the trace header from where the Java runtime puts it for this invocation
 * ({@link HubConfig#invocationTraceHeader}). Kept apart from {@link LogContext} so that the log's
 * own code knows neither Lambda's types nor the process's properties.
 */
public final class LambdaLogContext {
    private LambdaLogContext() {}

    /** Runs one invocation of a handler with its request id and trace id on every line it logs on this thread. */
    public static <T> T during(Context context, Supplier<T> invocation) {
        return LogContext.during(context == null ? null : context.getAwsRequestId(), HubConfig.invocationTraceHeader(), invocation);
    }
}
