package dev.orderhub.local.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * When each event of a watched site was stored: the moment the first write of an order item
 * that lists the event among its applied events came back successful from DynamoDB. That is the
 * end of "callback to order stored" for that event; the batch it came in may still be running
 * (the function applies a batch's events one after the other, so the batch's end is up to a
 * batch's duration later). A write that lost its race fails and counts for nothing.
 *
 * <p>Registered for every SDK client of local mode through the SDK's global interceptor list
 * (resources/software/amazon/awssdk/global/handlers/execution.interceptors); the function jars
 * do not contain it, and it does nothing unless a run {@link #watch watches} a site.
 */
public final class OrderStoredClock implements ExecutionInterceptor {
    private static final Map<String, Map<String, Long>> WATCHED = new ConcurrentHashMap<>();

    /** Starts timing the stored events of one site: event id to System.nanoTime(), filled as writes succeed. */
    public static Map<String, Long> watch(String clientId) {
        return WATCHED.computeIfAbsent(clientId, c -> new ConcurrentHashMap<>());
    }

    public static void unwatch(String clientId) {
        WATCHED.remove(clientId);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (WATCHED.isEmpty() || !(context.request() instanceof PutItemRequest put)) {
            return;
        }
        Map<String, AttributeValue> item = put.item();
        AttributeValue type = item.get("type");
        AttributeValue site = item.get("clientId");
        AttributeValue events = item.get("appliedEvents");
        if (type == null || !"order".equals(type.s()) || site == null || events == null || !events.hasSs()) {
            return;
        }
        Map<String, Long> stored = WATCHED.get(site.s());
        if (stored != null) {
            long now = System.nanoTime();
            events.ss().forEach(e -> stored.putIfAbsent(e, now));
        }
    }
}
