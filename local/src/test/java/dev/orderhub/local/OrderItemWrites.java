package dev.orderhub.local;

import dev.orderhub.order.DynamoOrderRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Sees every DynamoDB write any client in the test JVM makes (an SDK interceptor registered on the
 * test classpath, software/amazon/awssdk/global/handlers/execution.interceptors, so no production
 * code is involved) and keeps, for the sites a test {@link #watch watches}, each write that touches
 * an order item: how it was made, under which condition, and which of the hub's classes were on
 * the stack. A test can then say that every order write of a whole flow went through the commit.
 */
public final class OrderItemWrites implements ExecutionInterceptor {
    private static final String ORDER_SK = "#ORDER";
    private static final Map<String, List<Write>> WATCHED = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<List<Write>> SEEN = new ExecutionAttribute<>("orderItemWrites");

    /**
     * One write request naming an order item.
     *
     * @param operation the DynamoDB operation (PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem)
     * @param condition its condition expression, or null
     * @param stack the classes of the hub (dev.orderhub.*, simple names) on the calling thread's stack, innermost first
     * @param viaCommit whether {@code OrderCommit.commit} was on that stack
     */
    public record Write(String orderPk, String operation, String condition, Set<String> stack, boolean viaCommit,
            AtomicBoolean succeeded) {}

    /** Starts keeping the order writes of one site; the list fills as writes happen. */
    public static List<Write> watch(String clientId) {
        return WATCHED.computeIfAbsent(clientId, c -> new CopyOnWriteArrayList<>());
    }

    public static void unwatch(String clientId) {
        WATCHED.remove(clientId);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (WATCHED.isEmpty()) {
            return;
        }
        List<Write> writes = new ArrayList<>();
        SdkRequest r = context.request();
        if (r instanceof PutItemRequest p) {
            note(writes, p.item(), "PutItem", p.conditionExpression());
        } else if (r instanceof UpdateItemRequest u) {
            note(writes, u.key(), "UpdateItem", u.conditionExpression());
        } else if (r instanceof DeleteItemRequest d) {
            note(writes, d.key(), "DeleteItem", d.conditionExpression());
        } else if (r instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(i -> {
                if (i.put() != null) {
                    note(writes, i.put().item(), "TransactWriteItems", i.put().conditionExpression());
                }
                if (i.update() != null) {
                    note(writes, i.update().key(), "TransactWriteItems", i.update().conditionExpression());
                }
                if (i.delete() != null) {
                    note(writes, i.delete().key(), "TransactWriteItems", i.delete().conditionExpression());
                }
            });
        } else if (r instanceof BatchWriteItemRequest b) {
            b.requestItems().values().forEach(list -> list.forEach(w -> {
                if (w.putRequest() != null) {
                    note(writes, w.putRequest().item(), "BatchWriteItem", null);
                }
                if (w.deleteRequest() != null) {
                    note(writes, w.deleteRequest().key(), "BatchWriteItem", null);
                }
            }));
        }
        if (!writes.isEmpty()) {
            attributes.putAttribute(SEEN, writes);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Write> writes = attributes.getAttribute(SEEN);
        if (writes != null) {
            writes.forEach(w -> w.succeeded().set(true));
        }
    }

    private static void note(List<Write> writes, Map<String, AttributeValue> key, String operation, String condition) {
        AttributeValue pk = key == null ? null : key.get("pk");
        AttributeValue sk = key == null ? null : key.get("sk");
        if (pk == null || sk == null || pk.s() == null || !ORDER_SK.equals(sk.s())) {
            return;
        }
        WATCHED.forEach((clientId, list) -> {
            if (pk.s().startsWith(DynamoOrderRepository.orderPk(clientId, ""))) {
                Write w = new Write(pk.s(), operation, condition, hubStack(), onStack("dev.orderhub.order.OrderCommit", "commit"),
                        new AtomicBoolean());
                list.add(w);
                writes.add(w);
            }
        });
    }

    private static Set<String> hubStack() {
        Set<String> out = new LinkedHashSet<>();
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            if (e.getClassName().startsWith("dev.orderhub.") && !e.getClassName().equals(OrderItemWrites.class.getName())) {
                String name = e.getClassName();
                out.add(name.substring(name.lastIndexOf('.') + 1));
            }
        }
        return out;
    }

    private static boolean onStack(String className, String method) {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            if (e.getClassName().equals(className) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
