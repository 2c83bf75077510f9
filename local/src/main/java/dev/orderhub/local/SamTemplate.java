package dev.orderhub.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What template.yaml declares, read the way SAM reads it: functions with their handlers, HTTP
 * routes and SQS sources, queues with their redrive policies, and tables. Local mode serves and
 * provisions exactly this, and a test checks it against the code.
 */
public record SamTemplate(
        Map<String, Object> parameters,
        Map<String, Object> globals,
        List<Function> functions,
        List<Route> routes,
        Map<String, String> authorizers,
        List<WebSocketRoute> webSocketRoutes,
        List<SqsSource> sqsSources,
        List<ScheduleSource> schedules,
        List<Queue> queues,
        List<Table> tables,
        List<String> resourceIds,
        Map<String, Object> resources) {

    /** @param timeoutSeconds the function's Timeout, else the Globals', else Lambda's default of 3 s */
    public record Function(String logicalId, String handler, String codeUri, Map<String, Object> environment,
            int timeoutSeconds) {
        public String handlerClass() {
            int i = handler.indexOf("::");
            return i < 0 ? handler : handler.substring(0, i);
        }

        public String handlerMethod() {
            int i = handler.indexOf("::");
            return i < 0 ? "handleRequest" : handler.substring(i + 2);
        }

        /**
         * The deployable jar, relative to the repository: CodeUri is the function's module (where `sam build` runs its
         * Makefile), and Maven builds the module's jar as target/fn-&lt;module&gt;-lambda.jar (finalName, no version).
         */
        public String jar() {
            String module = codeUri.substring(codeUri.lastIndexOf('/') + 1);
            return codeUri + "/target/fn-" + module + "-lambda.jar";
        }
    }

    /** @param authorizer the name of the API authorizer in front of the route (its Auth.Authorizer), or null for none */
    public record Route(String method, String path, String functionId, String authorizer) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** A route of a WebSocket API ({@code $connect}, {@code $disconnect}, an action) and the function its integration calls. */
    public record WebSocketRoute(String routeKey, String functionId) {}

    /**
     * An SQS event source mapping.
     *
     * @param batchingWindowSeconds MaximumBatchingWindowInSeconds: how long a poller gathers
     *     messages before invoking with a batch that is not full (0: invoke with what one receive gets)
     * @param maximumConcurrency ScalingConfig.MaximumConcurrency: how many batches Lambda runs at
     *     once; when the template sets none, {@link #DEFAULT_CONCURRENCY}
     */
    public record SqsSource(String functionId, String queueId, int batchSize, boolean reportsBatchItemFailures,
            int batchingWindowSeconds, int maximumConcurrency) {
        /**
         * Without a ScalingConfig Lambda scales an SQS source far higher (up to its account
         * limit); locally five pollers stand for "several at once", as Lambda starts with five.
         */
        public static final int DEFAULT_CONCURRENCY = 5;
    }

    /** An EventBridge Schedule event: {@code expression} as written ("rate(…)", or a !Sub of one). */
    public record ScheduleSource(String functionId, Object expression) {}

    /** An SNS event: the function subscribed to the topic (its logical id). */
    public record SnsSource(String functionId, String topicId) {}

    public record Queue(String logicalId, int visibilityTimeout, String deadLetterQueueId, int maxReceiveCount, boolean fifo) {}

    public record Table(String logicalId, Map<String, Object> properties) {}

    /** The functions' SNS subscriptions. */
    public List<SnsSource> snsSources() {
        List<SnsSource> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : resources.entrySet()) {
            Map<String, Object> res = map(e.getValue());
            if (!"AWS::Serverless::Function".equals(res.get("Type"))) {
                continue;
            }
            for (Object ev : map(map(res.get("Properties")).get("Events")).values()) {
                Map<String, Object> event = map(ev);
                if ("SNS".equals(event.get("Type"))) {
                    out.add(new SnsSource(e.getKey(), referencedId(map(event.get("Properties")).get("Topic"))));
                }
            }
        }
        return out;
    }

    public static SamTemplate read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> doc = new Yaml(new CloudFormationConstructor()).load(r);
            return from(doc);
        }
    }

    @SuppressWarnings("unchecked")
    static SamTemplate from(Map<String, Object> doc) {
        Map<String, Object> resources = map(doc.get("Resources"));
        Map<String, Object> globals = map(map(doc.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<SqsSource> sources = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        List<Queue> queues = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, Object> e : resources.entrySet()) {
            Map<String, Object> res = map(e.getValue());
            Map<String, Object> props = map(res.get("Properties"));
            switch (String.valueOf(res.get("Type"))) {
                case "AWS::Serverless::Function" -> {
                    Map<String, Object> env = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
                    env.putAll(map(map(props.get("Environment")).get("Variables")));
                    Object timeout = props.containsKey("Timeout") ? props.get("Timeout") : globals.get("Timeout");
                    functions.add(new Function(e.getKey(), String.valueOf(props.get("Handler")),
                            String.valueOf(props.get("CodeUri")), env, timeout instanceof Number n ? n.intValue() : 3));
                    for (Object ev : map(props.get("Events")).values()) {
                        Map<String, Object> event = map(ev);
                        Map<String, Object> p = map(event.get("Properties"));
                        if ("HttpApi".equals(event.get("Type"))) {
                            // Kept as written: `NONE` is not mapped to "no authorizer", because SAM refuses it on an
                            // HttpApi without a DefaultAuthorizer (samtranslator's HttpApi event source), and
                            // TemplateIT requires every route's authorizer to be one the API defines.
                            Object authorizer = map(p.get("Auth")).get("Authorizer");
                            routes.add(new Route(String.valueOf(p.get("Method")).toUpperCase(java.util.Locale.ROOT),
                                    String.valueOf(p.get("Path")), e.getKey(),
                                    authorizer == null ? null : String.valueOf(authorizer)));
                        } else if ("SQS".equals(event.get("Type"))) {
                            List<Object> types = p.get("FunctionResponseTypes") instanceof List<?> l ? (List<Object>) l : List.of();
                            sources.add(new SqsSource(e.getKey(), referencedId(p.get("Queue")),
                                    p.get("BatchSize") instanceof Number n ? n.intValue() : 10,
                                    types.contains("ReportBatchItemFailures"),
                                    p.get("MaximumBatchingWindowInSeconds") instanceof Number w ? w.intValue() : 0,
                                    map(p.get("ScalingConfig")).get("MaximumConcurrency") instanceof Number c
                                            ? c.intValue() : SqsSource.DEFAULT_CONCURRENCY));
                        } else if ("Schedule".equals(event.get("Type"))) {
                            schedules.add(new ScheduleSource(e.getKey(), p.get("Schedule")));
                        }
                    }
                }
                case "AWS::SQS::Queue" -> {
                    Map<String, Object> redrive = map(props.get("RedrivePolicy"));
                    queues.add(new Queue(e.getKey(),
                            props.get("VisibilityTimeout") instanceof Number n ? n.intValue() : 30,
                            redrive.isEmpty() ? null : referencedId(redrive.get("deadLetterTargetArn")),
                            redrive.get("maxReceiveCount") instanceof Number n ? n.intValue() : 0,
                            Boolean.TRUE.equals(props.get("FifoQueue"))));
                }
                case "AWS::DynamoDB::Table" -> tables.add(new Table(e.getKey(), props));
                default -> { }
            }
        }
        return new SamTemplate(map(doc.get("Parameters")), globals, functions, routes, authorizers(resources), webSocketRoutes(resources), sources, schedules, queues, tables, new ArrayList<>(resources.keySet()), resources);
    }

    /** The Lambda authorizers the HTTP APIs declare (Auth.Authorizers), by name, with the function each calls. */
    private static Map<String, String> authorizers(Map<String, Object> resources) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object r : resources.values()) {
            Map<String, Object> res = map(r);
            if ("AWS::Serverless::HttpApi".equals(res.get("Type"))) {
                map(map(map(res.get("Properties")).get("Auth")).get("Authorizers"))
                        .forEach((name, a) -> out.put(name, referencedId(map(a).get("FunctionArn"))));
            }
        }
        return out;
    }

    /**
     * Each AWS::ApiGatewayV2::Route with its function: Target {@code integrations/${Integration}}
     * names an integration whose IntegrationUri names the function (or its published alias,
     * {@code <Function>Aliaslive} as SAM names it).
     */
    private static List<WebSocketRoute> webSocketRoutes(Map<String, Object> resources) {
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}");
        List<WebSocketRoute> out = new ArrayList<>();
        for (Object r : resources.values()) {
            Map<String, Object> res = map(r);
            if (!"AWS::ApiGatewayV2::Route".equals(res.get("Type"))) {
                continue;
            }
            Map<String, Object> props = map(res.get("Properties"));
            java.util.regex.Matcher target = ref.matcher(String.valueOf(map(props.get("Target")).get("Fn::Sub")));
            if (!target.find()) {
                continue;
            }
            Object uri = map(map(map(resources.get(target.group(1))).get("Properties")).get("IntegrationUri")).get("Fn::Sub");
            java.util.regex.Matcher fn = ref.matcher(String.valueOf(uri));
            String function = null;
            while (fn.find()) {
                function = fn.group(1);
            }
            if (function != null) {
                out.add(new WebSocketRoute(String.valueOf(props.get("RouteKey")), function.replaceFirst("Aliaslive$", "")));
            }
        }
        return out;
    }

    /** A resource's Properties as written in the template (CloudFormation short forms in long form). */
    public Map<String, Object> properties(String logicalId) {
        return map(map(resources.get(logicalId)).get("Properties"));
    }

    /** The function behind a route's authorizer, or null when the route has none. */
    public String authorizerFunction(Route route) {
        if (route.authorizer() == null) {
            return null;
        }
        String function = authorizers.get(route.authorizer());
        if (function == null) {
            throw new IllegalArgumentException(route.routeKey() + " names authorizer " + route.authorizer()
                    + " that the API does not declare; it has " + authorizers.keySet());
        }
        return function;
    }

    public Function function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId
                        + "; it has " + functions.stream().map(Function::logicalId).toList()));
    }

    /** A parameter's Default, or null. */
    public String parameterDefault(String name) {
        Object d = map(parameters.get(name)).get("Default");
        return d == null ? null : String.valueOf(d);
    }

    public Queue queue(String logicalId) {
        return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no queue " + logicalId));
    }

    /** The logical id a {@code !Ref X} or {@code !GetAtt X.Arn} points at. */
    @SuppressWarnings("unchecked")
    public static String referencedId(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("Ref")) {
                // A function's published alias (AutoPublishAlias: live) stands for the function.
                return String.valueOf(m.get("Ref")).replaceFirst("Aliaslive$", "");
            }
            Object att = m.get("Fn::GetAtt");
            if (att instanceof List<?> l && !l.isEmpty()) {
                return String.valueOf(l.get(0));
            }
        }
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Reads CloudFormation's short forms (!Ref, !GetAtt, !Sub, …) as their long forms. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = "Ref".equals(tag) ? "Ref" : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode s) {
                        value = "GetAtt".equals(tag) ? List.of(s.getValue().split("\\.", 2)) : s.getValue();
                    } else if (node instanceof SequenceNode seq) {
                        value = constructSequence(seq);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(name, value);
                }
            });
        }
    }
}
