package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.site.ConfigSecrets;
import dev.orderhub.site.ProviderConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared step of callback verification: the current secret always, the previous one while it
 * rotates out, never once it expired or was removed. The "signature" here is the secret itself, so
 * each case says exactly which secret signed.
 */
class SecretRotationTest {
    private static final Instant SET = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = SET.plusSeconds(24 * 3600);
    private static final SecretRotation ROTATION = new SecretRotation("signingSecret", "previousSigningSecret");

    private static ProviderConfig config(String current, String previous) {
        Map<String, ConfigSecrets.Entry> entries = new HashMap<>();
        if (current != null) {
            entries.put("signingSecret", ConfigSecrets.Entry.plain(current, SET.toString(), null));
        }
        if (previous != null) {
            entries.put("previousSigningSecret", ConfigSecrets.Entry.plain(previous, SET.toString(), EXPIRES.toString()));
        }
        return new ProviderConfig("bmc", ConfigSecrets.stored(entries, null), Map.of(), null);
    }

    private static boolean signedWith(ProviderConfig config, Instant at, String signer) {
        return ROTATION.verifies(config, at, signer::equals);
    }

    @Test
    void theCurrentSecretIsAccepted() {
        assertThat(signedWith(config("new", null), SET, "new")).isTrue();
        assertThat(signedWith(config("new", "old"), EXPIRES.plusSeconds(3600), "new")).isTrue();
    }

    @Test
    void thePreviousSecretIsAcceptedWhileItRotatesOut() {
        ProviderConfig rotating = config("new", "old");
        assertThat(signedWith(rotating, SET, "old")).isTrue();
        assertThat(signedWith(rotating, EXPIRES.minusSeconds(1), "old")).isTrue();
    }

    @Test
    void thePreviousSecretIsRefusedOnceExpiredOrRemoved() {
        ProviderConfig rotating = config("new", "old");
        assertThat(signedWith(rotating, EXPIRES, "old")).as("at its expiry").isFalse();
        assertThat(signedWith(rotating, EXPIRES.plusSeconds(7 * 24 * 3600), "old")).as("a week later").isFalse();
        assertThat(signedWith(config("new", null), SET, "old")).as("removed").isFalse();
    }

    @Test
    void noSecretOrABlankOneVerifiesNothing() {
        assertThat(signedWith(config(null, null), SET, "")).isFalse();
        assertThat(signedWith(config(" ", null), SET, " ")).isFalse();
        assertThat(ROTATION.accepted(config("new", "old"), SET)).containsExactly("new", "old");
    }

    @Test
    void everySecretIsTriedEvenAfterAMatch() {
        List<String> tried = new ArrayList<>();
        assertThat(ROTATION.verifies(config("new", "old"), SET, s -> tried.add(s) && s.equals("new"))).isTrue();
        assertThat(tried).containsExactly("new", "old");
    }

    @Test
    void aProviderWithoutRotationAcceptsItsOneSecretOnly() {
        SecretRotation single = new SecretRotation("signingSecret", null);
        assertThat(single.names()).containsExactly("signingSecret");
        assertThat(single.verifies(config("new", "old"), SET, "old"::equals)).isFalse();
        assertThat(single.verifies(config("new", "old"), SET, "new"::equals)).isTrue();
    }
}
