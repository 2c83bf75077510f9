package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.local.LambdaFunctions;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.LocalScheduler;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.Providers;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml and the code agree: what SAM would deploy is what the code expects. */
class TemplateIT {
    private static SamTemplate template;
    private static Path root;

    @BeforeAll
    static void read() throws IOException {
        root = LocalHub.findRoot();
        template = SamTemplate.read(root.resolve("template.yaml"));
    }

    @Test
    void theLiveStatusWebSocketRoutesReachTheirFunction() {
        assertThat(template.webSocketRoutes()).extracting(SamTemplate.WebSocketRoute::routeKey)
                .containsExactlyInAnyOrder("$connect", "$disconnect", "subscribe");
        assertThat(template.webSocketRoutes()).allMatch(r -> r.functionId().equals("LiveStatusFunction"));
        assertThat(template.properties("LiveStatusApi")).containsEntry("ProtocolType", "WEBSOCKET")
                .containsEntry("RouteSelectionExpression", "$request.body.action");
    }

    @Test
    void sesSendsBouncesAndComplaintsReachTheMailEventsFunction() {
        assertThat(template.snsSources()).singleElement().satisfies(s -> {
            assertThat(s.functionId()).isEqualTo("MailEventsFunction");
            assertThat(s.topicId()).isEqualTo("MailEventsTopic");
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> destination = (Map<String, Object>) template.properties("MailEventsDestination").get("EventDestination");
        assertThat((List<Object>) destination.get("MatchingEventTypes")).containsExactlyInAnyOrder("send", "bounce", "complaint");
        assertThat(SamTemplate.referencedId(((Map<?, ?>) destination.get("SnsDestination")).get("TopicARN")))
                .isEqualTo("MailEventsTopic");
        assertThat(SamTemplate.referencedId(template.properties("MailEventsDestination").get("ConfigurationSetName")))
                .isEqualTo("MailConfigurationSetResource");
        // Every sender uses the configuration set, so every e-mail's events are published.
        assertThat(template.globals().toString()).contains("MAIL_CONFIGURATION_SET");
    }

    @Test
    void everyHandlerExistsWithTheSignatureItsEventsNeed() throws Exception {
        assertThat(template.functions()).isNotEmpty();
        for (SamTemplate.Function f : template.functions()) {
            Class<?> type = Class.forName(f.handlerClass());
            assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()))
                    .as(f.handler() + " is a public concrete class").isTrue();
            assertThat(type.getConstructor()).as(f.handler() + " has a public no-arg constructor (Lambda's)").isNotNull();
            assertThat(type.getConstructor(dev.orderhub.runtime.Stack.class))
                    .as(f.handler() + " has a public constructor taking its Stack (local mode's)").isNotNull();
            Method m = LambdaFunctions.findHandlerMethod(type, f.handlerMethod());
            boolean http = template.routes().stream().anyMatch(r -> r.functionId().equals(f.logicalId()));
            boolean sqs = template.sqsSources().stream().anyMatch(s -> s.functionId().equals(f.logicalId()));
            boolean scheduled = template.schedules().stream().anyMatch(s -> s.functionId().equals(f.logicalId()));
            boolean webSocket = template.webSocketRoutes().stream().anyMatch(r -> r.functionId().equals(f.logicalId()));
            boolean authorizer = template.authorizers().containsValue(f.logicalId());
            boolean sns = template.snsSources().stream().anyMatch(s -> s.functionId().equals(f.logicalId()));
            assertThat(http || sqs || scheduled || webSocket || authorizer || sns).as(f.logicalId() + " has an event source").isTrue();
            if (authorizer) {
                assertThat(m.getParameterTypes()[0]).isEqualTo(APIGatewayV2CustomAuthorizerEvent.class);
                assertThat(m.getReturnType()).as("a simple response is a map").isEqualTo(Map.class);
            }
            if (scheduled) {
                assertThat(m.getParameterTypes()[0]).as("a scheduled event is read as a map").isEqualTo(java.util.Map.class);
            }
            if (http) {
                assertThat(m.getParameterTypes()[0]).isEqualTo(APIGatewayV2HTTPEvent.class);
                assertThat(m.getReturnType()).isEqualTo(APIGatewayV2HTTPResponse.class);
            }
            if (webSocket) {
                assertThat(m.getParameterTypes()[0]).isEqualTo(APIGatewayV2WebSocketEvent.class);
                assertThat(m.getReturnType()).isEqualTo(APIGatewayV2WebSocketResponse.class);
            }
            if (sns) {
                assertThat(m.getParameterTypes()[0]).isEqualTo(SNSEvent.class);
                assertThat(m.getReturnType()).isEqualTo(Void.class);
            }
            if (sqs) {
                assertThat(m.getParameterTypes()[0]).isEqualTo(SQSEvent.class);
                assertThat(m.getReturnType()).isEqualTo(SQSBatchResponse.class);
            }
        }
    }

