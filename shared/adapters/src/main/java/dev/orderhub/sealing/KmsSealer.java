package dev.orderhub.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Envelope encryption under a KMS key: each secret gets its own data key (GenerateDataKey with the
 * secret's {@link SealContext} as encryption context), is encrypted with it locally (AES-256-GCM,
 * the same context as additional data), and is stored as
 * {@code kms1:<base64 encrypted data key>.<base64 nonce+ciphertext>}. Opening asks KMS to decrypt
 * the data key under the same context, which IAM allows only to the functions that need that
 * provider's and field's secrets. So sealing needs kms:GenerateDataKey only (the admin API), and
 * a role that may read the table but not decrypt under that context sees no secret.
 *
 * <p>Opened secrets are kept in this container's memory (bounded, keyed by the sealed value and
 * its context), so a warm callback does not call KMS for every delivery; a changed secret is a
 * new sealed value and is opened afresh.
 */
public final class KmsSealer implements Sealer {
    static final String TAG = "kms1:";
    private static final int MAX_OPENED = 1_000;

    private final KmsJsonClient kms;
    private final String keyArn;
    private final Map<String, String> opened = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_OPENED;
        }
    };

    public KmsSealer(KmsJsonClient kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    @Override
    public String seal(String plaintext, SealContext context) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("KeyId", keyArn);
        request.put("KeySpec", "AES_256");
        request.set("EncryptionContext", Json.MAPPER.valueToTree(context.encryptionContext()));
        JsonNode answer;
        try {
            answer = kms.call("GenerateDataKey", request);
        } catch (KmsJsonClient.Refused r) {
            throw new IllegalStateException("KMS refused a data key for " + context.provider() + "/" + context.field()
                    + " (" + r.type() + ")", r);
        } catch (SdkClientException unreachable) {
            throw new SealerUnavailable("KMS gave no data key for " + context.provider() + "/" + context.field() + " now",
                    unreachable);
        }
        byte[] dataKey = Base64.getDecoder().decode(answer.path("Plaintext").asText());
        try {
            byte[] sealed = AesGcm.encrypt(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), context.aad());
            return TAG + answer.path("CiphertextBlob").asText() + "." + Base64.getEncoder().encodeToString(sealed);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public String open(String sealed, SealContext context) {
        if (sealed == null || !sealed.startsWith(TAG) || sealed.indexOf('.') < 0) {
            throw new SealedSecretUnreadable("not sealed with KMS");
        }
        String cacheKey = context.encryptionContext() + "|" + sealed;
        synchronized (opened) {
            String known = opened.get(cacheKey);
            if (known != null) {
                return known;
            }
        }
        int dot = sealed.indexOf('.');
        String blob = sealed.substring(TAG.length(), dot);
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(sealed.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new SealedSecretUnreadable("sealed value is not base64");
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("KeyId", keyArn);
        request.put("CiphertextBlob", blob);
        request.set("EncryptionContext", Json.MAPPER.valueToTree(context.encryptionContext()));
        JsonNode answer;
        try {
            answer = kms.call("Decrypt", request);
        } catch (KmsJsonClient.Refused r) {
            throw new SealedSecretUnreadable("KMS did not open the data key of " + context.provider() + "/"
                    + context.field() + " (" + r.type() + ")", r);
        } catch (SdkClientException unreachable) {
            throw new SealerUnavailable("KMS could not open the data key of " + context.provider() + "/"
                    + context.field() + " now", unreachable);
        }
        byte[] dataKey = Base64.getDecoder().decode(answer.path("Plaintext").asText());
        try {
            String plaintext = new String(AesGcm.decrypt(dataKey, ciphertext, context.aad()), StandardCharsets.UTF_8);
            synchronized (opened) {
                opened.put(cacheKey, plaintext);
            }
            return plaintext;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }
}
