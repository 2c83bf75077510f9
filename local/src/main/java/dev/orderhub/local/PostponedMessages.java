package dev.orderhub.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/**
 * The receipt handles a function postponed itself (ChangeMessageVisibility, e.g. a workflow run
 * waiting for another runner's lease), so that {@link QueuePoller}'s visibility heartbeat does
 * not shorten them again. Registered for every SDK client of local mode through the SDK's global
 * interceptor list; production code is untouched.
 */
public final class PostponedMessages implements ExecutionInterceptor {
    private static final Set<String> POSTPONED = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof ChangeMessageVisibilityRequest r && LambdaFunctions.running() != null) {
            POSTPONED.add(r.receiptHandle());
        }
    }

    static boolean postponed(String receiptHandle) {
        return POSTPONED.contains(receiptHandle);
    }

    static void forget(String receiptHandle) {
        POSTPONED.remove(receiptHandle);
    }
}
