package dev.orderhub.mail;

import dev.orderhub.money.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as a buyer reads them: the locale's currency format with the currency's own number of
 * decimals ("$12.50", "₩15,000", "US$12.50" in Korean). The exact minor units go in; no floating
 * point on the way.
 */
public final class AmountFormat {
    private AmountFormat() {}

    public static String format(Money m, Locale locale) {
        int digits = Money.fractionDigits(m.currency());
        BigDecimal value = BigDecimal.valueOf(m.minor(), digits);
        try {
            NumberFormat f = NumberFormat.getCurrencyInstance(locale);
            f.setCurrency(Currency.getInstance(m.currency()));
            f.setMinimumFractionDigits(digits);
            f.setMaximumFractionDigits(digits);
            return f.format(value);
        } catch (IllegalArgumentException unknownToTheJdk) {
            return value.toPlainString() + " " + m.currency();
        }
    }
}
