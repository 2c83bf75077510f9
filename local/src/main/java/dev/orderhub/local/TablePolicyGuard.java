package dev.orderhub.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What IAM would answer each function's DynamoDB request on AWS, decided here from the function's
 * statements in template.yaml: the action, the resource (the table or its indexes) and the
 * {@code dynamodb:LeadingKeys} conditions (the partition key the request touches; for a query of
 * an index, the index's partition key). A request the template would not allow fails as on AWS,
 * with AccessDeniedException, and is remembered in {@link #refusals()}: so every local run and
 * every integration test checks that each function's code only builds keys its role allows.
 * Requests made outside any function (the tests' own set-up) are not checked.
 *
 * <p>Registered for every SDK client of local mode through the SDK's global interceptor list;
 * the function jars do not contain it.
 */
public final class TablePolicyGuard implements ExecutionInterceptor {
    private static volatile SamTemplate template;
    private static final Map<String, List<Statement>> STATEMENTS = new ConcurrentHashMap<>();
    private static final List<String> REFUSALS = new CopyOnWriteArrayList<>();
    private static final Pattern PARTITION_CONDITION = Pattern.compile("\\b(pk|gsi\\d+pk)\\s*=\\s*(:\\w+)");

    /** One DynamoDB statement of a function's policy, as IAM reads it. */
    record Statement(boolean allow, List<String> actions, boolean table, boolean indexes, List<String> allLike, List<String> anyLike,
            List<String> allNotLike) {}

    /** From now on, functions' requests are checked against this template's policies. */
    static void install(SamTemplate t) {
        STATEMENTS.clear();
        template = t;
    }

    /** "function action leadingKey" of every request refused so far. */
    public static List<String> refusals() {
        return List.copyOf(REFUSALS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SamTemplate t = template;
        String function = LambdaFunctions.running();
        if (t == null || function == null || !"DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return;
        }
        String action = "dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String refusal = refusal(STATEMENTS.computeIfAbsent(function, f -> statements(t, f)), function, action, context.request());
        if (refusal != null) {
            REFUSALS.add(refusal);
            throw (DynamoDbException) DynamoDbException.builder().statusCode(400)
                    .message("local IAM: " + refusal + " is not allowed by template.yaml")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").serviceName("DynamoDb")
                            .errorMessage(refusal + " is not allowed by template.yaml").build())
                    .build();
        }
    }

    /** Null when the function's role allows the request; else what was refused ("function action leadingKeys"). */
    static String refusal(SamTemplate t, String function, String action, SdkRequest request) {
        return refusal(statements(t, function), function, action, request);
    }

    private static String refusal(List<Statement> statements, String function, String action, SdkRequest request) {
        boolean onIndex = request instanceof QueryRequest q && q.indexName() != null;
        List<String> leadingKeys = leadingKeys(request);
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.actions().contains(action) && (onIndex ? s.indexes() : s.table()) && conditionsHold(s, leadingKeys)) {
                if (!s.allow()) {
                    return function + " " + action + (onIndex ? " (index)" : "") + " " + leadingKeys + " (denied)";
                }
                allowed = true;
            }
        }
        return allowed ? null : function + " " + action + (onIndex ? " (index)" : "") + " " + leadingKeys;
    }

    /**
     * The partition key values a request touches, as IAM's dynamodb:LeadingKeys sees them (none for
     * a Scan): for a BatchGetItem every key of every table it names, so that one key the role does
     * not allow refuses the whole request.
     */
    static List<String> leadingKeys(SdkRequest request) {
        if (request instanceof BatchGetItemRequest b) {
            List<String> pks = new ArrayList<>();
            b.requestItems().values().forEach(k -> k.keys().forEach(key -> {
                AttributeValue pk = key.get("pk");
                pks.add(pk == null ? null : pk.s());
            }));
            return pks;
        }
        Map<String, AttributeValue> key = request instanceof GetItemRequest r ? r.key()
                : request instanceof PutItemRequest r ? r.item()
                : request instanceof UpdateItemRequest r ? r.key()
                : request instanceof DeleteItemRequest r ? r.key() : null;
        if (key != null) {
            AttributeValue pk = key.get("pk");
            return pk == null ? List.of() : List.of(pk.s());
        }
        if (request instanceof QueryRequest q) {
            String wanted = q.indexName() == null ? "pk" : q.indexName() + "pk";
            Matcher m = PARTITION_CONDITION.matcher(q.keyConditionExpression() == null ? "" : q.keyConditionExpression());
            while (m.find()) {
                if (m.group(1).equals(wanted) && q.expressionAttributeValues().containsKey(m.group(2))) {
                    return List.of(q.expressionAttributeValues().get(m.group(2)).s());
                }
            }
        }
        return List.of();
    }

    private static boolean conditionsHold(Statement s, List<String> leadingKeys) {
        // ForAllValues holds for an empty set (a Scan has no leading keys): as on AWS.
        boolean all = s.allLike() == null || leadingKeys.stream().allMatch(k -> s.allLike().stream().anyMatch(p -> like(p, k)));
        boolean any = s.anyLike() == null || leadingKeys.stream().anyMatch(k -> s.anyLike().stream().anyMatch(p -> like(p, k)));
        // ForAllValues:StringNotLike: no leading key is like any pattern (the exception a Deny makes, as on AWS).
        boolean none = s.allNotLike() == null
                || leadingKeys.stream().noneMatch(k -> s.allNotLike().stream().anyMatch(p -> like(p, k)));
        return all && any && none;
    }

    /** IAM's StringLike: {@code *} any characters, {@code ?} one. */
    static boolean like(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value != null && value.matches(regex.toString());
    }

    /** The function's statements that name DynamoDB actions. */
    static List<Statement> statements(SamTemplate t, String function) {
        List<Statement> out = new ArrayList<>();
        Object policies = t.properties(function).get("Policies");
        if (!(policies instanceof List<?> list)) {
            return out;
        }
        for (Object p : list) {
            Object statements = SamTemplate.map(p).get("Statement");
            if (!(statements instanceof List<?> sts)) {
                continue;
            }
            for (Object o : sts) {
                Map<String, Object> st = SamTemplate.map(o);
                List<String> actions = strings(st.get("Action")).stream().filter(a -> a.startsWith("dynamodb:")).toList();
                if (actions.isEmpty()) {
                    continue;
                }
                boolean table = false;
                boolean indexes = false;
                for (Object r : asList(st.get("Resource"))) {
                    String text = String.valueOf(r);
                    indexes |= text.contains("HubTable.Arn}/index/*");
                    table |= r instanceof Map<?, ?> m && String.valueOf(m.get("Fn::GetAtt")).equals("[HubTable, Arn]");
                }
                Map<String, Object> condition = SamTemplate.map(st.get("Condition"));
                out.add(new Statement(!"Deny".equals(st.get("Effect")), actions, table, indexes,
                        leadingKeyPatterns(condition.get("ForAllValues:StringLike")),
                        leadingKeyPatterns(condition.get("ForAnyValue:StringLike")),
                        leadingKeyPatterns(condition.get("ForAllValues:StringNotLike"))));
            }
        }
        return out;
    }

    private static List<String> leadingKeyPatterns(Object operator) {
        Object patterns = SamTemplate.map(operator).get("dynamodb:LeadingKeys");
        return patterns == null ? null : strings(patterns);
    }

    private static List<String> strings(Object o) {
        return asList(o).stream().map(String::valueOf).toList();
    }

    private static List<?> asList(Object o) {
        return o instanceof List<?> l ? l : o == null ? List.of() : List.of(o);
    }
}
