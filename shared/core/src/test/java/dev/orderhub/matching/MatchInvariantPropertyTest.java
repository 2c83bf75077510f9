package dev.orderhub.matching;

import static dev.orderhub.matching.UnderpaidReferenceAttackTest.ORDER_AT;
import static dev.orderhub.matching.UnderpaidReferenceAttackTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.Intent;
import dev.orderhub.intent.References;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever the payment and the intent, a match means the payment covers the intent: same
 * currency, a compatible provider, at least the amount, the same test mode; by reference or by
 * e-mail, with e-mail matching opted in or not.
 */
class MatchInvariantPropertyTest {
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");
    private static final List<String> PROVIDERS = List.of("kofi", "stripe", "bmc");

    @Property(tries = 2000)
    void aMatchImpliesThePaymentCoversTheIntent(
            @ForAll @LongRange(min = 1, max = 2000) long paidMinor, @ForAll @IntRange(min = 0, max = 2) int paidCurrency,
            @ForAll @IntRange(min = 0, max = 2) int paidProvider, @ForAll boolean paidTest,
            @ForAll @LongRange(min = 1, max = 2000) long expectedMinor, @ForAll @IntRange(min = 0, max = 2) int expectedCurrency,
            @ForAll @IntRange(min = 0, max = 3) int expectedProvider, @ForAll boolean expectedTest,
            @ForAll boolean withReference, @ForAll boolean sameEmail, @ForAll boolean autoMatchByEmail) {
        String intentProvider = expectedProvider == 3 ? null : PROVIDERS.get(expectedProvider);
        Intent intent = new Intent("site_a", "in_a", "OH-7KQ2-M9", "Jo", "jo@example.com",
                Money.ofMinor(expectedMinor, CURRENCIES.get(expectedCurrency)), intentProvider, null, null,
                Intent.timestamp(ORDER_AT.minusSeconds(60)), ORDER_AT.plusSeconds(86_400).getEpochSecond(),
                Intent.State.OPEN, null, null, null, expectedTest);
        String provider = PROVIDERS.get(paidProvider);
        Order order = new Order("site_a", provider + "_x", provider, "t-1", null, null,
                Money.ofMinor(paidMinor, CURRENCIES.get(paidCurrency)), null, 0, false, "Jo",
                sameEmail ? "JO@example.com" : "someone@example.com", withReference ? "thanks oh-7kq2-m9" : "thanks",
                List.of(), null, paidTest, ORDER_AT.toString(), ORDER_AT.toString(), Set.of(), null, null, null, 1);

        MatchDecision d = MatchRules.decide(order, true, autoMatchByEmail, WINDOW, References.findIn(order.message()),
                withReference ? List.of(intent) : List.of(), List.of(intent));

        if (d.matched()) {
            assertThat(order.amount().currency()).isEqualTo(intent.amount().currency());
            assertThat(intentProvider == null || intentProvider.equals(provider)).isTrue();
            assertThat(order.amount().minor()).isGreaterThanOrEqualTo(intent.amount().minor());
            assertThat(order.test()).isEqualTo(intent.test());
            assertThat(withReference || autoMatchByEmail).as("e-mail alone matches only where the site opted in").isTrue();
        }
    }
}
