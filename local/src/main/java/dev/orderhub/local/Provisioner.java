package dev.orderhub.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.sealing.KmsJsonClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the tables and queues template.yaml declares, in the target, and returns what each
 * logical id became (table name, queue URL). Settings the stand-ins lack (TTL, encryption,
 * point-in-time recovery) are skipped: the code treats expired items as absent by itself.
 */
public final class Provisioner {
    private Provisioner() {}

    /**
     * @param visibilityTimeoutOverride seconds, or 0 to keep the template's (tests shorten it so that
     *     a failed message comes back quickly)
     */
    public static Map<String, String> provision(SamTemplate template, DynamoDbClient dynamo, SqsClient sqs,
            String prefix, int visibilityTimeoutOverride) {
        Map<String, String> physical = new HashMap<>();
        for (SamTemplate.Table t : template.tables()) {
            String name = prefix + t.logicalId();
            createTable(dynamo, name, t.properties());
            physical.put(t.logicalId(), name);
        }
        // Dead-letter queues first: a queue's redrive policy needs its DLQ's ARN.
        List<SamTemplate.Queue> ordered = new ArrayList<>(template.queues());
        ordered.sort((a, b) -> Boolean.compare(a.deadLetterQueueId() != null, b.deadLetterQueueId() != null));
        for (SamTemplate.Queue q : ordered) {
            Map<QueueAttributeName, String> attrs = new HashMap<>();
            attrs.put(QueueAttributeName.VISIBILITY_TIMEOUT,
                    String.valueOf(visibilityTimeoutOverride > 0 ? visibilityTimeoutOverride : q.visibilityTimeout()));
            if (q.deadLetterQueueId() != null) {
                String dlqUrl = physical.get(q.deadLetterQueueId());
                String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(dlqUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
                attrs.put(QueueAttributeName.REDRIVE_POLICY, Json.write(Map.of(
                        "deadLetterTargetArn", dlqArn, "maxReceiveCount", String.valueOf(q.maxReceiveCount()))));
            }
            String name = prefix + q.logicalId() + (q.fifo() ? ".fifo" : "");
            if (q.fifo()) {
                attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            String url = sqs.createQueue(CreateQueueRequest.builder().queueName(name).attributes(attrs).build()).queueUrl();
            physical.put(q.logicalId(), url);
        }
        return physical;
    }

    @SuppressWarnings("unchecked")
    private static void createTable(DynamoDbClient dynamo, String name, Map<String, Object> p) {
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName(str(a, "AttributeName")).attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = list(p.get("GlobalSecondaryIndexes")).stream().map(g -> GlobalSecondaryIndex.builder()
                .indexName(str(g, "IndexName"))
                .keySchema(keySchema(g.get("KeySchema")))
                .projection(Projection.builder().projectionType(str(SamTemplate.map(g.get("Projection")), "ProjectionType")).build())
                .build()).toList();
        if (!gsis.isEmpty()) {
            b.globalSecondaryIndexes(gsis);
        }
        try {
            dynamo.createTable(b.build());
        } catch (ResourceInUseException exists) {
            // Provisioning again against a running stand-in is fine.
        }
        // DynamoDB proper (and LocalStack) create a table in the background: nothing may use it before it is ACTIVE.
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    /**
     * Deletes what {@link #provision} made (tables and queues by their physical names), for a
     * target whose resources outlive the run. Goes on past a failure so that one stuck resource
     * does not leave the rest behind, and names what it could not delete.
     */
    public static void deprovision(SamTemplate template, Map<String, String> physical, DynamoDbClient dynamo, SqsClient sqs) {
        List<String> failed = new ArrayList<>();
        for (SamTemplate.Queue q : template.queues()) {
            String url = physical.get(q.logicalId());
            try {
                if (url != null) {
                    sqs.deleteQueue(r -> r.queueUrl(url));
                }
            } catch (RuntimeException e) {
                failed.add(url + " (" + e.getMessage() + ")");
            }
        }
        for (SamTemplate.Table t : template.tables()) {
            String name = physical.get(t.logicalId());
            try {
                if (name != null) {
                    dynamo.deleteTable(r -> r.tableName(name));
                }
            } catch (RuntimeException e) {
                failed.add(name + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("orderhub: could not delete, remove by hand: " + String.join(", ", failed));
        }
    }

    /** A KMS key for sealing secrets, as template.yaml's SecretsKey is on a deployment: its ARN. */
    public static String createSealingKey(KmsJsonClient kms, String prefix) {
        ObjectNode body = Json.object();
        body.put("Description", prefix + "SecretsKey (made for one test run, deleted after)");
        body.put("KeyUsage", "ENCRYPT_DECRYPT");
        return kms.call("CreateKey", body).path("KeyMetadata").path("Arn").asText();
    }

    /** Schedules a key made by {@link #createSealingKey} for deletion after KMS's shortest wait (7 days). */
    public static void deleteSealingKey(KmsJsonClient kms, String keyArn) {
        ObjectNode body = Json.object();
        body.put("KeyId", keyArn);
        body.put("PendingWindowInDays", 7);
        try {
            kms.call("ScheduleKeyDeletion", body);
        } catch (RuntimeException e) {
            System.err.println("orderhub: could not schedule the deletion of KMS key " + keyArn + ": " + e.getMessage());
        }
    }

    private static List<KeySchemaElement> keySchema(Object o) {
        return list(o).stream().map(k -> KeySchemaElement.builder()
                .attributeName(str(k, "AttributeName")).keyType(str(k, "KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Map<String, Object> m, String k) {
        return String.valueOf(m.get(k));
    }
}
