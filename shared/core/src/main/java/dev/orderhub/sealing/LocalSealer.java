package dev.orderhub.sealing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Local mode's and the tests' sealer: AES-256-GCM under a key given to the process
 * (SEALING_LOCAL_KEY, 32 bytes as base64), with the {@link SealContext} as additional data.
 * Sealed values look like {@code local1:<base64 nonce+ciphertext>}. Not for a deployment: the
 * key would sit in the function's configuration, readable with the table.
 */
public final class LocalSealer implements Sealer {
    static final String TAG = "local1:";
    private final byte[] key;

    public LocalSealer(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the local sealing key must be 32 bytes");
        }
        this.key = key.clone();
    }

    /** A new random key, as base64: what local mode gives each run. */
    public static String newKey() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @Override
    public String seal(String plaintext, SealContext context) {
        return TAG + Base64.getEncoder().encodeToString(
                AesGcm.encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8), context.aad()));
    }

    @Override
    public String open(String sealed, SealContext context) {
        if (sealed == null || !sealed.startsWith(TAG)) {
            throw new SealedSecretUnreadable("not sealed by the local sealer");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(TAG.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedSecretUnreadable("sealed value is not base64");
        }
        return new String(AesGcm.decrypt(key, bytes, context.aad()), StandardCharsets.UTF_8);
    }
}
