package dev.orderhub.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Sees every DynamoDB read of an order item any client in the test JVM sends for a watched site
 * (an SDK interceptor registered on the test classpath, like {@link OrderItemWrites}): a GetItem of
 * one, or a BatchGetItem naming at least one. What a test counts the payment events' order reads with.
 */
public final class OrderReads implements ExecutionInterceptor {
    private static final Map<String, List<Read>> WATCHED = new ConcurrentHashMap<>();

    /** One request on the wire: its operation, the function that sent it ("other" outside any), and how many of the site's orders it named. */
    public record Read(String operation, String function, int orders) {}

    /** Starts keeping the order reads of one site; the list fills as requests are sent. */
    public static List<Read> watch(String clientId) {
        return WATCHED.computeIfAbsent(clientId, c -> new CopyOnWriteArrayList<>());
    }

    public static void unwatch(String clientId) {
        WATCHED.remove(clientId);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (WATCHED.isEmpty()) {
            return;
        }
        if (context.request() instanceof GetItemRequest g) {
            note("GetItem", List.of(g.key()));
        } else if (context.request() instanceof BatchGetItemRequest b) {
            note("BatchGetItem", b.requestItems().values().stream().flatMap(k -> k.keys().stream()).toList());
        }
    }

    private static void note(String operation, List<Map<String, AttributeValue>> keys) {
        Map<String, Integer> orders = new java.util.HashMap<>();
        for (Map<String, AttributeValue> key : keys) {
            AttributeValue pk = key.get("pk");
            AttributeValue sk = key.get("sk");
            if (pk == null || sk == null || !"#ORDER".equals(sk.s()) || pk.s() == null || !pk.s().startsWith("ORDER#")) {
                continue;
            }
            String rest = pk.s().substring("ORDER#".length());
            int hash = rest.indexOf('#');
            if (hash > 0) {
                orders.merge(rest.substring(0, hash), 1, Integer::sum);
            }
        }
        String function = LambdaFunctions.running();
        orders.forEach((clientId, n) -> {
            List<Read> seen = WATCHED.get(clientId);
            if (seen != null) {
                seen.add(new Read(operation, function == null ? "other" : function, n));
            }
        });
    }
}
