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

/**
 * A buyer who knows an intent's reference pays a token amount (or another currency, or through
 * another provider) and writes the reference in the message: the reference alone must not make
 * the expensive intent paid.
 */
class UnderpaidReferenceAttackTest {
    static final Instant ORDER_AT = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofHours(48);

    static Order payment(String provider, long minor, String currency, String message, boolean test) {
        return new Order("site_a", provider + "_x", provider, "t-1", null, null, Money.ofMinor(minor, currency), null, 0,
                false, "Mallory", "mallory@example.net", message, List.of(), null, test, ORDER_AT.toString(),
                ORDER_AT.toString(), Set.of(), null, null, null, 1);
    }

    static Intent intent(String id, String ref, String email, long minor, String currency, String provider) {
        return intent(id, ref, email, minor, currency, provider, false);
    }

    static Intent intent(String id, String ref, String email, long minor, String currency, String provider, boolean test) {
        return new Intent("site_a", id, ref, "Jo", email, Money.ofMinor(minor, currency), provider, null, null,
                Intent.timestamp(ORDER_AT.minusSeconds(60)), ORDER_AT.plusSeconds(86_400).getEpochSecond(),
                Intent.State.OPEN, null, null, null, test);
    }

    static MatchDecision decide(Order o, List<Intent> byRef, List<Intent> recent) {
        return MatchRules.decide(o, true, WINDOW, References.findIn(o.message()), byRef, recent);
    }

    @Test
    void aOneDollarKofiDonationCarryingTheReferenceDoesNotPayA500DollarIntent() {
        Intent expensive = intent("in_expensive", "OH-7KQ2-M9", "jo@example.com", 50_000, "USD", "kofi");
        MatchDecision d = decide(payment("kofi", 100, "USD", "OH-7KQ2-M9", false), List.of(expensive), List.of());
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_expensive");
        assertThat(d.reason()).isEqualTo(
                "reference OH-7KQ2-M9 in message, but paid 1.00 USD via kofi, intent expects 500.00 USD via kofi");
    }

    @Test
    void oneYenThroughKofiWithTheReferenceInLowerCaseDoesNotPayA999EuroStripeIntent() {
        Intent euros = intent("in_euros", "OH-7KQ2-M9", "jo@example.com", 99_900, "EUR", "stripe");
        MatchDecision d = decide(payment("kofi", 1, "JPY", "here you go oh-7kq2-m9", false), List.of(euros), List.of());
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_euros");
        assertThat(d.reason()).isEqualTo(
                "reference OH-7KQ2-M9 in message, but paid 1 JPY via kofi, intent expects 999.00 EUR via stripe");
    }

    @Test
    void theRightAmountInTheWrongCurrencyOrThroughTheWrongProviderIsNotAMatchEither() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "jo@example.com", 500, "USD", "kofi");
        assertThat(decide(payment("kofi", 500, "EUR", "OH-7KQ2-M9", false), List.of(a), List.of()).matched()).isFalse();
        assertThat(decide(payment("bmc", 500, "USD", "OH-7KQ2-M9", false), List.of(a), List.of()).matched()).isFalse();
    }

    @Test
    void payingTheAmountOrMoreWithTheReferenceStillMatches() {
        Intent a = intent("in_a", "OH-7KQ2-M9", "jo@example.com", 500, "USD", "kofi");
        MatchDecision exact = decide(payment("kofi", 500, "USD", "OH-7KQ2-M9", false), List.of(a), List.of());
        assertThat(exact.matched()).isTrue();
        assertThat(exact.reason()).isEqualTo("reference OH-7KQ2-M9 in message");
        assertThat(decide(payment("kofi", 600, "USD", "a tip on top, OH-7KQ2-M9", false), List.of(a), List.of()).matched())
                .as("a tip on top").isTrue();
    }
}
