package dev.orderhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.Intent;
import dev.orderhub.intent.References;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchRulesTest {
    private static final Instant ORDER_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(48);

    static Order order(String email, long minor, String currency, String message) {
        return new Order("site_a", "kofi_x", "kofi", "t-1", null, null, Money.ofMinor(minor, currency), null, 0, false,
                "Jo", email, message, List.of(), null, false, ORDER_AT.toString(), ORDER_AT.toString(), Set.of(), null,
                null, null, 1);
    }

    static Intent intent(String id, String ref, String email, long minor, String currency, Instant createdAt) {
        return new Intent("site_a", id, ref, "Jo", email, Money.ofMinor(minor, currency), "kofi", null, null,
                Intent.timestamp(createdAt), createdAt.plusSeconds(86_400).getEpochSecond(), Intent.State.OPEN, null, null, null,
                false);
    }

    private static MatchDecision decide(Order o, boolean autoMatch, List<Intent> byRef, List<Intent> recent) {
        return MatchRules.decide(o, autoMatch, WINDOW, References.findIn(o.message()), byRef, recent);
    }

    private static MatchDecision decideOptedInToEmail(Order o, List<Intent> recent) {
        return MatchRules.decide(o, true, true, WINDOW, References.findIn(o.message()), List.of(), recent);
    }

    @Test
    void aReferenceInTheMessageMatchesWhateverEmailTheOrderCarries() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "other@example.com", 500, "USD", ORDER_AT.minusSeconds(60));
        MatchDecision d = decide(order("jo@example.com", 500, "USD", "thanks! oh 7kq2 m9"), true, List.of(a), List.of());
        assertThat(d.matched()).isTrue();
        assertThat(d.intentId()).isEqualTo("in_a");
        assertThat(d.reason()).isEqualTo("reference OH-7KQ2-M9 in message");
    }

    @Test
    void theReferenceWinsOverAnEmailCandidate() {
        Intent byRef = intent("in_ref", "OH-7KQ2-M9", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(60));
        Intent other = intent("in_other", "OH-AAAA-AA", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(30));
        MatchDecision d = decide(order("jo@example.com", 300, "USD", "OH-7KQ2-M9"), true, List.of(byRef), List.of(byRef, other));
        assertThat(d.intentId()).isEqualTo("in_ref");
    }

    @Test
    void twoReferencesToOpenIntentsAreAmbiguous() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "jo@example.com", 300, "USD", ORDER_AT);
        Intent b = intent("in_b", "OH-AAAA-AA", "jo@example.com", 300, "USD", ORDER_AT);
        MatchDecision d = decide(order("jo@example.com", 300, "USD", "OH-7KQ2-M9 OH-AAAA-AA"), true, List.of(a, b), List.of());
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_a", "in_b");
        assertThat(d.reason()).startsWith("2 references");
    }

    @Test
    void oneIntentWithTheSameEmailAmountAndCurrencyInTheWindowIsSuggestedOrMatchedWhenTheSiteOptsIn() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "Jo@Example.com ", 300, "USD", ORDER_AT.minus(Duration.ofHours(47)));
        MatchDecision suggested = decide(order("jo@example.com", 300, "USD", "no reference here"), true, List.of(), List.of(a));
        assertThat(suggested.matched()).isFalse();
        assertThat(suggested.suggested()).isEqualTo("in_a");
        assertThat(suggested.candidates()).containsExactly("in_a");

        MatchDecision d = decideOptedInToEmail(order("jo@example.com", 300, "USD", "no reference here"), List.of(a));
        assertThat(d.matched()).isTrue();
        assertThat(d.reason()).isEqualTo("email+amount+currency, 1 candidate");
    }

    @Test
    void amountCurrencyEmailAndWindowMustAllAgree() {
        List<Intent> near = List.of(
                intent("in_amount", "OH-2222-22", "jo@example.com", 301, "USD", ORDER_AT.minusSeconds(60)),
                intent("in_currency", "OH-3333-33", "jo@example.com", 300, "EUR", ORDER_AT.minusSeconds(60)),
                intent("in_email", "OH-4444-44", "ann@example.com", 300, "USD", ORDER_AT.minusSeconds(60)),
                intent("in_tooold", "OH-5555-55", "jo@example.com", 300, "USD", ORDER_AT.minus(Duration.ofHours(49))),
                intent("in_afterorder", "OH-6666-66", "jo@example.com", 300, "USD", ORDER_AT.plus(Duration.ofMinutes(11))));
        MatchDecision d = decide(order("jo@example.com", 300, "USD", null), true, List.of(), near);
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).isEmpty();
        assertThat(d.reason()).isEqualTo("no candidate: 2 intents match e-mail, amount and currency but were created "
                + "outside the 48 h window before the order (1) or more than 10 min after it (1)");

        Intent skewed = intent("in_skew", "OH-7777-77", "jo@example.com", 300, "USD", ORDER_AT.plus(Duration.ofMinutes(5)));
        assertThat(decideOptedInToEmail(order("jo@example.com", 300, "USD", null), List.of(skewed)).matched())
                .as("a few minutes of clock skew are tolerated").isTrue();
    }

    @Test
    void zeroDecimalCurrenciesCompareExactly() {
        Intent krw = intent("in_krw", "OH-8888-88", "jo@example.com", 1500, "KRW", ORDER_AT.minusSeconds(60));
        assertThat(decideOptedInToEmail(order("jo@example.com", 1500, "KRW", null), List.of(krw)).matched()).isTrue();
        assertThat(decideOptedInToEmail(order("jo@example.com", 150000, "KRW", null), List.of(krw)).matched()).isFalse();
    }

    @Test
    void twoEmailCandidatesGoToReviewWithBoth() {
        Intent a = intent("in_a", "OH-2222-22", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(120));
        Intent b = intent("in_b", "OH-3333-33", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(60));
        MatchDecision d = decide(order("jo@example.com", 300, "USD", "hi"), true, List.of(), List.of(b, a));
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_a", "in_b");
        assertThat(d.reason()).isEqualTo("2 candidates by email+amount+currency");
    }

    @Test
    void anUnresolvedReferenceFallsBackToEmailAndSaysSo() {
        Intent a = intent("in_a", "OH-2222-22", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(120));
        MatchDecision d = decide(order("jo@example.com", 300, "USD", "ref OH-ZZZZ-ZZ"), true, List.of(), List.of(a));
        assertThat(d.matched()).isFalse();
        assertThat(d.suggested()).isEqualTo("in_a");
        assertThat(d.reason()).isEqualTo("reference OH-ZZZZ-ZZ in message is unknown, expired or taken; "
                + "email+amount+currency suggests 1 candidate; auto-match by e-mail is off (site setting autoMatchByEmail)");
    }

    @Test
    void withAutoMatchOffEverythingGoesToReviewWithTheCandidates() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "jo@example.com", 300, "USD", ORDER_AT.minusSeconds(60));
        MatchDecision d = decide(order("jo@example.com", 300, "USD", "OH-7KQ2-M9"), false, List.of(a), List.of(a));
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_a");
        assertThat(d.reason()).isEqualTo("auto-match is off; would be: reference OH-7KQ2-M9 in message");
        assertThat(d.suggested()).as("what it would have matched is pre-selected").isEqualTo("in_a");
    }

    @Test
    void theSameInputsGiveTheSameDecision() {
        List<Intent> recent = List.of(intent("in_b", "OH-3333-33", "jo@example.com", 300, "USD", ORDER_AT),
                intent("in_a", "OH-2222-22", "jo@example.com", 300, "USD", ORDER_AT));
        assertThat(decide(order("jo@example.com", 300, "USD", null), true, List.of(), recent))
                .isEqualTo(decide(order("jo@example.com", 300, "USD", null), true, List.of(), List.of(recent.get(1), recent.get(0))));
    }
}
