package dev.orderhub.provider.xsolla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Payload: Xsolla's documented user_validation request sample (samples/SOURCES.md). */
class XsollaSignatureTest {
    private static final String SECRET = "project-secret-key";
    private static final String OLD_SECRET = "previous-secret-key";
    private final byte[] body = Samples.read("xsolla/user_validation.json").getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheSha1OfBodyFollowedBySecret() throws Exception {
        // Computed independently of the class: SHA-1 over the concatenated text, as Xsolla's docs describe it.
        var md = java.security.MessageDigest.getInstance("SHA-1");
        String expected = java.util.HexFormat.of().formatHex(
                md.digest((new String(body, StandardCharsets.UTF_8) + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(XsollaSignature.header(body, SECRET)).isEqualTo("Signature " + expected);
        assertThat(XsollaSignature.verify("Signature " + expected, body, List.of(SECRET))).isTrue();
    }

    @Test
    void acceptsTheCurrentOrThePreviousSecretDuringRotation() {
        assertThat(XsollaSignature.verify(XsollaSignature.header(body, SECRET), body, List.of(SECRET, OLD_SECRET))).isTrue();
        assertThat(XsollaSignature.verify(XsollaSignature.header(body, OLD_SECRET), body, List.of(SECRET, OLD_SECRET))).isTrue();
        assertThat(XsollaSignature.verify(XsollaSignature.header(body, OLD_SECRET), body, List.of(SECRET))).isFalse();
        // An unset previous secret is skipped, not treated as the empty secret.
        assertThat(XsollaSignature.verify(XsollaSignature.header(body, ""), body, Arrays.asList(SECRET, null, ""))).isFalse();
    }

    @Test
    void refusesATamperedBodyOrAnotherSecret() {
        String header = XsollaSignature.header(body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("1234567", "7654321").getBytes(StandardCharsets.UTF_8);
        assertThat(XsollaSignature.verify(header, tampered, List.of(SECRET))).isFalse();
        assertThat(XsollaSignature.verify(header, body, List.of("another-site-secret"))).isFalse();
        assertThat(XsollaSignature.verify(header, body, List.of())).isFalse();
        byte[] withSpace = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(XsollaSignature.verify(header, withSpace, List.of(SECRET))).as("signed over the exact bytes").isFalse();
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        String hex = XsollaSignature.header(body, SECRET).substring("Signature ".length());
        for (String bad : new String[] {null, "", "Signature", "Signature ", hex, "Bearer " + hex, "Signature=" + hex,
                "Signature:" + hex, "Signature " + hex.substring(1), "Signature " + hex + "00", "Signature " + hex + " extra",
                "Signature " + hex.replace(hex.charAt(0), 'g'), "Sig " + hex}) {
            assertThat(XsollaSignature.verify(bad, body, List.of(SECRET))).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void theSchemeIsCaseInsensitiveAndTheHexMayBeUpperCase() {
        String hex = XsollaSignature.header(body, SECRET).substring("Signature ".length());
        for (String ok : new String[] {"signature " + hex, "SIGNATURE " + hex, "Signature  " + hex, " Signature " + hex + " ",
                "Signature " + hex.toUpperCase(Locale.ROOT)}) {
            assertThat(XsollaSignature.verify(ok, body, List.of(SECRET))).as(ok).isTrue();
        }
    }
}
