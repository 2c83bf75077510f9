package dev.orderhub.provider;

import dev.orderhub.site.ProviderConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The step of callback verification every provider shares: which secrets a callback may be signed
 * with. A site holds the current secret and, while it rotates, the previous one, which is accepted
 * next to it until it expires or the admin removes it ({@link ProviderConfig#secret(String, Instant)}
 * no longer reveals it then). Each provider only says how to check a request against one secret;
 * this tries every accepted secret, without an early exit, so the answer's timing does not say
 * which one matched.
 *
 * @param current the name of the current secret in the provider's config
 * @param previous the name of the secret being rotated out, or null when the provider has none
 */
public record SecretRotation(String current, String previous) {
    public SecretRotation {
        Objects.requireNonNull(current, "current");
    }

    /** The secret names an admin may set for it: the current one and the previous one. */
    public List<String> names() {
        return previous == null ? List.of(current) : List.of(current, previous);
    }

    /** The secrets accepted at {@code now}, current first; a blank value is no secret. */
    public List<String> accepted(ProviderConfig config, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        for (String name : names()) {
            String secret = config.secret(name, now);
            if (secret != null && !secret.isBlank()) {
                secrets.add(secret);
            }
        }
        return secrets;
    }

    /** Whether the request checks out with one of the secrets accepted at {@code now}. */
    public boolean verifies(ProviderConfig config, Instant now, Predicate<String> withOneSecret) {
        return anyVerifies(accepted(config, now), withOneSecret);
    }

    /** Whether any of {@code secrets} verifies; every one is tried, so timing does not tell which matched. */
    public static boolean anyVerifies(List<String> secrets, Predicate<String> withOneSecret) {
        boolean matched = false;
        for (String secret : secrets) {
            matched |= withOneSecret.test(secret);
        }
        return matched;
    }
}
