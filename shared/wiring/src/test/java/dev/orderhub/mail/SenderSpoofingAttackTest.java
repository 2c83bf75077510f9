package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.site.SiteMail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every site sends through the deployment's one SES identity. A site may send only from the
 * deployment's address or an address the operator verified for it; what it saved otherwise is
 * refused, and what it saved before is replaced by the deployment's address at send time.
 */
class SenderSpoofingAttackTest {
    private final SiteSenders senders = new SiteSenders(null, new MailIdentity("example.com"));
    private final SiteMail demo = new SiteMail("Demo", List.of(), List.of("demo@example.com"));
    private final SiteMail attacker = new SiteMail("Attacker", List.of(), List.of());

    @Test
    void anotherSitesVerifiedSenderIsRefusedNamingWhatTheSiteMayUse() {
        assertThat(senders.refusal(demo, "demo@example.com")).isNull();
        assertThat(senders.refusal(demo, "DEMO@example.com")).isNull();
        assertThat(senders.refusal(attacker, "demo@example.com"))
                .contains("demo@example.com is not a sender this site may use").contains("no-reply@example.com");
        assertThat(senders.refusal(attacker, "anything@example.com")).isNotNull();
    }

    @Test
    void theDeploymentsAddressIsEverySitesToUse() {
        assertThat(senders.refusal(attacker, "no-reply@example.com")).isNull();
        assertThat(new MailIdentity("Shop.Example").address()).isEqualTo("no-reply@shop.example");
        assertThat(new MailIdentity("hub@shop.example").address()).isEqualTo("hub@shop.example");
    }

    @Test
    void aSenderNoLongerAllowedIsReplacedByTheDeploymentsAddressWithTheSitesOwnName() {
        Email saved = new Email("demo@example.com", "jo@example.com", "Thanks", "Hi", null);

        Email signed = senders.sign("site_attacker", attacker, saved);

        assertThat(signed.from()).isEqualTo("no-reply@example.com");
        assertThat(signed.fromName()).isEqualTo("Attacker");
        assertThat(signed.to()).isEqualTo("jo@example.com");
        assertThat(senders.sign("site_demo", demo, saved).from()).isEqualTo("demo@example.com");
    }

    @Test
    void aSenderNameCannotCarryAnAddressOfItsOwnIntoTheHeader() {
        Email signed = senders.sign("site_attacker", new SiteMail("Demo <demo@example.com>", List.of(), List.of()),
                new Email("no-reply@example.com", "jo@example.com", "Thanks", "Hi", null));

        assertThat(SesMailer.source(signed)).isEqualTo("\"Demo <demo@example.com>\" <no-reply@example.com>");
    }
}
