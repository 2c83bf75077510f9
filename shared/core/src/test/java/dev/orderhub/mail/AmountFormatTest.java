package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AmountFormatTest {
    @Test
    void zeroDecimalCurrenciesHaveNoDecimalsAndOthersTheirOwn() {
        assertThat(AmountFormat.format(Money.ofMinor(15000, "KRW"), Locale.KOREA)).isEqualTo("₩15,000");
        assertThat(AmountFormat.format(Money.ofMinor(3000, "JPY"), Locale.US)).isEqualTo("¥3,000");
        assertThat(AmountFormat.format(Money.ofMinor(1250, "USD"), Locale.US)).isEqualTo("$12.50");
        assertThat(AmountFormat.format(Money.ofMinor(1250, "USD"), Locale.KOREA)).isEqualTo("US$12.50");
        assertThat(AmountFormat.format(Money.ofMinor(12345, "BHD"), Locale.US)).as("three decimals").endsWith("12.345");
    }
}
