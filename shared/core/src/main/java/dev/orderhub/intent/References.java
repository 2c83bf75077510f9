package dev.orderhub.intent;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short reference a buyer pastes into the provider's message field, e.g. {@code OH-7KQ2-M9}:
 * six characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 30 bits, made
 * unique per site by a conditional write. Buyers retype it, so finding it in a message is
 * case-insensitive and ignores spaces and dashes ("oh 7kq2 m9", "OH7KQ2M9" both count).
 */
public final class References {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** "OH", then six alphabet characters with any spaces/dashes between, not inside a longer word. */
    private static final Pattern IN_TEXT = Pattern.compile(
            "(?<![A-Za-z0-9])[Oo][\\s-]*[Hh]((?:[\\s-]*[A-Za-z0-9]){6})(?![A-Za-z0-9])");

    private References() {}

    public static String generate() {
        char[] c = new char[6];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return format(new String(c));
    }

    /** The canonical form of a reference typed any way, or null when it is not one. */
    public static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(typed.trim());
        return m.matches() ? canonical(m.group(1)) : null;
    }

    /** Every distinct well-formed reference in a free-text message, in order of appearance. */
    public static Set<String> findIn(String message) {
        Set<String> found = new LinkedHashSet<>();
        if (message == null) {
            return found;
        }
        Matcher m = IN_TEXT.matcher(message);
        while (m.find()) {
            String ref = canonical(m.group(1));
            if (ref != null) {
                found.add(ref);
            }
        }
        return found;
    }

    private static String canonical(String body) {
        String chars = body.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        for (int i = 0; i < chars.length(); i++) {
            if (ALPHABET.indexOf(chars.charAt(i)) < 0) {
                return null;
            }
        }
        return format(chars);
    }

    private static String format(String six) {
        return "OH-" + six.substring(0, 4) + "-" + six.substring(4);
    }
}
