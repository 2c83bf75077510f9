package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The Stripe-Signature scheme; body: Stripe's charge.succeeded sample (samples/SOURCES.md). */
class StripeSignatureTest {
    private static final String SECRET = "whsec_test_current_0123456789abcdef";
    private static final String OLD_SECRET = "whsec_test_previous_0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final Duration TOLERANCE = StripeSignature.DEFAULT_TOLERANCE;
    private final byte[] body = Samples.read("stripe/charge.succeeded.json").getBytes(StandardCharsets.UTF_8);

    private static String v1(String header) {
        return header.substring(header.indexOf("v1="));
    }

    private void accepts(String header, List<String> secrets) {
        assertThatCode(() -> StripeSignature.verify(header, body, secrets, NOW, TOLERANCE)).doesNotThrowAnyException();
    }

    private static void rejects(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CallbackRejection.class, r -> {
            org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(r.code()).isEqualTo(code);
        });
    }

    private void rejects(String header, List<String> secrets, String code) {
        rejects(() -> StripeSignature.verify(header, body, secrets, NOW, TOLERANCE), code);
    }

    @Test
    void aValidSignatureIsAccepted() {
        accepts(StripeSignature.header(body, SECRET, T), List.of(SECRET));
    }

    @Test
    void anyOfSeveralV1ValuesMayMatch() {
        String other = v1(StripeSignature.header(body, "whsec_some_other_endpoint", T));
        accepts("t=" + T + "," + other + "," + v1(StripeSignature.header(body, SECRET, T)), List.of(SECRET));
        // Stripe's test-only v0 scheme and unknown keys are ignored, as Stripe's libraries do.
        accepts("t=" + T + ",v0=deadbeef,x=1," + v1(StripeSignature.header(body, SECRET, T)), List.of(SECRET));
    }

    @Test
    void theRotatedOutSecretIsStillAcceptedWhileConfigured() {
        accepts(StripeSignature.header(body, OLD_SECRET, T), List.of(SECRET, OLD_SECRET));
        rejects(StripeSignature.header(body, OLD_SECRET, T), List.of(SECRET), "INVALID_SIGNATURE");
    }

    @Test
    void aTamperedBodyIsRejected() {
        String header = StripeSignature.header(body, SECRET, T);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"amount\": 1099", "\"amount\": 1")
                .getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(tampered).isNotEqualTo(body);
        rejects(() -> StripeSignature.verify(header, tampered, List.of(SECRET), NOW, TOLERANCE), "INVALID_SIGNATURE");
    }

    @Test
    void aWrongSecretIsRejected() {
        rejects(StripeSignature.header(body, "whsec_wrong", T), List.of(SECRET), "INVALID_SIGNATURE");
        rejects(StripeSignature.header(body, SECRET, T), List.of(), "INVALID_SIGNATURE");
    }

    @Test
    void aMissingHeaderIsRejected() {
        rejects(null, List.of(SECRET), "MISSING_SIGNATURE");
        rejects(" ", List.of(SECRET), "MISSING_SIGNATURE");
    }

    @Test
    void malformedHeadersAreRejected() {
        String sig = v1(StripeSignature.header(body, SECRET, T));
        rejects(sig, List.of(SECRET), "INVALID_SIGNATURE"); // no t
        rejects("t=" + T, List.of(SECRET), "INVALID_SIGNATURE"); // no v1
        rejects("t=" + T + ",v1=nothex", List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=" + T + ",v1=abcd", List.of(SECRET), "INVALID_SIGNATURE"); // hex, but not 32 bytes
        rejects("garbage", List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=" + T + ",t=" + T + "," + sig, List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=" + T + "," + sig + ",x".repeat(3000), List.of(SECRET), "INVALID_SIGNATURE");
    }

    @Test
    void aStaleTimestampIsRejectedEvenWhenCorrectlySigned() {
        accepts(StripeSignature.header(body, SECRET, T - 300), List.of(SECRET));
        rejects(StripeSignature.header(body, SECRET, T - 301), List.of(SECRET), "STALE_TIMESTAMP");
    }

    @Test
    void aTimestampTooFarInTheFutureIsRejected() {
        accepts(StripeSignature.header(body, SECRET, T + 300), List.of(SECRET));
        rejects(StripeSignature.header(body, SECRET, T + 301), List.of(SECRET), "STALE_TIMESTAMP");
    }

    @Test
    void theToleranceIsTheOneGiven() {
        String header = StripeSignature.header(body, SECRET, T - 1000);
        assertThatCode(() -> StripeSignature.verify(header, body, List.of(SECRET), NOW, Duration.ofSeconds(1200)))
                .doesNotThrowAnyException();
        rejects(() -> StripeSignature.verify(header, body, List.of(SECRET), NOW, Duration.ofSeconds(600)), "STALE_TIMESTAMP");
    }

    @Test
    void aNonNumericTimestampIsRejected() {
        String sig = v1(StripeSignature.header(body, SECRET, T));
        rejects("t=now," + sig, List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=-5," + sig, List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=1e9," + sig, List.of(SECRET), "INVALID_SIGNATURE");
        rejects("t=99999999999999999999," + sig, List.of(SECRET), "INVALID_SIGNATURE");
    }
}
