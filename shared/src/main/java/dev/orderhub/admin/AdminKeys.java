package dev.orderhub.admin;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Admin keys: random, shown once, stored only as their SHA-256 ({@code pk = ADMINKEY#<hash>}).
 * The keys carry 160 random bits, so an unsalted hash is as good as a password hash here and
 * lets a request find its key with one GetItem.
 */
public final class AdminKeys {
    public static final String PREFIX = "ohk_";
    private final DynamoDbClient db;
    private final String table;

    public AdminKeys(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Creates a key for these sites and returns its plaintext: the only time it exists. */
    public IssuedKey issue(Set<String> clientIds, AdminRole role) {
        return store(PREFIX + Ids.random(32), clientIds, role);
    }

    /**
     * Stores a key whose plaintext the caller chose. Only local mode's demo site uses this, for
     * the public read-only key its sample events carry; real keys come from {@link #issue}.
     */
    public IssuedKey store(String plaintext, Set<String> clientIds, AdminRole role) {
        String keyId = "key_" + Ids.random(12);
        Map<String, AttributeValue> item = new HashMap<>(key("ADMINKEY#" + Signatures.sha256Hex(plaintext), "#KEY"));
        item.put("type", s("adminKey"));
        item.put("keyId", s(keyId));
        item.put("sites", Attrs.ss(clientIds));
        item.put("role", s(role.wire()));
        item.put("createdAt", s(Instant.now().toString()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        return new IssuedKey(keyId, plaintext, new AdminPrincipal(keyId, role, Set.copyOf(clientIds), false));
    }

    public Optional<AdminPrincipal> find(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 100) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key("ADMINKEY#" + Signatures.sha256Hex(plaintext), "#KEY"))
                .consistentRead(true) // a revoked key must stop working at once
                .build()).item();
        if (item == null || item.isEmpty() || Attrs.str(item, "revokedAt") != null) {
            return Optional.empty();
        }
        return Optional.of(new AdminPrincipal(Attrs.str(item, "keyId"), AdminRole.fromWire(Attrs.str(item, "role")),
                Attrs.strSet(item, "sites"), false));
    }

    public record IssuedKey(String keyId, String plaintext, AdminPrincipal principal) {}
}
