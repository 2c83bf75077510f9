package dev.orderhub.site;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A site's settings for one provider. {@code secrets} (verification tokens, signing secrets, API
 * keys) are write-only and stored sealed: they are opened by the callback verifiers and API
 * clients that need them and never returned or logged; what an admin sees is
 * {@link #describeSecrets}: whether each is set, and when.
 */
public record ProviderConfig(
        String provider,
        ConfigSecrets secrets,
        Map<String, String> settings,
        AutoReply autoReply) {

    public ProviderConfig {
        secrets = secrets == null ? ConfigSecrets.NONE : secrets;
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        autoReply = autoReply == null ? AutoReply.OFF : autoReply;
    }

    /** With plain secret values (sealed when stored) that never expire. */
    public ProviderConfig(String provider, Map<String, String> secrets, Map<String, String> secretsSetAt,
            Map<String, String> settings, AutoReply autoReply) {
        this(provider, ConfigSecrets.plain(secrets, secretsSetAt), settings, autoReply);
    }

    /** The secret's value now; null when it is not set, has expired or cannot be opened. */
    public String secret(String name) {
        return secret(name, Instant.now());
    }

    /** The secret's value at {@code now} (a previous secret past its expiry is null). */
    public String secret(String name, Instant now) {
        return secrets.reveal(name, now);
    }

    /** Whether the secret is set and not expired, without opening it. */
    public boolean hasSecret(String name) {
        return secrets.has(name, Instant.now());
    }

    /**
     * For responses, for each of {@code names}: whether it is set (and, for a previous secret, not
     * expired), when it was set, and when it expires. Never a character of the value.
     */
    public Map<String, Map<String, Object>> describeSecrets(Set<String> names, Instant now) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (String name : names) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("set", secrets.has(name, now));
            secrets.entry(name).ifPresent(e -> {
                if (e.setAt() != null && !e.setAt().isEmpty()) {
                    d.put("setAt", e.setAt());
                }
                if (e.expiresAt() != null) {
                    d.put("expiresAt", e.expiresAt());
                }
            });
            out.put(name, d);
        }
        return out;
    }
}
