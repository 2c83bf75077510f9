package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;

/**
 * A buyer controls their name and e-mail address, and both end up in headers: the name in a
 * subject, the address as the recipient. At the mailer, whatever rendered the text, a subject is
 * one line and a recipient is one address, or nothing is sent.
 */
class MailHeaderInjectionAttackTest {
    private final List<SendEmailRequest> sent = new ArrayList<>();
    private final SesMailer mailer = new SesMailer(new SesClient() {
        @Override
        public SendEmailResponse sendEmail(SendEmailRequest request) {
            sent.add(request);
            return SendEmailResponse.builder().messageId("m-" + sent.size()).build();
        }

        @Override
        public String serviceName() {
            return "ses";
        }

        @Override
        public void close() {}
    });

    private static Email to(String recipient, String subject) {
        return new Email("shop@example.com", recipient, subject, "Thank you.", null);
    }

    @Test
    void aBuyerNameWithALineBreakCannotStartAHeaderInTheSubject() {
        mailer.send(to("jo@example.com", "Thanks Jo\r\nBcc: list@attacker.example"));

        String subject = sent.get(0).message().subject().data();
        assertThat(subject).doesNotContain("\r").doesNotContain("\n").isEqualTo("Thanks Jo Bcc: list@attacker.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks\nJo", "Thanks\rJo", "Thanks\u0085Jo", "Thanks\u2028Jo", "Thanks\u2029Jo",
            "Thanks\u000bJo", "Thanks\u000cJo", "Thanks\tJo", "Thanks \r\n\r\n Jo"})
    void everyKindOfLineBreakOrControlCharacterLeavesTheSubjectOneLine(String subject) {
        mailer.send(to("jo@example.com", subject));

        assertThat(sent.get(0).message().subject().data()).isEqualTo("Thanks Jo");
    }

    @Test
    void controlCharactersThatAreNotLineBreaksAreRemoved() {
        mailer.send(to("jo@example.com", "Tha\u0000nks\u001b Jo\u007f"));

        assertThat(sent.get(0).message().subject().data()).isEqualTo("Thanks Jo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo@example.com, second@attacker.example", "jo@example.com,second@attacker.example",
            "jo@example.com; second@attacker.example", "jo@example.com\r\nBcc: second@attacker.example",
            "Jo <jo@example.com>", "jo@example.com second@attacker.example", "\"jo,second\"@attacker.example",
            "jo@example.com\n", " jo@example.com", "jo(comment)@example.com", "jo@@example.com", "jo@",
            "@example.com", "jo@example..com", "jo@-example.com", "jo@[127.0.0.1]", "jo.@example.com",
            "jo@example.com\u0000", ""})
    void aRecipientThatIsNotExactlyOneAddressIsNotSent(String recipient) {
        assertThatThrownBy(() -> mailer.send(to(recipient, "Thanks")))
                .isInstanceOf(UnsendableEmail.class)
                .hasMessageContaining("recipient");
        assertThat(sent).as("nothing reached SES").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo@example.com", "jo.smith+orders@mail.example.co.uk", "o'brien@example.com", "JO@EXAMPLE.COM",
            "a_b-c=d@xn--bcher-kva.example"})
    void anOrdinaryAddressIsSentToAsItIs(String recipient) {
        mailer.send(to(recipient, "Thanks"));

        assertThat(sent.get(0).destination().toAddresses()).containsExactly(recipient);
        assertThat(sent.get(0).destination().ccAddresses()).isEmpty();
        assertThat(sent.get(0).destination().bccAddresses()).isEmpty();
    }

    @Test
    void aDisplayNameWithALineBreakStaysOneQuotedName() {
        mailer.send(new Email("shop@example.com", "Shop\r\nBcc: list@attacker.example", "jo@example.com", "Thanks", "Hi", null));

        assertThat(sent.get(0).source()).isEqualTo("\"Shop Bcc: list@attacker.example\" <shop@example.com>");
    }

    @Test
    void quotesInADisplayNameCannotCloseItsQuotedString() {
        mailer.send(new Email("shop@example.com", "Shop\" <ceo@attacker.example>, \"x\\", "jo@example.com", "Thanks", "Hi", null));

        assertThat(sent.get(0).source()).isEqualTo("\"Shop\\\" <ceo@attacker.example>, \\\"x\\\\\" <shop@example.com>");
    }

    @Test
    void aDisplayNameOutsideAsciiIsEncodedInWordsOfAtMost75Characters() {
        String name = "한국 상점 ".repeat(8).strip();
        mailer.send(new Email("shop@example.com", name, "jo@example.com", "Thanks", "Hi", null));

        String source = sent.get(0).source();
        assertThat(source).endsWith(" <shop@example.com>").doesNotContain("\r").doesNotContain("\n");
        String words = source.substring(0, source.length() - " <shop@example.com>".length());
        StringBuilder decoded = new StringBuilder();
        for (String word : words.split(" ")) {
            assertThat(word).hasSizeLessThanOrEqualTo(75).startsWith("=?UTF-8?B?").endsWith("?=");
            decoded.append(new String(java.util.Base64.getDecoder().decode(word.substring(10, word.length() - 2)),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(decoded.toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop@example.com, ceo@attacker.example", "Shop <shop@example.com>", "shop@example.com\r\nBcc: x@y.example"})
    void aSenderThatIsNotExactlyOneAddressIsNotSent(String from) {
        assertThatThrownBy(() -> mailer.send(new Email(from, "jo@example.com", "Thanks", "Hi", null)))
                .isInstanceOf(UnsendableEmail.class).hasMessageContaining("sender");
        assertThat(sent).isEmpty();
    }
}
