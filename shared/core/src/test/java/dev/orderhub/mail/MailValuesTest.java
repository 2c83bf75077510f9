package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The small rules every e-mail relies on: one address, one header line, amounts as a buyer reads them. */
class MailValuesTest {
    @Test
    void anAddressHasAtMost64CharactersBeforeTheAtAnd254InAll() {
        String local64 = "a".repeat(64);
        assertThat(MailAddress.isOne(local64 + "@example.com")).isTrue();
        assertThat(MailAddress.isOne("a" + local64 + "@example.com")).isFalse();
        assertThat(withLength(254)).hasSize(254);
        assertThat(MailAddress.isOne(withLength(254))).isTrue();
        assertThat(MailAddress.isOne(withLength(255))).isFalse();
        assertThat(MailAddress.isOne(null)).isFalse();
        assertThat(MailAddress.key("Ann@Example.COM")).isEqualTo("ann@example.com");
    }

    /** An address of this many characters, 64 before the @, each label of its domain valid (at most 63). */
    private static String withLength(int length) {
        StringBuilder domain = new StringBuilder();
        int left = length - 65 - 4; // "y"*64 + "@" ... ".com"
        while (left > 0) {
            int label = Math.min(60, left);
            if (domain.length() > 0) {
                domain.append('.');
                left--;
                label = Math.min(60, left);
            }
            domain.append("d".repeat(label));
            left -= label;
        }
        return "y".repeat(64) + "@" + domain + ".com";
    }

    @Test
    void aHeaderIsOneLineWithSingleSpaces() {
        assertThat(HeaderText.oneLine("  Thanks,\r\n\tAnn\u2028 and\u0085Bob  ")).isEqualTo("Thanks, Ann and Bob");
        assertThat(HeaderText.oneLine("a\u0007b")).isEqualTo("ab");
        assertThat(HeaderText.oneLine(null)).isNull();
        assertThat(HeaderText.hasControl("Ann\nBcc: x@example.com")).isTrue();
        assertThat(HeaderText.hasControl("Ann\u2029")).isTrue();
        assertThat(HeaderText.hasControl("Ann \u2028")).isTrue();
        assertThat(HeaderText.hasControl("Ann Lee, 한국")).isFalse();
        assertThat(HeaderText.hasControl(null)).isFalse();
    }

    @Test
    void amountsKeepTheCurrencysDecimals() {
        assertThat(AmountFormat.format(Money.ofMinor(1250, "USD"), Locale.US)).isEqualTo("$12.50");
        assertThat(AmountFormat.format(Money.ofMinor(15000, "KRW"), Locale.US)).isEqualTo("₩15,000");
        assertThat(AmountFormat.format(Money.ofMinor(1234, "BHD"), Locale.US)).endsWith("1.234");
        assertThat(AmountFormat.format(Money.ofMinor(1250, "XYZ"), Locale.US)).isEqualTo("12.50 XYZ");
    }

    @Test
    void templateVariablesAreNamedWithTheirLists() {
        assertThat(TemplateVariables.WORKFLOW_MAIL.allows("name", new ArrayDeque<>(List.of("items")))).isTrue();
        assertThat(TemplateVariables.WORKFLOW_MAIL.allows("name", new ArrayDeque<>(List.of("riskReasons")))).isFalse();
        assertThat(TemplateVariables.WORKFLOW_MAIL.allows("name", new ArrayDeque<>())).isFalse();
        assertThat(TemplateVariables.WORKFLOW_MAIL.described()).endsWith("; inside {{#items}}: name; inside {{#riskReasons}}: .");
        assertThat(TemplateVariables.AUTO_REPLY.described()).isEqualTo("amount, buyerName, currency, message, orderId, siteName");
    }
}
