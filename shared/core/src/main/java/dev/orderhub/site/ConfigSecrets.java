package dev.orderhub.site;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A provider config's secrets as the hub keeps them. Each is sealed (see
 * {@link dev.orderhub.sealing.Sealer}) or plain: a value an admin has just given, sealed when it
 * is stored, or one stored before secrets were sealed. A sealed secret is opened only when a
 * verifier or an API call asks for it by name, so a function opens only the secrets its own
 * key grant covers, and the admin API, which merges and describes configs, opens none. A secret
 * being rotated out carries an expiry after which it is no longer given out.
 */
public final class ConfigSecrets {
    /** Opens one sealed value of this config; null when it cannot be opened (the opener logs why). */
    @FunctionalInterface
    public interface Opener {
        String open(String name, String sealed);
    }

    /** One secret: its stored value (sealed or plain), when it was set, and when it stops being accepted (null: never). */
    public record Entry(String value, boolean sealed, String setAt, String expiresAt) {
        public static Entry plain(String value, String setAt, String expiresAt) {
            return new Entry(value, false, setAt, expiresAt);
        }

        public boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(Instant.parse(expiresAt));
        }
    }

    public static final ConfigSecrets NONE = new ConfigSecrets(Map.of(), null);

    private static final Opener CANNOT_OPEN = (name, sealed) -> null;

    private final Map<String, Entry> entries;
    private final Opener opener;

    private ConfigSecrets(Map<String, Entry> entries, Opener opener) {
        this.entries = Map.copyOf(entries);
        this.opener = opener == null ? CANNOT_OPEN : opener;
    }

    /** Plain values that never expire (tests, the demo site): sealed when the config is stored. */
    public static ConfigSecrets plain(Map<String, String> values, Map<String, String> setAt) {
        Map<String, Entry> entries = new HashMap<>();
        (values == null ? Map.<String, String>of() : values).forEach((name, v) ->
                entries.put(name, Entry.plain(v, setAt == null ? null : setAt.get(name), null)));
        return new ConfigSecrets(entries, null);
    }

    /** As read from the table: sealed entries are opened through {@code opener}. */
    public static ConfigSecrets stored(Map<String, Entry> entries, Opener opener) {
        return new ConfigSecrets(entries, opener);
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Whether the secret is set and, at {@code now}, not expired; opens nothing. */
    public boolean has(String name, Instant now) {
        Entry e = entries.get(name);
        return e != null && !e.value().isEmpty() && !e.expired(now);
    }

    /** The secret's value, or null when it is not set, has expired at {@code now}, or cannot be opened. */
    public String reveal(String name, Instant now) {
        Entry e = entries.get(name);
        if (e == null || e.expired(now)) {
            return null;
        }
        return e.sealed() ? opener.open(name, e.value()) : e.value();
    }

    /** These secrets with {@code name} set to {@code entry} (or removed, when it is null). */
    public ConfigSecrets with(String name, Entry entry) {
        Map<String, Entry> next = new HashMap<>(entries);
        if (entry == null) {
            next.remove(name);
        } else {
            next.put(name, entry);
        }
        return new ConfigSecrets(next, opener);
    }

    /** Whether any secret is still stored in plain text (written before secrets were sealed). */
    public boolean anyPlain() {
        return entries.values().stream().anyMatch(e -> !e.sealed());
    }
}
