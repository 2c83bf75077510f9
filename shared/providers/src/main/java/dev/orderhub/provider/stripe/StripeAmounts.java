package dev.orderhub.provider.stripe;

import dev.orderhub.money.Money;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Stripe's integer amounts as the hub's {@link Money}. Stripe states amounts in its own minor
 * units: whole units for its zero-decimal currencies (JPY, KRW, …), thousandths for its
 * three-decimal ones, hundredths for every other currency. That is ISO 4217 (the JDK's digits,
 * which Money uses) except for two currencies: ISK, which Stripe keeps two-decimal ("an ISK
 * amount of 100 represents 1 króna") though ISO gives it none, and MGA, which Stripe treats as
 * zero-decimal though ISO gives it two. Converting through the decimal value gets all of them right.
 * Source: docs.stripe.com/currencies (zero-decimal and three-decimal lists, special cases).
 */
final class StripeAmounts {
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {}

    /**
     * @param amount Stripe's integer amount
     * @param currency upper-case ISO 4217 code
     * @throws IllegalArgumentException when the amount has a fraction the currency cannot hold
     *     (fractional ISK from before April 2023)
     */
    static Money toMoney(long amount, String currency) {
        int stripeDigits = ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
        return Money.parse(BigDecimal.valueOf(amount, stripeDigits).toPlainString(), currency);
    }
}