    /**
     * `sam build` / `sam sync` work with the Maven jars: every function's CodeUri is its Maven module, built by the
     * module's Makefile (Metadata BuildMethod makefile), whose build-&lt;LogicalId&gt; target, run as SAM runs it (in a
     * copy of CodeUri, with ARTIFACTS_DIR), puts exactly the module's shaded, versionless jar into ARTIFACTS_DIR/lib.
     */
    @Test
    void samBuildsEveryFunctionFromItsModulesJarThroughTheModulesMakefile(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        for (SamTemplate.Function f : template.functions()) {
            Path module = Path.of(f.codeUri());
            assertThat(root.resolve(module).resolve("pom.xml")).as(f.logicalId() + " module").exists();
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            assertThat(pom).as(f.logicalId() + " module artifact").contains("<artifactId>fn-" + module.getFileName() + "</artifactId>");
            assertThat(Files.readString(root.resolve("pom.xml"))).contains("<module>" + module.toString().replace('\\', '/') + "</module>");
            assertThat((Map<String, Object>) template.resources().get(f.logicalId())).as(f.logicalId())
                    .containsEntry("Metadata", Map.of("BuildMethod", "makefile"));

            Path scratch = tmp.resolve(f.logicalId() + "-source");
            Path artifacts = tmp.resolve(f.logicalId() + "-artifacts");
            Files.createDirectories(scratch.resolve("target"));
            Files.createDirectories(artifacts);
            Files.copy(root.resolve(module).resolve("Makefile"), scratch.resolve("Makefile"));
            Path jar = root.resolve(f.jar());
            assertThat(jar).as("run mvn package first").exists();
            Files.copy(jar, scratch.resolve("target").resolve(jar.getFileName()));
            Process make = new ProcessBuilder("make", "--no-print-directory", "build-" + f.logicalId(), "ARTIFACTS_DIR=" + artifacts)
                    .directory(scratch.toFile()).redirectErrorStream(true).start();
            String out = new String(make.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(make.waitFor()).as(out).isZero();
            try (var files = Files.list(artifacts.resolve("lib"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(jar.getFileName().toString());
            }
            assertThat(Files.mismatch(jar, artifacts.resolve("lib").resolve(jar.getFileName()))).isEqualTo(-1L);
        }
    }

    @Test
    void everyProviderHasItsCallbackRoute() {
        Set<String> routes = template.routes().stream().map(SamTemplate.Route::routeKey).collect(Collectors.toSet());
        for (String id : Providers.REGISTRY.ids()) {
            Provider p = Providers.REGISTRY.find(id).orElseThrow();
            assertThat(routes).contains("POST /callbacks/" + p.id() + "/{clientId}");
        }
    }

    @Test
    void theAdminFunctionServesExactlyTheRoutesTheTemplateGivesIt() {
        Set<String> declared = template.routes().stream().filter(r -> r.functionId().equals("AdminApiFunction"))
                .map(SamTemplate.Route::routeKey).collect(Collectors.toSet());
        TestHub.get(); // the function reads its configuration on construction
        Set<String> served = new dev.orderhub.functions.admin.AdminApiFunction(TestHub.stack()).routeKeys();
        assertThat(declared).isEqualTo(served);
    }

    @Test
    void everyAdminRouteButThePageIsBehindTheUncachedKeyAuthorizer() {
        assertThat(template.authorizers()).containsExactly(Map.entry("AdminKeyAuthorizer", "AdminAuthorizerFunction"));
        for (SamTemplate.Route r : template.routes()) {
            boolean adminApi = r.functionId().equals("AdminApiFunction") && !r.path().startsWith("/admin/ui")
                    && !r.path().equals("/openapi.yaml"); // the page and the API description hold no data
            assertThat(r.authorizer()).as(r.routeKey()).isEqualTo(adminApi ? "AdminKeyAuthorizer" : null);
            // SAM's HttpApi accepts only an authorizer the API defines (or NONE with a DefaultAuthorizer, which we do not use).
            assertThat(r.authorizer() == null || template.authorizers().containsKey(r.authorizer())).as(r.routeKey()).isTrue();
        }
        Map<?, ?> authorizer = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) template.properties("HttpApi").get("Auth")).get("Authorizers"))
                .get("AdminKeyAuthorizer");
        assertThat(authorizer.get("EnableSimpleResponses")).isEqualTo(true);
        assertThat(String.valueOf(authorizer.get("AuthorizerPayloadFormatVersion"))).isEqualTo("2.0");
        // No identity source (API Gateway would answer a missing header itself, not in the hub's shape) and no caching.
        assertThat(authorizer.get("Identity")).isEqualTo(Map.of("ReauthorizeEvery", 0));
    }

