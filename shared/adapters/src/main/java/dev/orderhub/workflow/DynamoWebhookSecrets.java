package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.sealing.SealContext;
import dev.orderhub.sealing.Sealer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The DynamoDB {@link WebhookSecrets}: one item per site ({@code sk = #WEBHOOK_SECRET} in the
 * workflow partition). Stored sealed ({@code sealedSecret}, context: the site, provider {@code workflows}, field
 * {@code webhookSecret}), so only the workflow runner, which signs with it, can open it; items
 * written before sealing hold it in {@code secret} until {@link #sealPlain} rewrites them.
 */
public final class DynamoWebhookSecrets implements WebhookSecrets {
    private static final String SK = Keys.WEBHOOK_SECRET_SK;
    public static final String FIELD = "webhookSecret";
    private final DynamoDbClient db;
    private final String table;
    private final Sealer sealer;

    public DynamoWebhookSecrets(DynamoDbClient db, String table, Sealer sealer) {
        this.db = db;
        this.table = table;
        this.sealer = sealer;
    }

    @Override
    public Optional<String> find(String clientId) {
        Map<String, AttributeValue> item = read(clientId);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String sealed = Attrs.str(item, "sealedSecret");
        return Optional.ofNullable(sealed == null ? Attrs.str(item, "secret") : sealer.open(sealed, context(clientId)));
    }

    @Override
    public boolean sealPlain(String clientId) {
        Map<String, AttributeValue> item = read(clientId);
        String plain = item == null ? null : Attrs.str(item, "secret");
        if (plain == null) {
            return false;
        }
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, plain))
                    .conditionExpression("#s = :plain")
                    .expressionAttributeNames(Map.of("#s", "secret"))
                    .expressionAttributeValues(Map.of(":plain", s(plain)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException rotatedMeanwhile) {
            return false;
        }
    }

    private Map<String, AttributeValue> read(String clientId) {
        return db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(DynamoWorkflowRepository.partition(clientId), SK)).consistentRead(true).build()).item();
    }

    private static SealContext context(String clientId) {
        return new SealContext(clientId, SealContext.WORKFLOWS, FIELD);
    }

    @Override
    public Optional<String> createIfAbsent(String clientId) {
        String secret = WebhookSecrets.newSecret();
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return Optional.of(secret);
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    @Override
    public String rotate(String clientId) {
        String secret = WebhookSecrets.newSecret();
        db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret)).build());
        return secret;
    }

    private Map<String, AttributeValue> item(String clientId, String secret) {
        Map<String, AttributeValue> item = new HashMap<>(key(DynamoWorkflowRepository.partition(clientId), SK));
        item.put("type", s("webhookSecret"));
        item.put("sealedSecret", s(sealer.seal(secret, context(clientId))));
        return item;
    }
}
