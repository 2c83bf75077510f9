package dev.orderhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.InMemoryIntents;
import dev.orderhub.intent.Intent;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.site.SiteSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The intent matcher's decisions over an in-memory store of intents: what it claims, what it leaves for
 * review and the reason it gives. Each decision an order could carry is checked against the
 * intents as stored afterwards, since the claim is what stops a payment taking someone else's intent.
 */
class IntentMatcherTest {
    static final String SITE = "site_a";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A site that lets one intent with the order's e-mail and amount be matched without a person. */
    static final SiteSettings BY_EMAIL = new SiteSettings(List.of("*"), true, 24, 48, 300, 5, null, true);

    final InMemoryIntents intents = new InMemoryIntents();

    IntentMatcher matcher(SiteSettings settings) {
        return new IntentMatcher(null, intents, clientId -> Optional.of(settings), CLOCK);
    }

    static Order order(String id, String email, long minor, String currency, String message, boolean test) {
        return new Order(SITE, id, "kofi", "t-" + id, null, null, Money.ofMinor(minor, currency), null, 0, false, "Jo", email,
                message, List.of(), null, test, NOW.toString(), NOW.toString(), Set.of(), null, null, null, 1);
    }

    static Order jo(String id) {
        return order(id, "jo@example.com", 500, "USD", null, false);
    }

    static Intent intent(String id, String reference, String email, long minor, String currency, Instant createdAt,
            boolean test) {
        return new Intent(SITE, id, reference, "Jo", email, Money.ofMinor(minor, currency), "kofi", null, null,
                Intent.timestamp(createdAt), NOW.plus(Duration.ofHours(24)).getEpochSecond(), Intent.State.OPEN, null, null,
                null, test);
    }

    static Intent jos(String id, String reference) {
        return intent(id, reference, "jo@example.com", 500, "USD", NOW.minus(Duration.ofHours(1)), false);
    }

    @Test
    void theOneIntentTheOrderNamesIsMatchedAndClaimedForIt() {
        intents.add(jos("in_a", "OH-7KQ2-M9"));
        intents.add(jos("in_b", "OH-3JX8-P4"));

        Order decided = matcher(SiteSettings.DEFAULTS).decide(order("o1", "jo@example.com", 500, "USD",
                "thanks! OH-7KQ2-M9", false));

        assertThat(decided.match().intentId()).isEqualTo("in_a");
        assertThat(decided.match().review()).isEqualTo(OrderMatch.Review.NONE);
        assertThat(intents.stored(SITE, "in_a").state()).isEqualTo(Intent.State.MATCHED);
        assertThat(intents.stored(SITE, "in_a").orderId()).isEqualTo("o1");
        assertThat(intents.stored(SITE, "in_b").state()).as("the other intent stays open").isEqualTo(Intent.State.OPEN);
    }

    @Test
    void theOneIntentWithTheOrdersEmailAndAmountIsMatchedWhereTheSiteAllowsIt() {
        intents.add(jos("in_a", "OH-7KQ2-M9"));

        Order decided = matcher(BY_EMAIL).decide(jo("o1"));

        assertThat(decided.match().intentId()).isEqualTo("in_a");
        assertThat(intents.stored(SITE, "in_a").orderId()).isEqualTo("o1");
    }

    @Test
    void twoFittingIntentsLeaveTheOrderInReviewWithBothAndClaimNeither() {
        intents.add(jos("in_a", "OH-7KQ2-M9"));
        intents.add(jos("in_b", "OH-3JX8-P4"));

        Order decided = matcher(BY_EMAIL).decide(jo("o1"));

        assertThat(decided.match().matched()).isFalse();
        assertThat(decided.match().review()).isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(decided.match().reason()).isEqualTo("2 candidates by email+amount+currency");
        assertThat(decided.match().candidates()).containsExactlyInAnyOrder("in_a", "in_b");
        assertThat(intents.stored(SITE, "in_a").state()).isEqualTo(Intent.State.OPEN);
        assertThat(intents.stored(SITE, "in_b").state()).isEqualTo(Intent.State.OPEN);
    }

    private String reviewReason(Intent only) {
        intents.add(only);
        Order decided = matcher(BY_EMAIL).decide(jo("o1"));
        assertThat(decided.match().review()).isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(decided.match().candidates()).isEmpty();
        assertThat(intents.stored(SITE, only.intentId()).state()).isEqualTo(Intent.State.OPEN);
        return decided.match().reason();
    }

    @Test
    void withNoCandidateTheReasonNamesAnotherEmail() {
        assertThat(reviewReason(intent("in_a", "OH-7KQ2-M9", "sam@example.com", 500, "USD", NOW.minusSeconds(60), false)))
                .isEqualTo("no candidate: no open intent with this e-mail");
    }

    @Test
    void withNoCandidateTheReasonNamesAnotherAmount() {
        assertThat(reviewReason(intent("in_a", "OH-7KQ2-M9", "jo@example.com", 700, "USD", NOW.minusSeconds(60), false)))
                .startsWith("no candidate: 1 open intent with this e-mail, but for another amount or currency")
                .contains("5.00 USD").contains("7.00 USD");
    }

    @Test
    void withNoCandidateTheReasonNamesAnotherCurrency() {
        assertThat(reviewReason(intent("in_a", "OH-7KQ2-M9", "jo@example.com", 500, "EUR", NOW.minusSeconds(60), false)))
                .startsWith("no candidate: 1 open intent with this e-mail, but for another amount or currency")
                .contains("EUR");
    }

    @Test
    void withNoCandidateTheReasonNamesTheWindowAnIntentCreatedLongBeforeMissed() {
        assertThat(reviewReason(intent("in_a", "OH-7KQ2-M9", "jo@example.com", 500, "USD", NOW.minus(Duration.ofHours(72)),
                false))).contains("outside the 48 h window before the order");
    }

    @Test
    void anIntentAlreadyTakenByOneOrderIsNotMatchedToTheNextThatNamesIt() {
        intents.add(jos("in_a", "OH-7KQ2-M9"));
        IntentMatcher matcher = matcher(SiteSettings.DEFAULTS);
        assertThat(matcher.decide(order("o1", "jo@example.com", 500, "USD", "OH-7KQ2-M9", false)).match().intentId())
                .isEqualTo("in_a");

        Order second = matcher.decide(order("o2", "jo@example.com", 500, "USD", "OH-7KQ2-M9", false));

        assertThat(second.match().matched()).isFalse();
        assertThat(second.match().review()).isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(intents.stored(SITE, "in_a").orderId()).isEqualTo("o1");
    }

    @Test
    void aTestModePaymentNeverTakesALiveIntentEvenNamingItsReference() {
        intents.add(jos("in_live", "OH-7KQ2-M9"));

        Order decided = matcher(BY_EMAIL).decide(order("o1", "jo@example.com", 500, "USD", "OH-7KQ2-M9", true));

        assertThat(decided.match().matched()).isFalse();
        assertThat(decided.match().review()).isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(decided.match().reason()).startsWith("reference OH-7KQ2-M9 in message, but").contains("in test mode");
        assertThat(intents.stored(SITE, "in_live").state()).isEqualTo(Intent.State.OPEN);
    }
}
