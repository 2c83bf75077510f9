package dev.orderhub.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntentTest {
    private static Intent intent(Intent.State state, long expiresAt) {
        return new Intent("site_a", "int_1", "OH-7KQ2-M9", "Ann", "ann@example.com", Money.ofMinor(500, "USD"), "kofi",
                null, null, "t", expiresAt, state, null, null, null, false);
    }

    @Test
    void anIntentIsOpenUntilItExpiresOrIsMatched() {
        Instant now = Instant.ofEpochSecond(1_000);
        assertThat(intent(Intent.State.OPEN, 1_001).openAt(now)).isTrue();
        assertThat(intent(Intent.State.OPEN, 1_000).openAt(now)).as("expired at this second").isFalse();
        assertThat(intent(Intent.State.OPEN, 999).openAt(now)).isFalse();
        assertThat(intent(Intent.State.MATCHED, 2_000).openAt(now)).isFalse();
    }

    @Test
    void referencesAreNormalizedOrRefused() {
        assertThat(References.normalize("  oh 7kq2 m9 ")).isEqualTo("OH-7KQ2-M9");
        assertThat(References.normalize("not a reference")).isNull();
        assertThat(References.normalize(null)).isNull();
    }
}
