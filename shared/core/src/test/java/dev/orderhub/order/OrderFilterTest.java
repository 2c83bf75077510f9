package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an admin's order list shows: every criterion narrows, a null one accepts all. */
class OrderFilterTest {
    private static Order order(Money amount, String email, String name, String message, boolean test) {
        return new Order("site_a", "kofi_x", "kofi", "t-1", OrderStatus.PAID, OrderStatus.PAID, amount, null, 0, false,
                name, email, message, List.of(), null, test, "t", "t", Set.of(), null, null, null, 1);
    }

    private static final Order PAID_5_USD = order(Money.ofMinor(500, "USD"), "Ann@Example.com", "Ann Lee", "for the Blue mug", false);
    private static final Order NO_AMOUNT = order(null, null, null, null, true);

    private static OrderFilter f(String provider, OrderStatus status, Long min, Long max, String currency, String email,
            String q, String tag, Boolean test) {
        return new OrderFilter(provider, status, min, max, currency, email, q, tag, test);
    }

    @Test
    void theEmptyFilterAcceptsEveryOrderAndIsEmpty() {
        assertThat(OrderFilter.ALL.isEmpty()).isTrue();
        assertThat(OrderFilter.ALL.matches(PAID_5_USD)).isTrue();
        assertThat(OrderFilter.ALL.matches(NO_AMOUNT)).isTrue();
        assertThat(f("kofi", null, null, null, null, null, null, null, null).isEmpty()).isFalse();
    }

    @Test
    void providerAndStatusMustBeEqual() {
        assertThat(f("kofi", null, null, null, null, null, null, null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f("stripe", null, null, null, null, null, null, null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, OrderStatus.PAID, null, null, null, null, null, null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, OrderStatus.REFUNDED, null, null, null, null, null, null, null).matches(PAID_5_USD)).isFalse();
    }

    @Test
    void amountBoundsAreInclusiveInMinorUnitsAndExcludeOrdersWithoutAmount() {
        assertThat(f(null, null, 500L, 500L, null, null, null, null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, 501L, null, null, null, null, null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, null, 499L, null, null, null, null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, 0L, null, null, null, null, null, null).matches(NO_AMOUNT)).isFalse();
        assertThat(f(null, null, null, 1000L, null, null, null, null, null).matches(NO_AMOUNT)).isFalse();
    }

    @Test
    void currencyMustBeTheOrders() {
        assertThat(f(null, null, null, null, "USD", null, null, null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, null, null, "EUR", null, null, null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, null, null, "USD", null, null, null, null).matches(NO_AMOUNT)).isFalse();
    }

    @Test
    void emailIsTheWholeAddressIgnoringCase() {
        assertThat(f(null, null, null, null, null, "ann@example.COM", null, null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, null, null, null, "ann@example", null, null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, null, null, null, "ann@example.com", null, null, null).matches(NO_AMOUNT)).isFalse();
    }

    @Test
    void textIsFoundInTheBuyersNameOrTheMessageIgnoringCase() {
        assertThat(f(null, null, null, null, null, null, "LEE", null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, null, null, null, null, "blue MUG", null, null).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, null, null, null, null, "red", null, null).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, null, null, null, null, "a", null, null).matches(NO_AMOUNT)).isFalse();
    }

    @Test
    void aTagMustBeAmongTheOrdersTags() {
        OrderFilter vip = f(null, null, null, null, null, null, null, "vip", null);
        assertThat(vip.matches(PAID_5_USD.withTags(Set.of("first", "vip")))).isTrue();
        assertThat(vip.matches(PAID_5_USD.withTags(Set.of("first")))).isFalse();
    }

    @Test
    void testOrdersAreShownOrHiddenOnRequest() {
        assertThat(f(null, null, null, null, null, null, null, null, true).matches(NO_AMOUNT)).isTrue();
        assertThat(f(null, null, null, null, null, null, null, null, true).matches(PAID_5_USD)).isFalse();
        assertThat(f(null, null, null, null, null, null, null, null, false).matches(PAID_5_USD)).isTrue();
        assertThat(f(null, null, null, null, null, null, null, null, false).matches(NO_AMOUNT)).isFalse();
    }
}
