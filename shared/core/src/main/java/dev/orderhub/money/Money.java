package dev.orderhub.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An exact amount: whole minor units (cents; yen and won have none) of an ISO 4217 currency.
 * Never a floating-point number.
 */
public record Money(long minor, String currency) {
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        if (currency == null || !CODE.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a three-letter ISO 4217 code");
        }
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(minor, normalizeCode(currency));
    }

    /**
     * Parses a decimal major-unit amount such as "3.00" or "1500" (KRW). Rejects amounts with
     * more fraction digits than the currency has, unless the extra digits are zeros.
     */
    public static Money parse(String decimal, String currency) {
        String code = normalizeCode(currency);
        if (decimal == null || decimal.isBlank()) {
            throw new IllegalArgumentException("amount is missing");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a decimal number: " + abbreviate(decimal));
        }
        int digits = fractionDigits(code);
        BigDecimal minor = value.movePointRight(digits);
        try {
            return new Money(minor.stripTrailingZeros().longValueExact(), code);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + abbreviate(decimal) + " has more precision than " + code + " allows");
        }
    }

    /** Fraction digits of a currency (2 for USD, 0 for JPY and KRW); 2 when the JDK does not know it. */
    public static int fractionDigits(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** The major-unit decimal, e.g. "3.00" for 300 USD cents, "1500" for 1500 KRW. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, fractionDigits(currency)).toPlainString();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    private static String normalizeCode(String currency) {
        if (currency == null) {
            throw new IllegalArgumentException("currency is missing");
        }
        return currency.trim().toUpperCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "…" : s;
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }
}
