package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * events/env.json (`sam local invoke --env-vars events/env.json`) points the functions in SAM's containers at the
 * stand-ins of `./orderhub local --dynamodb-port 8000 --sqs-port 9324 --ses-port 8005`: every variable it sets is
 * one the template declares (SAM ignores the others), and the table and queues it names are the ones local mode
 * creates.
 */
class EventsEnvJsonIT {
    @Test
    void everyVariableIsDeclaredAndNamesWhatLocalModeCreates() throws IOException {
        LocalHub hub = TestHub.get();
        JsonNode env = Json.parse(Files.readString(LocalHub.findRoot().resolve("events/env.json"))).get("Parameters");
        Set<String> declared = new HashSet<>();
        hub.template().functions().forEach(f -> declared.addAll(f.environment().keySet()));
        env.fieldNames().forEachRemaining(name -> assertThat(declared).as(name + " is declared in template.yaml").contains(name));

        assertThat(env.get("TABLE_NAME").asText()).isEqualTo(hub.tableName("HubTable"));
        for (Map.Entry<String, String> v : Map.of("EVENTS_QUEUE_URL", "PaymentEventsQueue", "DEAD_LETTER_QUEUE_URL",
                "PaymentEventsDeadLetterQueue", "WORKFLOW_RUNS_QUEUE_URL", "WorkflowRunsQueue",
                "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "WorkflowRunsDeadLetterQueue", "STATUS_CHANGES_QUEUE_URL",
                "StatusChangesQueue", "SYNC_JOBS_QUEUE_URL", "SyncJobsQueue").entrySet()) {
            String path = URI.create(hub.queueUrl(v.getValue())).getPath();
            assertThat(URI.create(env.get(v.getKey()).asText()).getPath()).as(v.getKey()).isEqualTo(path);
        }
        // The endpoints go in as system properties, which the hub's configuration reads first (SAM passes only
        // declared variables, and AWS_ENDPOINT_URL_* are not: on Lambda there is none).
        String options = env.get("JAVA_TOOL_OPTIONS").asText();
        assertThat(options).startsWith(String.valueOf(hub.template().globals().toString().contains("TieredStopAtLevel=1")
                ? "-XX:+TieredCompilation -XX:TieredStopAtLevel=1" : "?"));
        // Secrets sealed by local mode started with the same SEALING_LOCAL_KEY (README), not by KMS.
        assertThat(env.get("SEALING_KEY_ARN").asText()).isEmpty();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("-DSEALING_LOCAL_KEY=(\\S+)").matcher(options);
        assertThat(key.find()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(key.group(1))).hasSize(32);
        assertThat(Files.readString(LocalHub.findRoot().resolve("docs/local-mode.md"))).contains("SEALING_LOCAL_KEY=" + key.group(1));
        assertThat(options).contains("-DAWS_ENDPOINT_URL_DYNAMODB=http://host.docker.internal:8000",
                "-DAWS_ENDPOINT_URL_SQS=http://host.docker.internal:9324", "-DAWS_ENDPOINT_URL_SES=http://host.docker.internal:8005");
    }
}
