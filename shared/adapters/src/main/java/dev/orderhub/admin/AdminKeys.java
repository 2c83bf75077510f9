package dev.orderhub.admin;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import dev.orderhub.db.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Admin keys: random, shown once, stored only as their SHA-256 ({@code pk = ADMINKEY#<hash>}).
 * The keys carry 160 random bits, so an unsalted hash is as good as a password hash here and
 * lets a request find its key with one GetItem.
 *
 * <p>So that a site's keys can be listed and revoked by id, each key also has one reference
 * per site it covers ({@code pk = SITE#<clientId>#KEYS, sk = KEY#<keyId>}, holding the hash).
 * All writes are single-item: the key item first, so that a reference never points at nothing,
 * and on revocation the key item first, so that the key stops working before anything else.
 * The references live outside the site's own partition so that callbacks, which read that
 * partition, never read them.
 */
public final class AdminKeys {
    public static final String PREFIX = "ohk_";
    private static final String KEY_SK = Keys.ADMIN_KEY_SK;
    private final DynamoDbClient db;
    private final String table;

    public AdminKeys(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Creates a key for these sites and returns its plaintext: the only time it exists. */
    public IssuedKey issue(Set<String> clientIds, AdminRole role, String createdBy) {
        return issue(clientIds, role, createdBy, null);
    }

    /**
     * The same, naming the person the key is for ({@code label}: plain text the caller checked, see
     * {@link KeyLabel}; null for none), stored with the key and its references so that audit views can name them.
     */
    public IssuedKey issue(Set<String> clientIds, AdminRole role, String createdBy, String label) {
        return store(PREFIX + Ids.random(32), clientIds, role, createdBy, label);
    }

    /**
     * Stores a key whose plaintext the caller chose. Only local mode's demo site uses this, for
     * the public read-only key its sample events carry; real keys come from {@link #issue}.
     */
    public IssuedKey store(String plaintext, Set<String> clientIds, AdminRole role, String createdBy) {
        return store(plaintext, clientIds, role, createdBy, null);
    }

    private IssuedKey store(String plaintext, Set<String> clientIds, AdminRole role, String createdBy, String label) {
        String keyId = "key_" + Ids.random(12);
        String hash = Signatures.sha256Hex(plaintext);
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(keyPk(hash), KEY_SK));
        item.put("type", s("adminKey"));
        item.put("keyId", s(keyId));
        item.put("sites", Attrs.ss(clientIds));
        item.put("role", s(role.wire()));
        item.put("createdAt", s(now));
        Attrs.putIfPresent(item, "createdBy", createdBy);
        Attrs.putIfPresent(item, "label", label);
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        for (String clientId : clientIds) {
            Map<String, AttributeValue> ref = new HashMap<>(item);
            ref.putAll(key(refPk(clientId), Keys.keyReference(keyId)));
            ref.put("type", s("adminKeyRef"));
            ref.put("keyHash", s(hash));
            db.putItem(PutItemRequest.builder().tableName(table).item(ref).build());
        }
        return new IssuedKey(keyId, plaintext, new AdminPrincipal(keyId, role, Set.copyOf(clientIds), false), label);
    }

    public Optional<AdminPrincipal> find(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 100) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(keyPk(Signatures.sha256Hex(plaintext)), KEY_SK))
                .consistentRead(true) // a revoked key must stop working at once
                .build()).item();
        if (item == null || item.isEmpty() || Attrs.str(item, "revokedAt") != null) {
            return Optional.empty();
        }
        return Optional.of(new AdminPrincipal(Attrs.str(item, "keyId"), AdminRole.fromWire(Attrs.str(item, "role")),
                Attrs.strSet(item, "sites"), false));
    }

    /** The site's keys that are not revoked, oldest first. */
    public List<KeyRef> listForSite(String clientId) {
        List<KeyRef> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(refPk(clientId))))
                    .consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().stream().filter(i -> Attrs.str(i, "revokedAt") == null).forEach(i -> out.add(toRef(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return out;
    }

    /**
     * The label of every key the site has had, revoked ones included (an audit entry outlives its key), by key id;
     * keys issued without a label are left out.
     */
    public Map<String, String> labels(String clientId) {
        Map<String, String> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(refPk(clientId))))
                    .projectionExpression("keyId, #label").expressionAttributeNames(Map.of("#label", "label"));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().stream().filter(i -> Attrs.str(i, "label") != null)
                    .forEach(i -> out.put(Attrs.str(i, "keyId"), Attrs.str(i, "label")));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** One of the site's keys that is not revoked. */
    public Optional<KeyRef> findForSite(String clientId, String keyId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(refPk(clientId), Keys.keyReference(keyId))).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || Attrs.str(item, "revokedAt") != null) {
            return Optional.empty();
        }
        return Optional.of(toRef(item));
    }

    /**
     * Revokes the key: the key item first (from then on {@link #find} refuses it), then its
     * reference in every site it covers. False when it was revoked already.
     */
    public boolean revoke(KeyRef ref, String by) {
        String now = Instant.now().toString();
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(keyPk(ref.keyHash()), KEY_SK))
                    .updateExpression("SET revokedAt = :now, revokedBy = :by")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
                    .expressionAttributeValues(Map.of(":now", s(now), ":by", s(by)))
                    .build());
        } catch (ConditionalCheckFailedException alreadyRevoked) {
            return false;
        }
        for (String clientId : ref.sites()) {
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(refPk(clientId), Keys.keyReference(ref.keyId())))
                    .updateExpression("SET revokedAt = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", s(now)))
                    .build());
        }
        return true;
    }

    /**
     * Takes one site off a key that covers others too: the key item first (from then on the key
     * no longer opens that site), then the site's reference is revoked and the other sites'
     * references forget it. False when the key was revoked or no longer covers the site.
     */
    public boolean removeSite(KeyRef ref, String clientId, String by) {
        String now = Instant.now().toString();
        AttributeValue site = AttributeValue.fromSs(List.of(clientId));
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(keyPk(ref.keyHash()), KEY_SK))
                    .updateExpression("SET sitesChangedAt = :now, sitesChangedBy = :by DELETE sites :site")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt) AND contains(sites, :c)")
                    .expressionAttributeValues(Map.of(":site", site, ":c", s(clientId), ":now", s(now), ":by", s(by)))
                    .build());
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
        for (String other : ref.sites()) {
            boolean removed = other.equals(clientId);
            db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(refPk(other), Keys.keyReference(ref.keyId())))
                    .updateExpression(removed ? "SET revokedAt = :now" : "DELETE sites :site")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(removed ? Map.of(":now", s(now)) : Map.of(":site", site))
                    .build());
        }
        return true;
    }

    private static String keyPk(String hash) {
        return Keys.adminKey(hash);
    }

    private static String refPk(String clientId) {
        return Keys.siteKeys(clientId);
    }

    private static KeyRef toRef(Map<String, AttributeValue> i) {
        return new KeyRef(Attrs.str(i, "keyId"), Attrs.str(i, "keyHash"), AdminRole.fromWire(Attrs.str(i, "role")),
                Attrs.strSet(i, "sites"), Attrs.str(i, "createdAt"), Attrs.str(i, "createdBy"), Attrs.str(i, "label"));
    }

    public record IssuedKey(String keyId, String plaintext, AdminPrincipal principal, String label) {}

    /** A key as its site's owners see it: never the key, and the hash only to find the key item. */
    public record KeyRef(String keyId, String keyHash, AdminRole role, Set<String> sites, String createdAt,
            String createdBy, String label) {}
}
