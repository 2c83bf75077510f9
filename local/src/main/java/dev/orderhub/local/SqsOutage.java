package dev.orderhub.local;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SQS outage for fault injection: while it is on, every SQS request the hub makes (its
 * functions and the queue pollers that stand in for Lambda's event source mappings) fails as
 * against an unreachable endpoint, before anything is sent. The harness's own requests (a test
 * reading a queue's depth, a load run's checks) still go through. ElasticMQ runs inside this JVM,
 * so it cannot be frozen with a signal as the other stand-ins are; registered for every SDK
 * client of local mode through the SDK's global interceptor list, never part of a function jar.
 */
public final class SqsOutage implements ExecutionInterceptor {
    private static volatile boolean on;

    static void set(boolean unavailable) {
        on = unavailable;
    }

    public static boolean on() {
        return on;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (on && "Sqs".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) && byTheHub()) {
            throw SdkClientException.create("SQS unavailable (fault injection)");
        }
    }

    private static boolean byTheHub() {
        return LambdaFunctions.running() != null || Thread.currentThread().getName().startsWith("poller-");
    }
}
