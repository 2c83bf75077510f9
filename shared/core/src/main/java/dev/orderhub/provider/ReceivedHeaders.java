package dev.orderhub.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the hub keeps of a verified callback's request headers, with its event, for the seller to read in the
 * order's history. Kept by allowlist, not by a list of secrets: only headers known to be harmless (the few every
 * sender sends, and the platform's {@link Provider#plainHeaders()}) keep their value; every other header is kept
 * by name with {@link #REMOVED} as its value, so that a secret under a name nobody thought of (an API key a proxy
 * adds, a token in a custom header) is never stored, while the seller still sees the header was sent. The
 * platform's {@link Provider#signatureHeaders()} are not kept at all. Bounded: at most {@link #MAX_HEADERS}
 * headers (harmless ones first), names of at most {@link #MAX_NAME_CHARS}, values cut at {@link #MAX_VALUE_CHARS}.
 * A kept value is whatever the sender put there: the admin page shows it as text only.
 */
public final class ReceivedHeaders {
    /** The value of a header kept by name only. */
    public static final String REMOVED = "(removed by the hub)";
    public static final int MAX_HEADERS = 30;
    public static final int MAX_NAME_CHARS = 64;
    public static final int MAX_VALUE_CHARS = 256;
    /** Sent by every platform and never secret. */
    static final Set<String> ALWAYS_PLAIN = Set.of("content-type", "content-length", "user-agent", "accept", "accept-encoding");

    private ReceivedHeaders() {}

    /** The headers to keep with the event, sorted by name (lower case). */
    public static Map<String, String> kept(Map<String, String> headers, Provider provider) {
        List<String> plain = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Map<String, String> byName = new TreeMap<>();
        headers.forEach((rawName, value) -> {
            String name = rawName.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.length() > MAX_NAME_CHARS || provider.signatureHeaders().contains(name)) {
                return;
            }
            byName.put(name, value == null ? "" : value);
        });
        byName.keySet().forEach(name -> (isPlain(name, provider) ? plain : others).add(name));
        Map<String, String> kept = new TreeMap<>();
        for (String name : plain) {
            if (kept.size() < MAX_HEADERS) {
                kept.put(name, cut(byName.get(name)));
            }
        }
        for (String name : others) {
            if (kept.size() < MAX_HEADERS) {
                kept.put(name, REMOVED);
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    private static boolean isPlain(String name, Provider provider) {
        return ALWAYS_PLAIN.contains(name) || provider.plainHeaders().contains(name);
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }
}
