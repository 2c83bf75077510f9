package dev.orderhub.local.load;

import dev.orderhub.local.LambdaFunctions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS request made in this JVM by service, operation and the function that made it
 * (or "poller" for the queue pollers that stand in for Lambda's event source mapping, whose SQS
 * requests AWS bills too). Registered for every SDK client of local mode through the SDK's
 * global interceptor list (resources/software/amazon/awssdk/global/handlers/execution.interceptors),
 * so production code is untouched; the function jars do not contain it. A request is counted
 * once per attempt on the wire, which is what AWS bills.
 */
public final class SdkCallCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String function = LambdaFunctions.running();
        String caller = function != null ? function : Thread.currentThread().getName().startsWith("poller-") ? "poller" : "other";
        COUNTS.computeIfAbsent(caller + " " + service + " " + operation, k -> new LongAdder()).increment();
    }

    /** "caller service operation" → requests so far. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** What was counted between two snapshots. */
    public static Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        snapshot().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
