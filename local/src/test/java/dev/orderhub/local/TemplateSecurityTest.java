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
    }

    @Test
    void thereAreAlarmsForWhatLosesMoneyOrMail() {
        List<String> alarms = template.resourceIds().stream()
                .filter(id -> "AWS::CloudWatch::Alarm".equals(((Map<?, ?>) template.resources().get(id)).get("Type"))).toList();
        assertThat(alarms).contains("DeadLetterQueueNotEmptyAlarm", "OldestPaymentEventAlarm", "MatcherErrorsAlarm",
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
