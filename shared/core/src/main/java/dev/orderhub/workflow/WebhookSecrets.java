package dev.orderhub.workflow;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The site's secret for signing outgoing workflow webhooks. Made when the first workflow with a
 * webhook is saved and shown once in that answer; rotating shows the new one once. Never returned
 * otherwise, never logged; kept sealed, so only the workflow runner, which signs with it, can open it.
 */
public interface WebhookSecrets {

    /**
     * A new secret in the Standard Webhooks form: {@code whsec_} and the base64 of 32 random bytes,
     * the HMAC key (WebhookSender). Secrets made before are {@code whsk_…} and stay valid.
     */
    static String newSecret() {
        byte[] key = new byte[32];
        // a generator per secret: an interface keeps no private state, and secrets are made rarely (create, rotate)
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The site's secret, opened; empty when it has none. */
    Optional<String> find(String clientId);

    /** Seals a secret stored in plain text before sealing; true when there was one. */
    boolean sealPlain(String clientId);

    /** Creates the secret if the site has none; returns it only when this call created it. */
    Optional<String> createIfAbsent(String clientId);

    /** Replaces the site's secret with a new one and returns it. */
    String rotate(String clientId);
}
