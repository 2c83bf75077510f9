package dev.orderhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.Intent;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which time of an order the e-mail matching window is measured from. An order has two: the
 * provider's (createdAt, when the purchase happened by the provider's clock) and the hub's
 * (receivedAt, when the hub first heard of it; the clock intents are created by). The buyer
 * controls neither, only when an intent is created. A payment cannot be for an intent created
 * after it, so the window ends at the earlier of the two (plus the allowed clock skew): a late
 * delivery or a history sync keeps the purchase's own time, and a provider clock that runs ahead
 * cannot open the window past the moment the hub already had the payment.
 */
class MatchWindowTest {
    private static final Duration WINDOW = Duration.ofHours(48);
    private static final String EMAIL = "jo@example.com";

    private static Order order(Instant providerAt, Instant receivedAt) {
        return new Order("site_a", "kofi_x", "kofi", "t-1", null, null, Money.ofMinor(500, "USD"), null, 0,
                false, "Jo", EMAIL, "no reference", List.of(), null, false, providerAt.toString(),
                receivedAt == null ? providerAt.toString() : receivedAt.toString(), Set.of(), null, null, null, 1,
                Map.of(), receivedAt == null ? null : receivedAt.toString());
    }

    private static Intent intent(Instant createdAt) {
        return MatchRulesTest.intent("in_a", "OH-7KQ2-M9", EMAIL, 500, "USD", createdAt);
    }

    private static boolean candidate(Order o, Intent i) {
        return MatchRules.decide(o, true, true, WINDOW, Set.of(), List.of(), List.of(i)).candidates()
                .contains(i.intentId());
    }

    @Test
    void aProviderClockRunningAheadDoesNotAdmitAnIntentCreatedAfterTheHubHadThePayment() {
        Instant received = Instant.parse("2026-03-01T11:00:00Z");
        Order o = order(received.plus(Duration.ofHours(1)), received);
        // Someone who saw the payment come in creates an intent with the buyer's e-mail and amount.
        Intent afterwards = intent(received.plus(Duration.ofMinutes(30)));

        assertThat(candidate(o, afterwards)).isFalse();
        assertThat(MatchRules.matchTime(o)).isEqualTo(received);
    }

    @Test
    void aBuyerWhoPaysThenIsDeliveredLateStillMatchesTheirIntent() {
        Instant paid = Instant.parse("2026-03-01T12:00:00Z");
        // Stripe retries for up to three days: the delivery comes long after the payment.
        Order o = order(paid, paid.plus(Duration.ofHours(60)));

        assertThat(candidate(o, intent(paid.minus(Duration.ofMinutes(5))))).isTrue();
        // An intent created after the payment, before the late delivery, is not the payment's.
        assertThat(candidate(o, intent(paid.plus(Duration.ofHours(1))))).isFalse();
    }

    @Test
    void anOldPaymentImportedNowIsNotMatchedToARecentIntent() {
        Instant paid = Instant.parse("2025-12-01T12:00:00Z");
        Instant imported = Instant.parse("2026-03-01T12:00:00Z");
        Order o = order(paid, imported);

        assertThat(candidate(o, intent(imported.minus(Duration.ofHours(1))))).isFalse();
        assertThat(candidate(o, intent(paid.minus(Duration.ofHours(1))))).isTrue();
    }

    @Test
    void anOrderStoredBeforeTheHubKeptItsReceivedTimeUsesTheProvidersTime() {
        Instant paid = Instant.parse("2026-03-01T12:00:00Z");
        Order o = order(paid, null);

        assertThat(MatchRules.matchTime(o)).isEqualTo(paid);
        assertThat(candidate(o, intent(paid.minus(Duration.ofHours(47))))).isTrue();
        assertThat(candidate(o, intent(paid.plus(MatchRules.CLOCK_SKEW).plusSeconds(1)))).isFalse();
    }
}
