package dev.orderhub.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A sealed secret opens only under its own key and its own site, provider and field. */
class LocalSealerTest {
    private final LocalSealer sealer = new LocalSealer(Base64.getDecoder().decode(LocalSealer.newKey()));
    private final SealContext context = new SealContext("site_aaaa", "stripe", "webhookSecret");

    @Test
    void sealsWithoutThePlaintextAndOpensUnderTheSameContext() {
        String sealed = sealer.seal("whsec_the_secret", context);
        assertThat(sealed).startsWith("local1:").doesNotContain("whsec_the_secret");
        assertThat(sealer.seal("whsec_the_secret", context)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open(sealed, context)).isEqualTo("whsec_the_secret");
    }

    @Test
    void aSealedValueMovedToAnotherSiteProviderOrFieldOrKeyDoesNotOpen() {
        String sealed = sealer.seal("whsec_the_secret", context);
        for (SealContext other : new SealContext[] {new SealContext("site_bbbb", "stripe", "webhookSecret"),
                new SealContext("site_aaaa", "bmc", "webhookSecret"), new SealContext("site_aaaa", "stripe", "apiKey")}) {
            assertThatThrownBy(() -> sealer.open(sealed, other)).as(other.toString()).isInstanceOf(SealedSecretUnreadable.class);
        }
        LocalSealer otherKey = new LocalSealer(Base64.getDecoder().decode(LocalSealer.newKey()));
        assertThatThrownBy(() -> otherKey.open(sealed, context)).isInstanceOf(SealedSecretUnreadable.class);
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> sealer.open(tampered, context)).isInstanceOf(SealedSecretUnreadable.class);
    }
}
