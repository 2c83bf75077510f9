package dev.orderhub.db;

import dev.orderhub.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Paging cursors: a DynamoDB key (string attributes only, as all of the hub's keys are) as
 * URL-safe base64 JSON. A cursor is opaque to callers; one that does not decode is refused.
 */
public final class Cursors {
    private Cursors() {}

    public static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key in the cursor, which must have exactly these attributes as strings.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static Map<String, AttributeValue> decode(String cursor, java.util.Set<String> attributes) {
        try {
            if (cursor.length() > 2048) {
                throw new IllegalArgumentException("too long");
            }
            var node = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            Map<String, AttributeValue> key = new HashMap<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    key.put(f.getKey(), AttributeValue.fromS(f.getValue().asText()));
                }
            });
            if (!key.keySet().equals(attributes)) {
                throw new IllegalArgumentException("wrong attributes");
            }
            return key;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
    }
}
