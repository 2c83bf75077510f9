package dev.orderhub.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void parsesDecimalAmountsIntoMinorUnits() {
        assertThat(Money.parse("3.00", "usd")).isEqualTo(Money.ofMinor(300, "USD"));
        assertThat(Money.parse("0.1", "EUR").minor()).isEqualTo(10);
        assertThat(Money.parse("12345678901.99", "USD").minor()).isEqualTo(1234567890199L);
    }

    @Test
    void zeroDecimalCurrenciesHaveNoMinorUnits() {
        assertThat(Money.parse("1500", "KRW").minor()).isEqualTo(1500);
        assertThat(Money.parse("500", "JPY").minor()).isEqualTo(500);
        assertThat(Money.parse("500.00", "JPY").minor()).isEqualTo(500);
        assertThat(Money.ofMinor(1500, "KRW").toDecimalString()).isEqualTo("1500");
        assertThat(Money.ofMinor(300, "USD").toDecimalString()).isEqualTo("3.00");
        assertThat(Money.ofMinor(1234, "BHD").toDecimalString()).isEqualTo("1.234");
    }

    @Test
    void refusesPrecisionTheCurrencyDoesNotHave() {
        assertThatThrownBy(() -> Money.parse("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("3.001", "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatIsNotAnAmount() {
        assertThatThrownBy(() -> Money.parse("3,00", "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1e400", "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("", "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1", "US")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
