package dev.orderhub.site;

import java.util.Map;

/**
 * A site's settings for one provider. {@code secrets} (verification tokens, signing secrets, API
 * keys) are write-only: they are read by the callback verifiers and never returned or logged;
 * what an admin sees is {@link #describeSecrets()}.
 */
public record ProviderConfig(
        String provider,
        Map<String, String> secrets,
        Map<String, String> secretsSetAt,
        Map<String, String> settings,
        AutoReply autoReply) {

    public ProviderConfig {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        secretsSetAt = secretsSetAt == null ? Map.of() : Map.copyOf(secretsSetAt);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        autoReply = autoReply == null ? AutoReply.OFF : autoReply;
    }

    public String secret(String name) {
        return secrets.get(name);
    }

    /** For responses: each secret's last four characters and when it was set, never the value. */
    public Map<String, Map<String, String>> describeSecrets() {
        var out = new java.util.TreeMap<String, Map<String, String>>();
        secrets.forEach((name, value) -> out.put(name, Map.of(
                "last4", value.length() < 12 ? "****" : value.substring(value.length() - 4),
                "setAt", secretsSetAt.getOrDefault(name, ""))));
        return out;
    }
}
