package dev.orderhub.db;

import dev.orderhub.crypto.Signatures;
import java.security.SecureRandom;

/** Identifiers: random ones for sites and keys, derived ones where a repeat must land on the same item. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray(); // no 0/o, 1/l

    private Ids() {}

    /** {@code length} characters from a 32-letter alphabet: 5 bits each. */
    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** A stable id for the same inputs: 20 characters (100 bits) of their SHA-256. */
    public static String derived(String... parts) {
        String joined = String.join("\u0000", parts);
        String hex = Signatures.sha256Hex(joined);
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET[Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16) % 32]);
        }
        return out.toString();
    }
}
