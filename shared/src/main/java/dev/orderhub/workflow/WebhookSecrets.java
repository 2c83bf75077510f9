package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The site's secret for signing outgoing workflow webhooks ({@code sk = #WEBHOOK_SECRET} in the
 * workflow partition). Made when the first workflow with a webhook is saved and shown once in
 * that answer; rotating shows the new one once. Never returned otherwise, never logged.
 */
public final class WebhookSecrets {
    private static final String SK = "#WEBHOOK_SECRET";
    private final DynamoDbClient db;
    private final String table;

    public WebhookSecrets(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public Optional<String> find(String clientId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(WorkflowRepository.partition(clientId), SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Attrs.str(item, "secret"));
    }

    /** Creates the secret if the site has none; returns it only when this call created it. */
    public Optional<String> createIfAbsent(String clientId) {
        String secret = "whsk_" + Ids.random(40);
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return Optional.of(secret);
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    public String rotate(String clientId) {
        String secret = "whsk_" + Ids.random(40);
        db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret)).build());
        return secret;
    }

    private static Map<String, AttributeValue> item(String clientId, String secret) {
        Map<String, AttributeValue> item = new HashMap<>(key(WorkflowRepository.partition(clientId), SK));
        item.put("type", s("webhookSecret"));
        item.put("secret", s(secret));
        return item;
    }
}
