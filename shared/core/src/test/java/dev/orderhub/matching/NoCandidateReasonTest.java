package dev.orderhub.matching;

import static dev.orderhub.matching.MatchRulesTest.intent;
import static dev.orderhub.matching.MatchRulesTest.order;
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
 * When no intent is a candidate, the review reason names the rule the closest intents failed, so
 * that a seller is never told "no candidate" while intents with the buyer's e-mail, amount and
 * currency exist just outside the window.
 */
class NoCandidateReasonTest {
    private static final Instant ORDER_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    private static String reason(Order o, List<Intent> recent) {
        MatchDecision d = MatchRules.decide(o, true, WINDOW, References.findIn(o.message()), List.of(), recent);
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).isEmpty();
        return d.reason();
    }

    private static Order jo() {
        return order("jo@example.com", 2000, "USD", "thanks");
    }

    @Test
    void intentsThatMatchEverythingButWereCreatedBeforeTheWindowAreCountedAsSuch() {
        List<Intent> old = List.of(
                intent("in_a", "OH-2222-22", "jo@example.com", 2000, "USD", ORDER_AT.minus(Duration.ofHours(25))),
                intent("in_b", "OH-3333-33", "Jo@Example.com", 2000, "USD", ORDER_AT.minus(Duration.ofHours(30))));
        assertThat(reason(jo(), old)).isEqualTo(
                "no candidate: 2 intents match e-mail, amount and currency but were created outside the 24 h window before the order");
    }

    @Test
    void anIntentCreatedAfterTheOrderIsNamedAsSuch() {
        Intent late = intent("in_a", "OH-2222-22", "jo@example.com", 2000, "USD", ORDER_AT.plus(Duration.ofHours(2)));
        assertThat(reason(jo(), List.of(late))).isEqualTo(
                "no candidate: 1 intent matches e-mail, amount and currency but was created more than 10 min after the order");
    }

    @Test
    void noIntentWithTheBuyersEmail() {
        Intent other = intent("in_a", "OH-2222-22", "ann@example.com", 2000, "USD", ORDER_AT.minusSeconds(60));
        assertThat(reason(jo(), List.of(other))).isEqualTo("no candidate: no open intent with this e-mail");
        assertThat(reason(jo(), List.of())).isEqualTo("no candidate: no open intent with this e-mail");
    }

    @Test
    void theAmountOrCurrencyDiffersAndTheReasonSaysWhatEachExpects() {
        List<Intent> sameEmail = List.of(
                intent("in_a", "OH-2222-22", "jo@example.com", 2500, "USD", ORDER_AT.minusSeconds(60)),
                intent("in_b", "OH-3333-33", "jo@example.com", 2000, "EUR", ORDER_AT.minusSeconds(60)));
        assertThat(reason(jo(), sameEmail)).isEqualTo(
                "no candidate: 2 open intents with this e-mail, but for another amount or currency: paid 20.00 USD, they expect 20.00 EUR, 25.00 USD");
    }

    @Test
    void aPaymentThatDoesNotFitTheIntentSaysWhatDiffers() {
        Intent testMode = new Intent("site_a", "in_t", "OH-2222-22", "Jo", "jo@example.com", Money.ofMinor(2000, "USD"),
                "kofi", null, null, Intent.timestamp(ORDER_AT.minusSeconds(60)), ORDER_AT.plusSeconds(86_400).getEpochSecond(),
                Intent.State.OPEN, null, null, null, true);
        assertThat(reason(jo(), List.of(testMode))).isEqualTo("no candidate: 1 intent matches e-mail, amount and currency, "
                + "but paid 20.00 USD via kofi, intent expects 20.00 USD via kofi in test mode");
    }

    @Test
    void aPaymentWithoutBuyerEmailSaysSo() {
        Order anonymous = new Order("site_a", "kofi_x", "kofi", "t-1", null, null, Money.ofMinor(2000, "USD"), null, 0, false,
                "Jo", null, null, List.of(), null, false, ORDER_AT.toString(), ORDER_AT.toString(), Set.of(), null,
                null, null, 1);
        assertThat(reason(anonymous, List.of())).isEqualTo("no candidate: the payment carries no buyer e-mail");
    }

    @Test
    void theClosestIntentsDecideTheReason() {
        List<Intent> mixed = List.of(
                intent("in_amount", "OH-2222-22", "jo@example.com", 2500, "USD", ORDER_AT.minusSeconds(60)),
                intent("in_old", "OH-3333-33", "jo@example.com", 2000, "USD", ORDER_AT.minus(Duration.ofHours(25))),
                intent("in_late", "OH-4444-44", "jo@example.com", 2000, "USD", ORDER_AT.plus(Duration.ofHours(1))));
        assertThat(reason(jo(), mixed)).isEqualTo("no candidate: 2 intents match e-mail, amount and currency but were "
                + "created outside the 24 h window before the order (1) or more than 10 min after it (1)");
    }
}
