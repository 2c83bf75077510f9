package dev.orderhub.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Sees every Query any client in the test JVM sends to a watched site's open-intents index
 * partition (an SDK interceptor registered on the test classpath, like {@link OrderItemWrites}),
 * and keeps which function sent it: what a test counts the intent matcher's reads with.
 */
public final class IntentIndexReads implements ExecutionInterceptor {
    private static final Map<String, List<String>> WATCHED = new ConcurrentHashMap<>();

    /** Starts keeping the open-intents queries of one site: one entry per request, the function that sent it. */
    public static List<String> watch(String clientId) {
        return WATCHED.computeIfAbsent(clientId, c -> new CopyOnWriteArrayList<>());
    }

    public static void unwatch(String clientId) {
        WATCHED.remove(clientId);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (WATCHED.isEmpty() || !(context.request() instanceof QueryRequest q) || q.indexName() == null) {
            return;
        }
        for (AttributeValue v : q.expressionAttributeValues().values()) {
            String s = v.s();
            if (s == null || !s.startsWith("SITE#") || !s.endsWith("#INTENTS#OPEN")) {
                continue;
            }
            List<String> seen = WATCHED.get(s.substring("SITE#".length(), s.length() - "#INTENTS#OPEN".length()));
            if (seen != null) {
                String function = LambdaFunctions.running();
                seen.add(function == null ? "other" : function);
            }
        }
    }
}
