package dev.orderhub.local.load;

import dev.orderhub.local.LambdaFunctions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
    private static final Map<String, LongAdder> DETAIL = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> FAILURES = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern KEY_PREFIX = java.util.regex.Pattern.compile("#?[A-Z][A-Z_]+");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String function = LambdaFunctions.running();
        String caller = function != null ? function : Thread.currentThread().getName().startsWith("poller-") ? "poller" : "other";
        COUNTS.computeIfAbsent(caller + " " + service + " " + operation, k -> new LongAdder()).increment();
        String item = itemKind(context.request());
        if (item != null && !caller.equals("other")) { // the hub's requests, not the harness's (LoadResult.callsByOperation)
            DETAIL.computeIfAbsent(service + " " + operation + " " + item, k -> new LongAdder()).increment();
        }
    }

    /**
     * Which kind of item a DynamoDB request touches, from the key's prefixes ("ORDER#…/EVENT#…"
     * → "ORDER/EVENT"), or the index a query reads: what COSTS.md breaks the requests down by.
     */
    private static String itemKind(SdkRequest request) {
        if (request instanceof PutItemRequest r) {
            return kind(r.item());
        }
        if (request instanceof UpdateItemRequest r) {
            return kind(r.key());
        }
        if (request instanceof GetItemRequest r) {
            return kind(r.key());
        }
        if (request instanceof DeleteItemRequest r) {
            return kind(r.key());
        }
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest r) {
            // One request whatever the number of keys: counted by the kind of its first key.
            return r.requestItems().values().stream().flatMap(k -> k.keys().stream()).findFirst().map(SdkCallCounter::kind)
                    .orElse("?");
        }
        if (request instanceof QueryRequest r) {
            String pk = r.expressionAttributeValues().values().stream().map(AttributeValue::s)
                    .filter(v -> v != null && KEY_PREFIX.matcher(v).lookingAt()).findFirst().orElse("?");
            return (r.indexName() == null ? "table" : r.indexName()) + ":" + prefix(pk);
        }
        return null;
    }

    private static String kind(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get("pk");
        AttributeValue sk = key.get("sk");
        return prefix(pk == null ? "?" : pk.s()) + "/" + prefix(sk == null ? "?" : sk.s());
    }

    /** Key prefixes are upper-case words ("ORDER#…", "#ORDER"); ids after them are not counted apart. */
    private static String prefix(String v) {
        java.util.regex.Matcher m = v == null ? null : KEY_PREFIX.matcher(v);
        return m != null && m.lookingAt() ? m.group() : "?";
    }

    /** A call that failed in the end (retries spent, timed out, refused): what fault runs check a stall was felt by. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        FAILURES.computeIfAbsent(service + " " + operation, k -> new LongAdder()).increment();
    }

    /** "service operation" → calls that failed so far, whoever made them. */
    public static Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        FAILURES.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** "service operation itemKind" → requests so far (DynamoDB only). */
    public static Map<String, Long> detail() {
        Map<String, Long> out = new TreeMap<>();
        DETAIL.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The detail counted since an earlier {@link #detail()}. */
    public static Map<String, Long> detailSince(Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        detail().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return out;
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
