package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.sealing.SealContext;
import dev.orderhub.sealing.Sealer;
import java.security.SecureRandom;
import java.util.Base64;
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
 * that answer; rotating shows the new one once. Never returned otherwise, never logged. Stored
 * sealed ({@code sealedSecret}, context: the site, provider {@code workflows}, field
 * {@code webhookSecret}), so only the workflow runner, which signs with it, can open it; items
 * written before sealing hold it in {@code secret} until {@link #sealPlain} rewrites them.
 */
public final class WebhookSecrets {
    private static final String SK = Keys.WEBHOOK_SECRET_SK;
    public static final String FIELD = "webhookSecret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DynamoDbClient db;
    private final String table;
    private final Sealer sealer;

    public WebhookSecrets(DynamoDbClient db, String table, Sealer sealer) {
        this.db = db;
        this.table = table;
        this.sealer = sealer;
    }

    /**
     * A new secret in the Standard Webhooks form: {@code whsec_} and the base64 of 32 random bytes,
     * the HMAC key (WebhookSender). Secrets made before are {@code whsk_…} and stay valid.
     */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public Optional<String> find(String clientId) {
        Map<String, AttributeValue> item = read(clientId);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String sealed = Attrs.str(item, "sealedSecret");
        return Optional.ofNullable(sealed == null ? Attrs.str(item, "secret") : sealer.open(sealed, context(clientId)));
    }

    /** Seals a secret stored in plain text before sealing; true when there was one. */
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
                .key(key(WorkflowRepository.partition(clientId), SK)).consistentRead(true).build()).item();
    }

    private static SealContext context(String clientId) {
        return new SealContext(clientId, SealContext.WORKFLOWS, FIELD);
    }

    /** Creates the secret if the site has none; returns it only when this call created it. */
    public Optional<String> createIfAbsent(String clientId) {
        String secret = newSecret();
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return Optional.of(secret);
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    public String rotate(String clientId) {
        String secret = newSecret();
        db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, secret)).build());
        return secret;
    }

    private Map<String, AttributeValue> item(String clientId, String secret) {
        Map<String, AttributeValue> item = new HashMap<>(key(WorkflowRepository.partition(clientId), SK));
        item.put("type", s("webhookSecret"));
        item.put("sealedSecret", s(sealer.seal(secret, context(clientId))));
        return item;
    }
}