    @Test
    void theIntentsFunctionServesExactlyTheRoutesTheTemplateGivesIt() {
        Set<String> declared = template.routes().stream().filter(r -> r.functionId().equals("IntentsApiFunction"))
                .map(SamTemplate.Route::routeKey).collect(Collectors.toSet());
        TestHub.get();
        Set<String> served = new dev.orderhub.functions.intents.IntentsApiFunction(TestHub.stack()).routeKeys();
        assertThat(declared).isEqualTo(served);
    }

    @Test
    void theReconcilerAndTheSyncSchedulerRunOnTheirConfiguredSchedules() {
        assertThat(template.schedules()).hasSize(2);
        Map<String, String> expressions = new java.util.HashMap<>(); // function → its rate
        template.schedules().forEach(s -> expressions.put(s.functionId(), String.valueOf(s.expression())));
        assertThat(expressions.get("ReconcilerFunction")).contains("rate(${ReconcileEveryMinutes} minutes)");
        assertThat(expressions.get("SyncSchedulerFunction")).contains("rate(${SyncScheduleEveryMinutes} minutes)");
        assertThat(template.parameterDefault("ReconcileEveryMinutes")).isEqualTo("10");
        assertThat(template.parameterDefault("SyncScheduleEveryMinutes")).isEqualTo("15");
        assertThat(LocalScheduler.rate("rate(10 minutes)")).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void routesAreUnique() {
        List<String> keys = template.routes().stream().map(SamTemplate.Route::routeKey).toList();
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }

    @Test
    void queuesAndTablesTheCodeUsesAreDeclaredAndWired() {
        assertThat(template.resourceIds()).contains("HubTable", "PaymentEventsQueue", "PaymentEventsDeadLetterQueue");
        SamTemplate.Queue q = template.queue("PaymentEventsQueue");
        assertThat(q.deadLetterQueueId()).isEqualTo("PaymentEventsDeadLetterQueue");
        assertThat(q.maxReceiveCount()).as("a site's dead letters are the messages that failed this often")
                .isEqualTo(dev.orderhub.deadletter.SiteDeadLetters.MAX_RECEIVES);
        assertThat(template.sqsSources()).anySatisfy(s -> {
            assertThat(s.functionId()).isEqualTo("PaymentEventsFunction");
            assertThat(s.queueId()).isEqualTo("PaymentEventsQueue");
            assertThat(s.reportsBatchItemFailures()).isTrue();
            // Local mode runs this many pollers, each gathering batches this way.
            assertThat(s.maximumConcurrency()).isEqualTo(10);
            assertThat(s.batchSize()).isEqualTo(10);
            assertThat(s.batchingWindowSeconds()).isEqualTo(1);
        });
        // Workflow runs: their own queue and dead-letter queue, consumed with partial-batch failures.
        SamTemplate.Queue runs = template.queue("WorkflowRunsQueue");
        assertThat(runs.deadLetterQueueId()).isEqualTo("WorkflowRunsDeadLetterQueue");
        assertThat(runs.maxReceiveCount()).isEqualTo(dev.orderhub.deadletter.SiteDeadLetters.MAX_RECEIVES);
        assertThat(template.sqsSources()).anySatisfy(s -> {
            assertThat(s.functionId()).isEqualTo("WorkflowRunnerFunction");
            assertThat(s.queueId()).isEqualTo("WorkflowRunsQueue");
            assertThat(s.reportsBatchItemFailures()).isTrue();
        });
        // Sync jobs: their own queue and dead-letter queue; the admin API starts runs, the runner re-queues them.
        SamTemplate.Queue sync = template.queue("SyncJobsQueue");
        assertThat(sync.deadLetterQueueId()).isEqualTo("SyncJobsDeadLetterQueue");
        assertThat(sync.maxReceiveCount()).isBetween(2, 10);
        assertThat(template.sqsSources()).anySatisfy(s -> {
            assertThat(s.functionId()).isEqualTo("SyncRunnerFunction");
            assertThat(s.queueId()).isEqualTo("SyncJobsQueue");
            assertThat(s.reportsBatchItemFailures()).isTrue();
        });
        assertThat(template.function("AdminApiFunction").environment()).containsKey("SYNC_JOBS_QUEUE_URL");
        assertThat(template.function("SyncRunnerFunction").environment()).containsKeys("SYNC_JOBS_QUEUE_URL", "STRIPE_API_BASE");
        assertThat(template.function("PaymentEventsFunction").environment()).containsKey("WORKFLOW_RUNS_QUEUE_URL");
        // Every !Ref in a function's environment names a declared resource or parameter.
        for (SamTemplate.Function f : template.functions()) {
            for (Object v : f.environment().values()) {
                if (v instanceof Map<?, ?> m && m.containsKey("Ref")) {
                    String ref = String.valueOf(m.get("Ref"));
                    assertThat(template.resourceIds().contains(ref) || template.parameters().containsKey(ref))
                            .as(f.logicalId() + " env references " + ref).isTrue();
                }
            }
        }
        // The code's table layout: indexes gsi1 (orders by site), gsi2 (review), gsi3 (reconciliation), TTL on expiresAt.
        SamTemplate.Table table = template.tables().get(0);
        assertThat(String.valueOf(table.properties().get("GlobalSecondaryIndexes")))
                .contains("IndexName=gsi1", "IndexName=gsi2", "IndexName=gsi3");
        assertThat(String.valueOf(table.properties().get("TimeToLiveSpecification"))).contains("AttributeName=expiresAt");
    }

    @Test
    void everyFunctionRunsOnJava21WithSnapStart() {
        assertThat(template.globals().get("Runtime")).isEqualTo("java21");
        assertThat(String.valueOf(template.globals().get("SnapStart"))).contains("PublishedVersions");
    }

    @Test
    void everyFunctionLogsJsonToALogGroupWithARetentionOfThirtyDaysByDefault() {
        assertThat(template.parameterDefault("LogRetentionDays")).isEqualTo("30");
        Map<String, String> logGroupOf = new java.util.HashMap<>();
        for (String id : template.resourceIds()) {
            if ("AWS::Logs::LogGroup".equals(SamTemplate.map(template.resources().get(id)).get("Type"))) {
                Map<String, Object> p = template.properties(id);
                assertThat(SamTemplate.referencedId(p.get("RetentionInDays"))).as(id + " retention").isEqualTo("LogRetentionDays");
                String name = String.valueOf(SamTemplate.map(p.get("LogGroupName")).get("Fn::Sub"));
                assertThat(name).as(id + " name").matches("/aws/lambda/\\$\\{\\w+}");
                logGroupOf.put(name.substring("/aws/lambda/${".length(), name.length() - 1), id);
            }
        }
        for (SamTemplate.Function f : template.functions()) {
            // Lambda writes to /aws/lambda/<function name>; a group the stack did not make keeps lines forever.
            assertThat(logGroupOf).as(f.logicalId() + " has its log group").containsKey(f.logicalId());
            Map<String, Object> own = SamTemplate.map(template.properties(f.logicalId()).get("LoggingConfig"));
            Map<String, Object> logging = own.isEmpty() ? SamTemplate.map(template.globals().get("LoggingConfig")) : own;
            assertThat(logging.get("LogFormat")).as(f.logicalId() + " log format").isEqualTo("JSON");
            assertThat(logging).as(f.logicalId() + " logs to the group named for it").doesNotContainKey("LogGroup");
        }
    }

    /**
     * An upgrade reaches the callbacks and the payment-events function as a canary: CodeDeploy sends a share of the
     * traffic to the new version first and rolls every function back when an error alarm on one of those functions'
     * live alias fires. All functions shift the same way (Globals), so a stack never keeps one function on a version its
     * neighbours have left; a dev stack may choose AllAtOnce.
     */
    @Test
    void callbacksAndThePaymentEventsFunctionAreDeployedAsACanaryThatRollsBackOnTheirErrors() {
        assertThat(template.globals().get("AutoPublishAlias")).isEqualTo("live");
        Map<String, Object> preference = SamTemplate.map(template.globals().get("DeploymentPreference"));
        assertThat(preference).as("Globals DeploymentPreference").isNotEmpty();
        for (SamTemplate.Function f : template.functions()) {
            assertThat(template.properties(f.logicalId())).as(f.logicalId() + " shifts as every function does")
                    .doesNotContainKey("DeploymentPreference");
        }
        assertThat(SamTemplate.referencedId(preference.get("Type"))).isEqualTo("DeploymentStrategy");
        assertThat(template.parameterDefault("DeploymentStrategy")).isEqualTo("Canary10Percent5Minutes");
        assertThat((List<Object>) SamTemplate.map(template.parameters().get("DeploymentStrategy")).get("AllowedValues"))
                .contains("Canary10Percent5Minutes", "AllAtOnce");

        Set<String> callbacks = template.routes().stream().filter(r -> r.path().startsWith("/callbacks/"))
                .map(SamTemplate.Route::functionId).collect(Collectors.toSet());
        Set<String> paymentEvents = template.sqsSources().stream().filter(s -> s.queueId().equals("PaymentEventsQueue"))
                .map(SamTemplate.SqsSource::functionId).collect(Collectors.toSet());
        assertThat(callbacks).hasSize(Providers.REGISTRY.ids().size());
        assertThat(paymentEvents).containsExactly("PaymentEventsFunction");

        Set<String> watched = new HashSet<>();
        for (Object alarm : (List<?>) preference.get("Alarms")) {
            String id = SamTemplate.referencedId(alarm);
            Map<String, Object> resource = SamTemplate.map(template.resources().get(id));
            assertThat(resource.get("Type")).as(id).isEqualTo("AWS::CloudWatch::Alarm");
            Map<String, Object> p = template.properties(id);
            assertThat(p).as(id).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors")
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold");
            assertThat(Double.parseDouble(String.valueOf(p.get("Threshold")))).as(id + ": one error rolls back").isZero();
            assertThat(Integer.parseInt(String.valueOf(p.get("Period")))).as(id + " notices within the canary's 5 minutes")
                    .isLessThanOrEqualTo(60);
            Map<String, Object> dimensions = new java.util.HashMap<>();
            for (Object d : (List<?>) p.get("Dimensions")) {
                dimensions.put(String.valueOf(SamTemplate.map(d).get("Name")), SamTemplate.map(d).get("Value"));
            }
            String function = SamTemplate.referencedId(dimensions.get("FunctionName"));
            // The alias's own errors (dimension Resource = <function>:live): the versions the alias sends traffic to.
            assertThat(dimensions.get("Resource")).as(id).isEqualTo(Map.of("Fn::Sub", "${" + function + "}:live"));
            watched.add(function);
        }
        Set<String> expected = new HashSet<>(callbacks);
        expected.addAll(paymentEvents);
        assertThat(watched).isEqualTo(expected);
        // CodeDeploy allows ten alarms per deployment group.
        assertThat((List<?>) preference.get("Alarms")).hasSizeLessThanOrEqualTo(10);
    }

    /**
     * Provider callback URLs survive a new stack when they name the operator's domain: the optional DomainName and
     * CertificateArn parameters add an API Gateway custom domain mapped to the HTTP API's stage; without them (the
     * default) the stack has none of it.
     */
    @Test
    void aCustomDomainForTheHttpApiIsOptionalAndAbsentByDefault() throws IOException {
        Map<String, Object> doc = rawTemplate();
        assertThat(template.parameterDefault("DomainName")).isEmpty();
        assertThat(template.parameterDefault("CertificateArn")).isEmpty();
        Map<String, Object> conditions = SamTemplate.map(doc.get("Conditions"));
        assertThat(conditions.get("HasCustomDomain"))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "DomainName"), "")))));
        Map<String, String> defaults = new java.util.HashMap<>();
        template.parameters().keySet().forEach(k -> defaults.put(k, template.parameterDefault(k)));
        assertThat(holds(conditions.get("HasCustomDomain"), defaults)).as("absent by default").isFalse();
        defaults.put("DomainName", "pay.example.com");
        assertThat(holds(conditions.get("HasCustomDomain"), defaults)).isTrue();

        String domain = onlyResourceOfType("AWS::ApiGatewayV2::DomainName");
        String mapping = onlyResourceOfType("AWS::ApiGatewayV2::ApiMapping");
        for (String id : List.of(domain, mapping)) {
            assertThat(SamTemplate.map(template.resources().get(id))).as(id).containsEntry("Condition", "HasCustomDomain");
        }
        assertThat(template.properties(domain).get("DomainName")).isEqualTo(Map.of("Ref", "DomainName"));
        Map<String, Object> configuration = SamTemplate.map(((List<?>) template.properties(domain).get("DomainNameConfigurations")).get(0));
        assertThat(configuration).containsEntry("CertificateArn", Map.of("Ref", "CertificateArn"))
                .containsEntry("EndpointType", "REGIONAL");
        Map<String, Object> m = template.properties(mapping);
        assertThat(SamTemplate.referencedId(m.get("ApiId"))).isEqualTo("HttpApi");
        assertThat(SamTemplate.referencedId(m.get("DomainName"))).isEqualTo(domain);
        // The stage SAM makes for the HttpApi, so the mapping is created after it.
        assertThat(m.get("Stage")).isEqualTo(Map.of("Ref", "HttpApi.Stage"));
        assertThat(m).as("callbacks at https://<domain>/callbacks/…").doesNotContainKey("ApiMappingKey");
        // A domain without its certificate is refused before anything is created.
        assertThat(String.valueOf(SamTemplate.map(doc.get("Rules")))).contains("DomainName", "CertificateArn");
    }

    private static String onlyResourceOfType(String type) {
        List<String> ids = template.resourceIds().stream()
                .filter(id -> type.equals(SamTemplate.map(template.resources().get(id)).get("Type"))).toList();
        assertThat(ids).as(type).hasSize(1);
        return ids.get(0);
    }

    /** Evaluates a condition made of Fn::Not, Fn::Equals and Ref to parameters, as CloudFormation would. */
    private static boolean holds(Object condition, Map<String, String> parameters) {
        Map<String, Object> c = SamTemplate.map(condition);
        if (c.containsKey("Fn::Not")) {
            return !holds(((List<?>) c.get("Fn::Not")).get(0), parameters);
        }
        if (c.containsKey("Fn::Equals")) {
            List<?> operands = (List<?>) c.get("Fn::Equals");
            return value(operands.get(0), parameters).equals(value(operands.get(1), parameters));
        }
        throw new IllegalArgumentException("unsupported condition " + condition);
    }

    private static String value(Object operand, Map<String, String> parameters) {
        Map<String, Object> m = SamTemplate.map(operand);
        return m.containsKey("Ref") ? parameters.get(String.valueOf(m.get("Ref"))) : String.valueOf(operand);
    }

    /** template.yaml's whole document (Conditions, Rules), CloudFormation's short forms read as their long forms. */
    private static Map<String, Object> rawTemplate() throws IOException {
        var constructor = new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()) {
            {
                this.yamlMultiConstructors.put("!", new org.yaml.snakeyaml.constructor.AbstractConstruct() {
                    @Override
                    public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                        String tag = node.getTag().getValue().substring(1);
                        Object value = node instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue()
                                : node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq ? constructSequence(seq)
                                : constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                        return Map.of("Ref".equals(tag) ? "Ref" : "Fn::" + tag, value);
                    }
                });
            }
        };
        try (var reader = Files.newBufferedReader(root.resolve("template.yaml"))) {
            return new org.yaml.snakeyaml.Yaml(constructor).load(reader);
        }
    }
}
