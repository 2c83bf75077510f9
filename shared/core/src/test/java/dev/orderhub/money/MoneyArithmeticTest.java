package dev.orderhub.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyArithmeticTest {
    @Test
    void onlyAmountsOfOneCurrencyAdd() {
        assertThat(Money.ofMinor(250, "USD").plus(Money.ofMinor(50, "USD"))).isEqualTo(Money.ofMinor(300, "USD"));
        assertThatThrownBy(() -> Money.ofMinor(250, "USD").plus(Money.ofMinor(50, "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("currency mismatch: USD vs EUR");
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, "USD").plus(Money.ofMinor(1, "USD")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aCurrencyTheJdkDoesNotKnowHasTwoDecimals() {
        assertThat(Money.fractionDigits("XYZ")).isEqualTo(2);
        assertThat(Money.parse("1.50", "xyz")).isEqualTo(Money.ofMinor(150, "XYZ"));
        assertThat(Money.fractionDigits("XAU")).as("gold has no minor unit in the JDK (-1)").isEqualTo(2);
    }

    @Test
    void aRefusedAmountIsQuotedShortened() {
        String long33 = "1".repeat(30) + "x.5";
        assertThatThrownBy(() -> Money.parse(long33, "USD"))
                .hasMessage("amount is not a decimal number: " + long33.substring(0, 32) + "…");
        String exactly32 = "1".repeat(29) + "x.5";
        assertThatThrownBy(() -> Money.parse(exactly32, "USD")).hasMessage("amount is not a decimal number: " + exactly32);
        assertThat(Money.ofMinor(300, "usd").toString()).isEqualTo("3.00 USD");
    }
}
