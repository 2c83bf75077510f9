package dev.orderhub.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every DynamoDB item write on the wire (PutItem, UpdateItem, DeleteItem; one per attempt, as AWS
 * bills them, a failed conditional write included) that names one site, with the function that
 * made it: registered for every SDK client of the test JVM through the SDK's global interceptor
 * list, beside local mode's {@code SdkCallCounter}. A write names the site when its key, item or
 * values carry the site's client id (an e-mail's {@code MAILMSG#} item carries it as a value).
 */
public final class SiteWrites implements ExecutionInterceptor {
    private static final List<Recording> RECORDINGS = new CopyOnWriteArrayList<>();
    private static final Pattern KEY_PREFIX = Pattern.compile("#?[A-Z][A-Z_]+");

    /** The writes naming one site from now on: {@code <function> <operation> <pk prefix>/<sk prefix>}. */
    public static final class Recording implements AutoCloseable {
        private final String clientId;
        private final List<String> writes = new CopyOnWriteArrayList<>();

        private Recording(String clientId) {
            this.clientId = clientId;
        }

        /** The writes a function made (its logical id, e.g. WorkflowRunnerFunction). */
        public List<String> by(String function) {
            return writes.stream().filter(w -> w.startsWith(function + " ")).map(w -> w.substring(function.length() + 1)).toList();
        }

        public List<String> all() {
            return new ArrayList<>(writes);
        }

        @Override
        public void close() {
            RECORDINGS.remove(this);
        }
    }

    public static Recording record(String clientId) {
        Recording r = new Recording(clientId);
        RECORDINGS.add(r);
        return r;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (RECORDINGS.isEmpty()) {
            return;
        }
        Object request = context.request();
        Map<String, AttributeValue> key;
        Stream<AttributeValue> values;
        String operation;
        if (request instanceof PutItemRequest p) {
            key = p.item();
            values = p.item().values().stream();
            operation = "PutItem";
        } else if (request instanceof UpdateItemRequest u) {
            key = u.key();
            values = Stream.concat(u.key().values().stream(), u.expressionAttributeValues().values().stream());
            operation = "UpdateItem";
        } else if (request instanceof DeleteItemRequest d) {
            key = d.key();
            values = d.key().values().stream();
            operation = "DeleteItem";
        } else {
            return;
        }
        List<String> strings = values.map(AttributeValue::s).filter(s -> s != null).toList();
        String function = LambdaFunctions.running();
        String write = (function == null ? "other" : function) + " " + operation + " " + prefix(key.get("pk")) + "/"
                + prefix(key.get("sk"));
        for (Recording r : RECORDINGS) {
            if (strings.stream().anyMatch(s -> s.contains(r.clientId))) {
                r.writes.add(write);
            }
        }
    }

    private static String prefix(AttributeValue v) {
        Matcher m = v == null || v.s() == null ? null : KEY_PREFIX.matcher(v.s());
        return m != null && m.lookingAt() ? m.group() : "?";
    }
}
