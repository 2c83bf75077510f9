package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an AWS reviewer checks in template.yaml before money goes through it. */
class TemplateSecurityTest {
    /**
     * The only wildcards allowed, each with its reason. Index ARNs end in /index/* because the
     * index names are the table's, and a grant per index would have to be edited with each new one.
     * The live-status functions manage connections of their own WebSocket API and stage, whose ids
     * API Gateway assigns per connection: one method each (POST to push, DELETE to close), any id.
     */
    private static final Set<String> ALLOWED_WILDCARD_RESOURCES = Set.of("${HubTable.Arn}/index/*",
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveStatusApi}/${Stage}/POST/@connections/*",
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveStatusApi}/${Stage}/DELETE/@connections/*");

    private static SamTemplate template;

    private static final List<String> CALLBACKS = List.of("KofiCallbackFunction", "XsollaCallbackFunction", "BmcCallbackFunction",
            "ShopifyCallbackFunction", "StripeCallbackFunction");

    /**
     * The item kinds (partition key prefixes, IAM's dynamodb:LeadingKeys) each function may touch
     * in the table, derived from the key builders its code calls (DynamoOrderRepository.orderPk,
     * DynamoSiteRepository.sitePk, DynamoRunStore, …). Local mode enforces the same conditions on every
     * request a function makes (TablePolicyGuard), so a key the code builds outside its list
     * fails every integration test that reaches it, as it would on AWS.
     */
    private static final Map<String, Set<String>> TABLE_KEYS = Map.ofEntries(
            // Callbacks read their site's own partition (config and secrets) and write its delivery log.
            Map.entry("KofiCallbackFunction", Set.of("SITE#*", "DELIVERY#*")),
            Map.entry("XsollaCallbackFunction", Set.of("SITE#*", "DELIVERY#*")),
            Map.entry("BmcCallbackFunction", Set.of("SITE#*", "DELIVERY#*")),
            Map.entry("ShopifyCallbackFunction", Set.of("SITE#*", "DELIVERY#*")),
            Map.entry("StripeCallbackFunction", Set.of("SITE#*", "DELIVERY#*")),
            // Orders and what decides them: intents, records, customers (risk), site config and
            // workflows (SITE#<id>, #WORKFLOWS), and the failures of its events (FAILURE#, #DEADLETTERS).
            Map.entry("PaymentEventsFunction", Set.of("ORDER#*", "RECORD#*", "INTENT#*", "INTENTREF#*", "CUSTOMER#*", "SITE#*",
                    "FAILURE#*")),
            // Runs and the orders they act on; customers, e-mail records, site config, workflows, stock, failures.
            Map.entry("WorkflowRunnerFunction", Set.of("WFRUN#*", "ORDER#*", "CUSTOMER#*", "MAILMSG#*", "SITE#*", "FAILURE#*")),
            Map.entry("ReconcilerFunction", Set.of("ORDER#*", "SITE#*")),
            Map.entry("SyncRunnerFunction", Set.of("SYNC#*", "RECORD#*", "SITE#*")),
            Map.entry("SyncSchedulerFunction", Set.of("SYNCSCHEDULES", "SYNC#*", "SITE#*")),
            // Bounces on orders through the order commit, which queues the runs the order's last write noted.
            Map.entry("MailEventsFunction", Set.of("MAILMSG#*", "ORDER#*", "WFRUN#*", "SITE#*")),
            // Everything its routes manage; not rate limits (RATE#), buyer status tokens or live connections.
            Map.entry("AdminApiFunction", Set.of("SITE#*", "ADMINKEY#*", "ORDER#*", "INTENT#*", "INTENTREF#*", "RECORD#*",
                    "CUSTOMER#*", "WFRUN#*", "MAILMSG#*", "MAILSENDER#*", "SYNC#*", "SYNCSCHEDULES", "FAILURE#*",
                    "SITE#*#WORKFLOWS", // for DeleteItem alone (a deleted workflow)
                    "DELIVERY#*")), // for Query alone (the delivery log)
            Map.entry("AdminAuthorizerFunction", Set.of("ADMINKEY#*")),
            Map.entry("IntentsApiFunction", Set.of("INTENT#*", "INTENTREF#*", "STATUS#*", "RATE#*", "ORDER#*", "SITE#*")),
            Map.entry("LiveStatusFunction", Set.of("STATUS#*", "INTENT#*", "ORDER#*", "LIVE#*", "LIVECONN#*")),
            Map.entry("StatusPushFunction", Set.of("STATUS#*", "INTENT#*", "ORDER#*", "LIVE#*", "LIVECONN#*")));

