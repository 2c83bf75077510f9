package dev.orderhub.provider.xsolla;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.provider.SecretRotation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xsolla's webhook signature: {@code Authorization: Signature <hex SHA-1(raw body + project secret)>}.
 * The digest is over the exact bytes received followed by the secret's UTF-8 bytes. Xsolla signs
 * no timestamp, so there is no replay window to check; a replayed delivery is an exact repeat and
 * is absorbed by the event id.
 */
public final class XsollaSignature {
    /** The auth scheme is case-insensitive (RFC 9110 §11.1); the value is 40 hex digits. */
    private static final Pattern HEADER = Pattern.compile("(?i)signature +([0-9a-f]{40})");

    private XsollaSignature() {}

    /** The header value Xsolla sends for this body and secret. */
    public static String header(byte[] body, String secret) {
        return "Signature " + HexFormat.of().formatHex(digest(body, secret));
    }

    /**
     * True when the header carries the signature of the body under any of the secrets (the current
     * project secret and, during a rotation, the previous one). Every secret is checked in
     * constant time, so the answer's timing says nothing about which one matched.
     */
    public static boolean verify(String authorization, byte[] body, List<String> secrets) {
        if (authorization == null) {
            return false;
        }
        Matcher m = HEADER.matcher(authorization.trim());
        if (!m.matches()) {
            return false;
        }
        byte[] given = Signatures.fromHex(m.group(1).toLowerCase(Locale.ROOT));
        return SecretRotation.anyVerifies(secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList(),
                secret -> Signatures.constantTimeEquals(given, digest(body, secret)));
    }

    private static byte[] digest(byte[] body, String secret) {
        return Signatures.digest("SHA-1", body, secret.getBytes(StandardCharsets.UTF_8));
    }
}
