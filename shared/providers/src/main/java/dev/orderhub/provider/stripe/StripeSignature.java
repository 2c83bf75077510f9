package dev.orderhub.provider.stripe;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.SecretRotation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: header {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]},
 * where each v1 is the hex HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the endpoint's
 * signing secret ({@code whsec_…}). Stripe sends several v1 values while it rolls an endpoint's
 * secret, and the site may hold two secrets while it rotates, so any v1 matching any active
 * secret is accepted. Because t is signed, a captured delivery can be replayed only within the
 * tolerance; t too far in the future is refused as well (a forged clock would otherwise widen the
 * window). Scheme v0 (Stripe's test-only scheme) and unknown keys are ignored, as Stripe's
 * libraries do.
 */
public final class StripeSignature {
    public static final String HEADER = "stripe-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    private static final int MAX_HEADER_CHARS = 4096;
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    /**
     * {@code Mac.getInstance} searches the security providers on every call, a measurable part of
     * a callback; one instance per thread, keyed again for each use, does not. It holds the last
     * key it was given, as any Mac does until collected, and is never shared between threads.
     */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private StripeSignature() {}

    /** Throws a 400 {@link CallbackRejection} unless the header signs the body with one of the secrets, recently. */
    public static void verify(String header, byte[] body, List<String> secrets, Instant now, Duration tolerance) {
        Parsed parsed = parse(header);
        if (secrets.isEmpty()) {
            throw rejection("INVALID_SIGNATURE", "no webhook secret is configured");
        }
        boolean matched = SecretRotation.anyVerifies(secrets, secret -> signedWith(parsed, body, secret));
        if (!matched) {
            throw rejection("INVALID_SIGNATURE", "no v1 signature matches");
        }
        long age = now.getEpochSecond() - parsed.timestamp();
        if (Math.abs(age) > tolerance.getSeconds()) {
            throw rejection("STALE_TIMESTAMP", "signature timestamp is outside the " + tolerance.getSeconds() + " s tolerance");
        }
    }

    /** Whether one of the header's v1 signatures is the body's under this one secret. */
    private static boolean signedWith(Parsed parsed, byte[] body, String secret) {
        byte[] expected = mac(secret, parsed.timestamp(), body);
        boolean matched = false;
        for (byte[] candidate : parsed.signatures()) {
            // No early exit: every comparison runs, each in constant time.
            matched |= Signatures.constantTimeEquals(expected, candidate);
        }
        return matched;
    }

    /** The header Stripe would send for this body, signed with one secret at time t. */
    public static String header(byte[] body, String secret, long t) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        Mac mac = HMAC_SHA256.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        mac.update(body);
        return mac.doFinal();
    }

    private record Parsed(long timestamp, List<byte[]> signatures) {}

    private static Parsed parse(String header) {
        if (header == null || header.isBlank()) {
            throw rejection("MISSING_SIGNATURE", "Stripe-Signature header is missing");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw rejection("INVALID_SIGNATURE", "Stripe-Signature header is too long");
        }
        String timestamp = null;
        List<byte[]> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw rejection("INVALID_SIGNATURE", "Stripe-Signature header is malformed");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw rejection("INVALID_SIGNATURE", "Stripe-Signature header has more than one t");
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                byte[] sig = Signatures.fromHex(value);
                if (sig != null && sig.length == 32) {
                    v1.add(sig);
                }
            }
        }
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
            throw rejection("INVALID_SIGNATURE", "Stripe-Signature header has no valid t");
        }
        if (v1.isEmpty()) {
            throw rejection("INVALID_SIGNATURE", "Stripe-Signature header has no v1 signature");
        }
        return new Parsed(Long.parseLong(timestamp), v1);
    }

    /** Stripe only reads the status; its docs recommend 400 for a signature that does not verify. */
    private static CallbackRejection rejection(String code, String message) {
        return new CallbackRejection(400, code, message);
    }
}