    /** For a query of an index the leading key is the index's partition key: these are gsi1pk/gsi2pk/gsi3pk prefixes. */
    private static final Map<String, Set<String>> INDEX_KEYS = Map.of(
            "PaymentEventsFunction", Set.of("SITE#*#INTENTS#OPEN"),
            "ReconcilerFunction", Set.of("RECONCILE#*"),
            "AdminApiFunction", Set.of("SITES", "SITE#*#ORDERS", "SITE#*#RECORDS#*", "SITE#*#WFRUNS#*", "SITE#*#INTENTS#OPEN",
                    "SITE#*#REVIEW", "SITE#*#ORDERRUNS#*", "SITE#*#ORDERMAILS#*"));

    /**
     * Item-level actions only: a Scan has no leading keys, and ForAllValues holds for none. A
     * BatchGetItem names every key it reads, and each is a leading key (any one not allowed refuses it).
     */
    private static final Set<String> KEYED_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    @BeforeAll
    static void read() throws IOException {
        template = SamTemplate.read(LocalHub.findRoot().resolve("template.yaml"));
    }

    @Test
    void functionsGetOnlyNamedActionsOnNamedResources() {
        List<String> problems = new ArrayList<>();
        for (SamTemplate.Function f : template.functions()) {
            Object policies = template.properties(f.logicalId()).get("Policies");
            assertThat(policies).as(f.logicalId() + " declares its policies").isInstanceOf(List.class);
            for (Object p : (List<?>) policies) {
                Map<?, ?> policy = (Map<?, ?>) p;
                if (!policy.containsKey("Statement")) {
                    problems.add(f.logicalId() + " uses a SAM policy template " + policy.keySet()
                            + "; write the statement with exact actions instead");
                    continue;
                }
                for (Object s : (List<?>) policy.get("Statement")) {
                    Map<?, ?> st = (Map<?, ?>) s;
                    for (Object action : asList(st.get("Action"))) {
                        if (String.valueOf(action).contains("*")) {
                            problems.add(f.logicalId() + " action " + action);
                        }
                    }
                    for (Object resource : asList(st.get("Resource"))) {
                        String r = resource instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? String.valueOf(m.get("Fn::Sub"))
                                : resource instanceof Map<?, ?> ? "ref" : String.valueOf(resource);
                        if (r.contains("*") && !ALLOWED_WILDCARD_RESOURCES.contains(r)) {
                            problems.add(f.logicalId() + " resource " + r);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTableGrantNamesTheItemKindsItCovers() {
        List<String> problems = new ArrayList<>();
        for (SamTemplate.Function f : template.functions()) {
            for (TablePolicyGuard.Statement st : TablePolicyGuard.statements(template, f.logicalId())) {
                if (!KEYED_ACTIONS.containsAll(st.actions())) {
                    problems.add(f.logicalId() + " may " + st.actions() + ": only keyed item actions can be bound to item kinds");
                }
                if (st.allow() && st.allLike() == null) {
                    problems.add(f.logicalId() + " " + st.actions() + " has no ForAllValues:StringLike dynamodb:LeadingKeys");
                }
                if (st.allow() && st.table() && st.indexes()) {
                    problems.add(f.logicalId() + ": the table and its indexes have different leading keys; grant them apart");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachFunctionMayTouchOnlyTheItemKindsItsCodeBuilds() {
        assertThat(template.functions().stream().map(SamTemplate.Function::logicalId))
                .as("every function's table access is in the list above").containsExactlyInAnyOrderElementsOf(TABLE_KEYS.keySet());
        for (SamTemplate.Function f : template.functions()) {
            Set<String> table = new java.util.TreeSet<>();
            Set<String> indexes = new java.util.TreeSet<>();
            for (TablePolicyGuard.Statement st : TablePolicyGuard.statements(template, f.logicalId())) {
                if (st.allow()) {
                    (st.table() ? table : indexes).addAll(st.allLike());
                }
            }
            assertThat(table).as(f.logicalId() + " table").containsExactlyInAnyOrderElementsOf(TABLE_KEYS.get(f.logicalId()));
            assertThat(indexes).as(f.logicalId() + " indexes")
                    .containsExactlyInAnyOrderElementsOf(INDEX_KEYS.getOrDefault(f.logicalId(), Set.of()));
        }
    }

    private static String refusal(String function, software.amazon.awssdk.core.SdkRequest request) {
        String op = request.getClass().getSimpleName().replace("Request", "");
        return TablePolicyGuard.refusal(template, function, "dynamodb:" + op, request);
    }

    private static software.amazon.awssdk.services.dynamodb.model.QueryRequest query(String index, String partition) {
        String attr = index == null ? "pk" : index + "pk";
        return software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName("t").indexName(index)
                .keyConditionExpression(attr + " = :p").expressionAttributeValues(
                        Map.of(":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(partition))).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.GetItemRequest get(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.GetItemRequest.builder().tableName("t").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.PutItemRequest put(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName("t").item(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))).build();
    }

    @Test
    void aCallbackReadsItsSitesConfigAndNothingElse() {
        for (String callback : CALLBACKS) {
            assertThat(refusal(callback, query(null, "SITE#site_abcd"))).as(callback).isNull();
            assertThat(refusal(callback, query(null, "SITE#site_abcd#KEYS"))).as(callback + " admin key references").isNotNull();
            assertThat(refusal(callback, query(null, "SITE#site_abcd#WORKFLOWS"))).as(callback + " webhook secret").isNotNull();
            assertThat(refusal(callback, query(null, "ORDER#site_abcd#o1"))).as(callback + " orders").isNotNull();
            assertThat(refusal(callback, put("SITE#site_abcd"))).as(callback + " writes").isNotNull();
            assertThat(refusal(callback, put("DELIVERY#site_abcd"))).as(callback + " delivery log").isNull();
            assertThat(refusal(callback, query(null, "DELIVERY#site_abcd"))).as(callback + " reads the log").isNotNull();
            assertThat(refusal(callback, get("DELIVERY#site_abcd"))).as(callback + " reads an entry").isNotNull();
        }
    }

    @Test
    void functionsThatQueueAnOrdersRunsListTheSitesWorkflowsAndNoOtherSubPartition() {
        // The order commit queues the runs an order's last write noted: the site's workflows are listed.
        for (String fn : List.of("ReconcilerFunction", "MailEventsFunction")) {
            assertThat(refusal(fn, query(null, "SITE#site_abcd#WORKFLOWS"))).as(fn + " workflows").isNull();
            assertThat(refusal(fn, query(null, "SITE#site_abcd"))).as(fn + " provider config").isNull();
            assertThat(refusal(fn, query(null, "SITE#site_abcd#KEYS"))).as(fn + " admin key references").isNotNull();
            assertThat(refusal(fn, query(null, "SITE#site_abcd#DEADLETTERS"))).as(fn + " dead letters").isNotNull();
            assertThat(refusal(fn, get("SITE#site_abcd#KEYS"))).as(fn + " an admin key reference").isNotNull();
        }
    }

    @Test
    void theAdminApiReadsTheDeliveryLogAndCannotWriteIt() {
        assertThat(refusal("AdminApiFunction", query(null, "DELIVERY#site_abcd"))).isNull();
        assertThat(refusal("AdminApiFunction", put("DELIVERY#site_abcd"))).as("forged delivery").isNotNull();
        for (String fn : List.of("PaymentEventsFunction", "WorkflowRunnerFunction", "IntentsApiFunction")) {
            assertThat(refusal(fn, put("DELIVERY#site_abcd"))).as(fn).isNotNull();
        }
    }

    @Test
    void theMatcherAndTheRunnerCannotTouchAdminKeys() {
        for (String fn : List.of("PaymentEventsFunction", "WorkflowRunnerFunction")) {
            assertThat(refusal(fn, get("ORDER#site_abcd#o1"))).as(fn).isNull();
            assertThat(refusal(fn, get("ADMINKEY#" + "0".repeat(64)))).as(fn + " admin key").isNotNull();
            assertThat(refusal(fn, put("ADMINKEY#" + "0".repeat(64)))).as(fn + " forged admin key").isNotNull();
            assertThat(refusal(fn, query(null, "SITE#site_abcd#KEYS"))).as(fn + " key references").isNotNull();
            assertThat(refusal(fn, put("RATE#x"))).as(fn + " rate limits").isNotNull();
            assertThat(refusal(fn, query("gsi1", "SITES"))).as(fn + " every site").isNotNull();
        }
        assertThat(refusal("PaymentEventsFunction", query("gsi1", "SITE#site_abcd#INTENTS#OPEN"))).isNull();
        assertThat(refusal("PaymentEventsFunction", query("gsi1", "SITE#site_abcd#ORDERS"))).as("no order listing").isNotNull();
        assertThat(refusal("WorkflowRunnerFunction", get("WFRUN#site_abcd#r1"))).isNull();
        assertThat(refusal("WorkflowRunnerFunction", query("gsi1", "SITE#site_abcd#INTENTS#OPEN"))).as("no index").isNotNull();
    }

    @Test
    void thePaymentEventsFunctionBatchReadsOrdersButNoBatchWithOneKeyItsRoleDoesNotAllow() {
        String fn = "PaymentEventsFunction";
        assertThat(refusal(fn, batchGet(Map.of("t", List.of("ORDER#site_abcd#o1", "ORDER#site_efgh#o2"))))).as("orders").isNull();
        assertThat(refusal(fn, batchGet(Map.of("t", List.of("ORDER#site_abcd#o1", "ADMINKEY#" + "0".repeat(64))))))
                .as("one key outside its partitions").isNotNull();
        assertThat(refusal(fn, batchGet(Map.of("t", List.of("ORDER#site_abcd#o1", "SITE#site_abcd#KEYS")))))
                .as("one key its role denies").isNotNull();
        assertThat(refusal(fn, batchGet(Map.of("t", List.of("ORDER#site_abcd#o1"), "u", List.of("RATE#x")))))
                .as("one key outside, in a second table's part of the request").isNotNull();
        assertThat(refusal("AdminAuthorizerFunction", batchGet(Map.of("t", List.of("ORDER#site_abcd#o1"))))).as("no grant").isNotNull();
    }

    /** A BatchGetItem of these partition keys, per table. */
    private static software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest batchGet(Map<String, List<String>> pks) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> items = new java.util.HashMap<>();
        pks.forEach((table, keys) -> items.put(table, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                .keys(keys.stream().map(pk -> Map.of(
                        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("#ORDER"))).toList())
                .consistentRead(true).build()));
        return software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest.builder().requestItems(items).build();
    }

    @Test
    void theAdminFunctionDeletesWorkflowsAndNothingElse() {
        assertThat(refusal("AdminApiFunction", delete("SITE#site_abcd#WORKFLOWS"))).isNull();
        for (String pk : List.of("ORDER#site_abcd#o1", "ADMINKEY#" + "0".repeat(64), "INTENT#in_1", "SITE#site_abcd",
                "SITE#site_abcd#KEYS", "MAILSENDER#a@example.com", "FAILURE#m1")) {
            assertThat(refusal("AdminApiFunction", delete(pk))).as("delete " + pk).isNotNull();
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest delete(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.builder().tableName("t").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))).build();
    }

    @Test
    void theAdminFunctionListsThroughItsIndexesButNeverScans() {
        assertThat(refusal("AdminApiFunction", query("gsi1", "SITES"))).isNull();
        assertThat(refusal("AdminApiFunction", query("gsi1", "SITE#site_abcd#ORDERS"))).isNull();
        assertThat(refusal("AdminApiFunction", query("gsi3", "RECONCILE#stripe"))).as("the reconciler's index").isNotNull();
        assertThat(refusal("AdminApiFunction", put("RATE#x"))).isNotNull();
        assertThat(refusal("AdminApiFunction", put("LIVE#site_abcd#o1"))).isNotNull();
        for (SamTemplate.Function f : template.functions()) {
            assertThat(refusal(f.logicalId(), software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder().tableName("t").build()))
                    .as(f.logicalId() + " Scan").isNotNull();
        }
        assertThat(refusal("AdminAuthorizerFunction", get("ADMINKEY#" + "0".repeat(64)))).isNull();
        assertThat(refusal("AdminAuthorizerFunction", get("SITE#site_abcd"))).isNotNull();
    }

    @Test
    void dataIsProtectedAndEncrypted() {
        Map<String, Object> table = template.properties("HubTable");
        assertThat(String.valueOf(table.get("PointInTimeRecoverySpecification"))).contains("ProtectData");
        assertThat(String.valueOf(table.get("DeletionProtectionEnabled"))).contains("ProtectData");
        assertThat(String.valueOf(table.get("SSESpecification"))).contains("SSEEnabled=true");
        for (SamTemplate.Queue q : template.queues()) {
            assertThat(template.properties(q.logicalId()).get("SqsManagedSseEnabled")).as(q.logicalId()).isEqualTo(true);
        }
        assertThat(template.properties("PaymentEventsDeadLetterQueue").get("MessageRetentionPeriod"))
                .as("dead letters are kept the SQS maximum, 14 days").isEqualTo(1209600);
    }

    @Test
    void noSecretIsAPlainParameterOrEnvironmentValue() {
        for (SamTemplate.Function f : template.functions()) {
            for (var e : f.environment().entrySet()) {
                String name = e.getKey().toUpperCase();
                boolean secretLike = (name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD")
                        || name.endsWith("_KEY")) && !name.endsWith("_HASH");
                assertThat(secretLike).as(f.logicalId() + " env " + e.getKey()).isFalse();
            }
        }
        Map<?, ?> operatorKey = (Map<?, ?>) template.parameters().get("OperatorKeyHash");
        assertThat(operatorKey.get("NoEcho")).isEqualTo(true);
        Map<?, ?> nextOperatorKey = (Map<?, ?>) template.parameters().get("OperatorKeyHashNext");
        assertThat(nextOperatorKey.get("NoEcho")).isEqualTo(true);
        assertThat(nextOperatorKey.get("Default")).as("no second operator key unless one is being rotated in").isEqualTo("");
    }

    @Test
    void thereAreAlarmsForWhatLosesMoneyOrMail() {
        List<String> alarms = template.resourceIds().stream()
                .filter(id -> "AWS::CloudWatch::Alarm".equals(((Map<?, ?>) template.resources().get(id)).get("Type"))).toList();
        assertThat(alarms).contains("DeadLetterQueueNotEmptyAlarm", "OldestPaymentEventAlarm", "PaymentEventsErrorsAlarm",
                "Callback5xxAlarm", "EmailFailuresAlarm", "ReconcileGaveUpAlarm");
    }

    private static List<?> asList(Object o) {
        return o instanceof List<?> l ? l : o == null ? List.of() : List.of(o);
    }

    @Test
    void noDeployedFunctionMayCallLoopback() throws IOException {
        // The allowance for local stand-ins on 127.0.0.1 is configuration only, and never the template's.
        String allowance = dev.orderhub.http.outbound.OutboundAddresses.ALLOW_LOOPBACK;
        for (SamTemplate.Function f : template.functions()) {
            assertThat(f.environment()).as(f.logicalId()).doesNotContainKey(allowance);
        }
        assertThat(java.nio.file.Files.readString(LocalHub.findRoot().resolve("template.yaml"))).doesNotContain(allowance);
    }
}
