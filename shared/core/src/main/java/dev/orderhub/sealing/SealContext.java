package dev.orderhub.sealing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sealed secret belongs to: the site, the provider (or {@code workflows} for the site's
 * outgoing webhook secret) and the secret's field name. It is bound into every seal (KMS's
 * encryption context, AES-GCM's additional data), so a sealed value copied to another site,
 * provider or field does not open, and IAM grants a function only the contexts it needs
 * ({@code kms:EncryptionContext:provider}, {@code kms:EncryptionContext:field}).
 */
public record SealContext(String clientId, String provider, String field) {
    /** The provider name of the site's workflow webhook signing secret. */
    public static final String WORKFLOWS = "workflows";

    public SealContext {
        if (clientId == null || provider == null || field == null) {
            throw new IllegalArgumentException("a seal context needs a client id, a provider and a field");
        }
    }

    /** KMS's encryption context, in a fixed order. */
    public Map<String, String> encryptionContext() {
        return new TreeMap<>(Map.of("clientId", clientId, "provider", provider, "field", field));
    }

    /** AES-GCM's additional authenticated data: the same three values, unambiguously joined. */
    byte[] aad() {
        StringBuilder b = new StringBuilder();
        encryptionContext().forEach((k, v) -> b.append(k).append('=').append(v.length()).append(':').append(v).append(';'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
